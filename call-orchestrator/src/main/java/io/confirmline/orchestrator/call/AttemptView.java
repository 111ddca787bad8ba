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

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** One attempt of a call as 8x8 reported it: the API's attempt history and the status events' timings. */
public record AttemptView(
        int attempt,
        String attemptId,
        String sessionId,
        Instant dialedAt,
        Instant connectedAt,
        Instant endedAt,
        Integer durationSeconds,
        String providerStatus,
        Integer providerErrorCode,
        String providerErrorMessage,
        String digits,
        String outcome) {

    static final String COLUMNS =
            "attempt, attempt_id, session_id, dialed_at, connected_at, ended_at, duration_seconds, "
                    + "provider_status, provider_error_code, provider_error_message, digits, outcome";

    static final AttemptView NONE =
            new AttemptView(0, null, null, null, null, null, null, null, null, null, null, null);

    /** The call's attempt as stored; {@link #NONE} when it has no such attempt. */
    static Mono<AttemptView> read(DatabaseClient db, UUID callId, int attempt) {
        return db.sql("SELECT " + COLUMNS + " FROM call_attempt WHERE call_id = :id AND attempt = :attempt")
                .bind("id", callId)
                .bind("attempt", attempt)
                .map(AttemptView::of)
                .one()
                .defaultIfEmpty(NONE);
    }

    /** Records the attempt's outcome; emits the attempt as stored then ({@link #NONE} when there is no such attempt). */
    static Mono<AttemptView> recordOutcome(DatabaseClient db, UUID callId, int attempt, String outcome) {
        return db.sql("UPDATE call_attempt SET outcome = :outcome WHERE call_id = :id AND attempt = :attempt RETURNING "
                        + COLUMNS)
                .bind("outcome", outcome)
                .bind("id", callId)
                .bind("attempt", attempt)
                .map(AttemptView::of)
                .one()
                .defaultIfEmpty(NONE);
    }

    static AttemptView of(Readable row) {
        return new AttemptView(
                row.get("attempt", Integer.class),
                row.get("attempt_id", String.class),
                row.get("session_id", String.class),
                instant(row.get("dialed_at", OffsetDateTime.class)),
                instant(row.get("connected_at", OffsetDateTime.class)),
                instant(row.get("ended_at", OffsetDateTime.class)),
                row.get("duration_seconds", Integer.class),
                row.get("provider_status", String.class),
                row.get("provider_error_code", Integer.class),
                row.get("provider_error_message", String.class),
                row.get("digits", String.class),
                row.get("outcome", String.class));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
