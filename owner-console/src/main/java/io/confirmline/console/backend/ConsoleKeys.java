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
package io.confirmline.console.backend;

import io.confirmline.console.tenant.TenantService;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tenant's console key as an {@code Authorization} value. Opened from its sealed form on each request: owner
 * actions are rare, and a key replaced with its tenant is never served stale.
 */
@Component
class ConsoleKeys {

    private final TenantService tenants;

    ConsoleKeys(TenantService tenants) {
        this.tenants = tenants;
    }

    Mono<String> authorization(String service, String tenantId) {
        return tenants.consoleKey(tenantId)
                .flatMap(key -> key.map(value -> Mono.just("Bearer " + value))
                        .orElseGet(() -> Mono.error(BackendException.noKey(service, tenantId))));
    }
}
