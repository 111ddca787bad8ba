package io.confirmline.orchestrator.api;

import io.confirmline.orchestrator.tenant.OrchestratorTenantProperties.Tenant;
import io.confirmline.orchestrator.tenant.Tenants;
import org.springframework.stereotype.Component;

/** {@code Authorization: Bearer <platform API key>} → the tenant it belongs to, or 401. */
@Component
public class PlatformAuthentication {

    private final Tenants tenants;

    public PlatformAuthentication(Tenants tenants) {
        this.tenants = tenants;
    }

    public Tenant tenant(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiRefusals.unauthorized();
        }
        return tenants.byPlatformKey(authorization.substring(7).trim()).orElseThrow(ApiRefusals::unauthorized);
    }
}
