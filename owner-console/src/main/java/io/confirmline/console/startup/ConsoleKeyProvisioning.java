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

import io.confirmline.console.tenant.TenantRow;
import io.confirmline.console.tenant.TenantService;
import io.confirmline.console.tenant.TenantStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Gives every tenant that has no console key one (tenants created before console keys; a new tenant gets its key
 * when it is created), so the console can call the orchestrator and the notifier for any tenant it knows.
 */
@Component
class ConsoleKeyProvisioning implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ConsoleKeyProvisioning.class);

    private final TenantStore store;
    private final TenantService tenants;

    ConsoleKeyProvisioning(TenantStore store, TenantService tenants) {
        this.store = store;
        this.tenants = tenants;
    }

    /** After the YAML import (whose new tenants have a key already), before the republish of an emptied topic. */
    @Override
    public int getOrder() {
        return 250;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> ids = store.all().map(TenantRow::id).collectList().block(Duration.ofSeconds(30));
        int added = 0;
        for (String id : ids == null ? List.<String>of() : ids) {
            if (Boolean.TRUE.equals(
                    tenants.ensureConsoleKey(id, TenantService.Actor.startup()).block(Duration.ofSeconds(30)))) {
                added++;
            }
        }
        if (added > 0) {
            log.info("Console keys made for {} tenants and published as their platform keys' digests", added);
        }
    }
}
