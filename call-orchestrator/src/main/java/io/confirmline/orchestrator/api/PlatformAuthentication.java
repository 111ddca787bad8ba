package io.confirmline.orchestrator.api;

import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.tenant.Tenant;
import org.springframework.stereotype.Component;

/**
 * {@code Authorization: Bearer <platform API key>} → the tenant it belongs to; 401 for a key no tenant has (a
 * deleted tenant's too), 403 for a disabled tenant's. Asked on every request, so a key added, removed or a tenant
 * switched off on {@code tenants.v1} counts from the next request.
 */
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
        Tenant tenant = tenants.byPlatformKey(authorization.substring(7).trim()).orElseThrow(ApiRefusals::unauthorized);
        if (!tenant.enabled()) {
            throw ApiRefusals.tenantDisabled();
        }
        return tenant;
    }
}
