/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.confirmline.console.startup;

import io.confirmline.console.tenant.TenantService;
import io.confirmline.console.tenant.TenantStore;
import io.confirmline.tenant.SecretsCipher;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * After a secrets-key rotation (a new {@code CONFIRMLINE_SECRETS_KEY}, the old one in
 * {@code CONFIRMLINE_SECRETS_PREVIOUSKEYS}): seals every stored secret under the new key and republishes the
 * tenants concerned, so that once this start is done nothing — database or {@code tenants.v1} — needs the old key
 * any more, and it can be dropped everywhere (docs/operations.md).
 */
@Component
class SecretsKeyReseal implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(SecretsKeyReseal.class);

    private final TenantStore store;
    private final TenantService tenants;
    private final SecretsCipher cipher;

    SecretsKeyReseal(TenantStore store, TenantService tenants, SecretsCipher cipher) {
        this.store = store;
        this.tenants = tenants;
        this.cipher = cipher;
    }

    @Override
    public int getOrder() {
        return 100;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> stale = store.tenantsSealedUnderOtherKeys(cipher.currentKeyId())
                .collectList()
                .block(Duration.ofSeconds(30));
        if (stale == null || stale.isEmpty()) {
            return;
        }
        for (String id : stale) {
            // Fails the start when an old key is not held: its secrets would otherwise be lost.
            tenants.reseal(id, TenantService.Actor.startup()).block(Duration.ofSeconds(30));
        }
        log.info(
                "Secrets of {} tenants sealed again under key {} and republished", stale.size(), cipher.currentKeyId());
    }
}
