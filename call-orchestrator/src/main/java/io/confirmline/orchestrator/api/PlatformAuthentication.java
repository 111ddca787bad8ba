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
