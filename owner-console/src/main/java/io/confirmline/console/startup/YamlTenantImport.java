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

import io.confirmline.console.tenant.ClearSecrets;
import io.confirmline.console.tenant.TenantService;
import io.confirmline.tenant.TenantSettings;
import io.confirmline.web.ProblemException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Imports the tenants written under {@code confirmline.tenants[*]} that the database does not have yet, and
 * publishes them; a tenant the database has is left as it is, so a restart changes and publishes nothing. After
 * that the database is the authority: the YAML is how the local stack and small installations seed it.
 *
 * <p>A tenant the YAML gets wrong stops the start, naming every bad field. A secret the YAML leaves blank (its
 * environment variable unset) is not made up: the tenant is imported without it, with a warning, and the secret
 * is added later through the admin API.
 */
@Component
class YamlTenantImport implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(YamlTenantImport.class);

    private final TenantService tenants;
    private final Environment environment;

    YamlTenantImport(TenantService tenants, Environment environment) {
        this.tenants = tenants;
        this.environment = environment;
    }

    /** After the re-seal of secrets under an old key. */
    @Override
    public int getOrder() {
        return 200;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<TenantSettings> declared = Binder.get(environment)
                .bind("confirmline.tenants", Bindable.listOf(TenantSettings.class))
                .orElse(List.of());
        int imported = 0;
        for (int i = 0; i < declared.size(); i++) {
            TenantSettings settings = declared.get(i);
            ClearSecrets secrets = ClearSecrets.of(settings);
            Boolean created;
            try {
                created = tenants.createIfAbsent(settings, secrets, TenantService.Actor.startup())
                        .block(Duration.ofSeconds(60));
            } catch (ProblemException e) {
                throw new IllegalStateException(
                        "confirmline.tenants[" + i + "] (" + settings.id() + ") cannot be " + "imported: " + e.detail(),
                        e);
            }
            if (Boolean.TRUE.equals(created)) {
                imported++;
                warnMissing(settings.id(), secrets);
                log.info("Tenant {} imported from confirmline.tenants[{}]", settings.id(), i);
            }
        }
        if (!declared.isEmpty()) {
            log.info("YAML tenants: {} declared, {} imported, the rest already known", declared.size(), imported);
        }
    }

    private static void warnMissing(String id, ClearSecrets secrets) {
        if (secrets.apiKey() == null) {
            log.warn("Tenant {} has no 8x8 API key: add it with POST /api/admin/tenants/{}/secrets/api-key", id, id);
        }
        if (secrets.webhookTokens().isEmpty()) {
            log.warn(
                    "Tenant {} has no webhook token: 8x8's webhooks are refused until one is added "
                            + "(POST /api/admin/tenants/{}/register-webhooks)",
                    id,
                    id);
        }
        if (secrets.platformApiKeys().isEmpty()) {
            log.warn("Tenant {} has no platform API key: its API calls are refused until one is added", id);
        }
        if (secrets.signingSecrets().isEmpty()) {
            log.warn("Tenant {} has no signing secret: its webhooks cannot be signed until one is added", id);
        }
    }
}
