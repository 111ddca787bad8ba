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

import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The audit log in the {@code audit_log} table. It writes through the caller's connection when the caller is in a
 * reactive transaction ({@link DatabaseClient} joins it), so a change and its audit line commit or roll back
 * together; outside one (a sign-in) the line commits on its own.
 */
@Repository
public class R2dbcAuditLog implements AuditLog {

    /** Column limits: whatever a caller passes (an email someone typed) is cut to fit rather than refused. */
    static final int MAX_ACTOR = 254;

    static final int MAX_ACTION = 64;
    static final int MAX_TENANT = 64;
    static final int MAX_DETAIL = 1000;
    static final int MAX_ADDRESS = 64;

    private final DatabaseClient db;
    private final Clock clock;

    public R2dbcAuditLog(DatabaseClient db, ObjectProvider<Clock> clock) {
        this.db = db;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public Mono<Void> record(AuditEntry entry) {
        DatabaseClient.GenericExecuteSpec insert = db.sql(
                        "INSERT INTO audit_log (at, actor, action, tenant_id, detail, remote_address) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(0, clock.instant().atOffset(ZoneOffset.UTC))
                .bind(1, fit(entry.actor(), MAX_ACTOR, "anonymous"))
                .bind(2, fit(entry.action(), MAX_ACTION, "unknown"));
        insert = bindNullable(insert, 3, fit(entry.tenantId(), MAX_TENANT, null));
        insert = bindNullable(insert, 4, fit(entry.detail(), MAX_DETAIL, null));
        insert = bindNullable(insert, 5, fit(entry.remoteAddress(), MAX_ADDRESS, null));
        return insert.then();
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(
            DatabaseClient.GenericExecuteSpec spec, int index, String value) {
        return value == null ? spec.bindNull(index, String.class) : spec.bind(index, value);
    }

    /** Printable and bounded: a log line must not be forged with control characters nor grow without limit. */
    static String fit(String value, int max, String whenMissing) {
        if (value == null || value.isBlank()) {
            return whenMissing;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        value.strip().codePoints().limit(max).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
