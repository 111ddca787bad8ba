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
package io.confirmline.console.readmodel;

import static io.confirmline.console.readmodel.Binds.time;

import io.confirmline.events.TenantConfigured;
import io.confirmline.kafka.InvalidEventException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code tenants.v1} into {@code tenant_view}: what the pages need of a tenant (its name, its time zone for
 * "today"), from the topic like every other service — a lower revision changes nothing; a tombstone removes it.
 */
@Component
class TenantProjection {

    private final DatabaseClient db;

    TenantProjection(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> apply(TenantConfigured tenant) {
        if (tenant.getTenantId() == null || tenant.getTenantId().isBlank()) {
            throw new InvalidEventException("A tenant record without a tenant id");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO tenant_view AS v (tenant_id, revision, display_name, time_zone, enabled, updated_at)
                        VALUES (:tenant, :revision, :name, :zone, :enabled, :at)
                        ON CONFLICT (tenant_id) DO UPDATE SET revision = EXCLUDED.revision,
                               display_name = EXCLUDED.display_name, time_zone = EXCLUDED.time_zone,
                               enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at
                        WHERE v.revision <= EXCLUDED.revision""")
                .bind("tenant", tenant.getTenantId())
                .bind("revision", tenant.getRevision())
                .bind("name", tenant.getDisplayName())
                .bind("zone", tenant.getTimeZone())
                .bind("enabled", tenant.getEnabled());
        return time(spec, "at", tenant.getOccurredAt()).then();
    }

    Mono<Void> removed(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw new InvalidEventException("A tenants.v1 tombstone without a key");
        }
        return db.sql("DELETE FROM tenant_view WHERE tenant_id = $1")
                .bind(0, tenantId)
                .then();
    }
}
