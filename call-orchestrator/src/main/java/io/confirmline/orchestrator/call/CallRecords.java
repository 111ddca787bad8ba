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
package io.confirmline.orchestrator.call;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads calls for the API; every read is scoped to one tenant. */
@Component
public class CallRecords {

    private static final String COLUMNS =
            "id, tenant_id, subject_type, subject_id, status, attempt, due_at, valid_until, "
                    + "reason, session_id, dialed_at, digits";

    private final DatabaseClient db;

    public CallRecords(DatabaseClient db) {
        this.db = db;
    }

    /** The call of a booking or message. */
    public Mono<CallView> bySubject(String tenantId, String subjectId) {
        return db.sql("SELECT " + COLUMNS + " FROM call WHERE tenant_id = :tenant AND subject_id = :subject")
                .bind("tenant", tenantId)
                .bind("subject", subjectId)
                .map(CallRecords::view)
                .one();
    }

    public Mono<CallView> byId(String tenantId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM call WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tenantId)
                .bind("id", id)
                .map(CallRecords::view)
                .one();
    }

    /** The call's attempts, first first. */
    public reactor.core.publisher.Flux<AttemptView> attempts(UUID callId) {
        return db.sql("SELECT " + AttemptView.COLUMNS + " FROM call_attempt WHERE call_id = :id ORDER BY attempt")
                .bind("id", callId)
                .map(AttemptView::of)
                .all();
    }

    /** The call as the API shows it, with its attempts. */
    public Mono<CallApi.CallDetails> details(CallView call) {
        return attempts(call.id())
                .collectList()
                .map(attempts -> new CallApi.CallDetails(
                        call.id().toString(),
                        call.subjectType(),
                        call.subjectId(),
                        call.status(),
                        call.attempt(),
                        call.scheduledFor(),
                        call.validUntil(),
                        call.reason(),
                        call.digits(),
                        attempts));
    }

    private static CallView view(io.r2dbc.spi.Readable row) {
        String status = row.get("status", String.class);
        return new CallView(
                row.get("id", UUID.class),
                row.get("tenant_id", String.class),
                row.get("subject_type", String.class),
                row.get("subject_id", String.class),
                status,
                row.get("attempt", Integer.class),
                // When the (current) attempt was due: kept once it is dialing and after, so a client sees the plan.
                instant(row.get("due_at", OffsetDateTime.class)),
                instant(row.get("valid_until", OffsetDateTime.class)),
                row.get("reason", String.class),
                row.get("session_id", String.class),
                instant(row.get("dialed_at", OffsetDateTime.class)),
                row.get("digits", String.class));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
