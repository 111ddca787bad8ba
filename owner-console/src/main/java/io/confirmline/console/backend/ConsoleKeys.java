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
        return tenants.consoleKey(tenantId).flatMap(key -> key.map(value -> Mono.just("Bearer " + value))
                .orElseGet(() -> Mono.error(BackendException.noKey(service, tenantId))));
    }
}
