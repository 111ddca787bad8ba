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
package io.confirmline.console.analytics;

import io.confirmline.console.tenant.TenantStore;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Finds a tenant's name and zone in the registry (the console's authority for tenants). */
@Component
public class ReportTenants {

    private final TenantStore tenants;

    public ReportTenants(TenantStore tenants) {
        this.tenants = tenants;
    }

    /** The tenant; empty when there is none by that id. */
    public Mono<ReportTenant> find(String tenantId) {
        return tenants.find(tenantId)
                .map(row -> new ReportTenant(
                        row.id(),
                        row.settings().displayName() == null
                                        || row.settings().displayName().isBlank()
                                ? row.id()
                                : row.settings().displayName(),
                        zone(row.settings().timeZone())));
    }

    /** The registry refuses unknown zones, so UTC only for a row written before it checked. */
    private static ZoneId zone(String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
