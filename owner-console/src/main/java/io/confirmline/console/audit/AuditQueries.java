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
package io.confirmline.console.audit;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Reading the audit log back, newest first, a page at a time ({@code before} is the last id of the previous page). */
@Repository
public class AuditQueries {

    private static final String COLUMNS = "id, at, actor, action, tenant_id, detail, remote_address";

    private final DatabaseClient db;

    public AuditQueries(DatabaseClient db) {
        this.db = db;
    }

    public Flux<AuditRecord> forTenant(String tenantId, Long before, int limit) {
        return db.sql("SELECT " + COLUMNS
                        + " FROM audit_log WHERE tenant_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3")
                .bind(0, tenantId)
                .bind(1, before == null ? Long.MAX_VALUE : before)
                .bind(2, limit)
                .map(AuditQueries::read)
                .all();
    }

    public Flux<AuditRecord> all(Long before, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2")
                .bind(0, before == null ? Long.MAX_VALUE : before)
                .bind(1, limit)
                .map(AuditQueries::read)
                .all();
    }

    private static AuditRecord read(Readable row) {
        return new AuditRecord(
                row.get("id", Long.class),
                row.get("at", OffsetDateTime.class).toInstant(),
                row.get("actor", String.class),
                row.get("action", String.class),
                row.get("tenant_id", String.class),
                row.get("detail", String.class),
                row.get("remote_address", String.class));
    }
}
