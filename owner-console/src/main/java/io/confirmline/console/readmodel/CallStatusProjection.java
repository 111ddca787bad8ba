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

import static io.confirmline.console.readmodel.Binds.integers;
import static io.confirmline.console.readmodel.Binds.texts;
import static io.confirmline.console.readmodel.Binds.times;

import io.confirmline.events.CallStatusChanged;
import io.confirmline.kafka.InvalidEventException;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * {@code calls.status.v1} into {@code call_status_view}: every status change of every call with its timings and
 * 8x8's codes (a booking's attempts, the analytics, the export). A change about a booking is a change of its page.
 */
@Component
class CallStatusProjection {

    /**
     * A poll's changes in one statement (one array per column, in the poll's order): the status topic carries about
     * four changes per booking, and a statement per change was the console's largest share of its statements.
     */
    static final String INSERT = """
            WITH stored AS (
            INSERT INTO call_status_view (event_id, tenant_id, subject_type, subject_id, call_id, attempt,
                   previous_status, status, channel, reason, digits, scheduled_for, dialed_at, connected_at,
                   ended_at, duration_seconds, provider_status, provider_error_code, occurred_at)
            SELECT e, t, st, s, c, a, ps, x, ch, r, d, sf, da, ca, ea, ds, pst, pe, oa
            FROM unnest(:eventIds::text[], :tenants::text[], :subjectTypes::text[], :subjectIds::text[],
                        :callIds::text[], :attempts::integer[], :previous::text[], :statuses::text[],
                        :channels::text[], :reasons::text[], :digits::text[], :scheduledFor::timestamptz[],
                        :dialedAt::timestamptz[], :connectedAt::timestamptz[], :endedAt::timestamptz[],
                        :durations::integer[], :providerStatuses::text[], :providerErrors::integer[],
                        :occurredAt::timestamptz[])
                 WITH ORDINALITY AS i(e, t, st, s, c, a, ps, x, ch, r, d, sf, da, ca, ea, ds, pst, pe, oa, n)
            ORDER BY n
            ON CONFLICT (event_id) DO NOTHING
            RETURNING tenant_id, subject_type, subject_id)
            SELECT tenant_id, subject_id FROM stored WHERE subject_type IN ('RESERVATION', 'APPOINTMENT')""";

    private final DatabaseClient db;

    CallStatusProjection(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Stores the changes not stored before; the bookings whose page they change (one per stored change about a
     * booking: a one-way voice message has no page).
     */
    Flux<LiveChange.Subject> applyAll(List<CallStatusChanged> changes) {
        for (CallStatusChanged change : changes) {
            if (change.getTenantId() == null || change.getTenantId().isBlank() || change.getSubjectId() == null) {
                throw new InvalidEventException("A status change without a tenant or subject");
            }
        }
        return db.sql(INSERT)
                .bind("eventIds", texts(changes, CallStatusChanged::getEventId))
                .bind("tenants", texts(changes, CallStatusChanged::getTenantId))
                .bind(
                        "subjectTypes",
                        texts(changes, change -> change.getSubjectType().name()))
                .bind("subjectIds", texts(changes, CallStatusChanged::getSubjectId))
                .bind("callIds", texts(changes, CallStatusChanged::getCallId))
                .bind("attempts", integers(changes, CallStatusChanged::getAttempt))
                .bind("previous", texts(changes, change -> nameOf(change.getPreviousStatus())))
                .bind("statuses", texts(changes, change -> change.getStatus().name()))
                .bind(
                        "channels",
                        texts(
                                changes,
                                change -> change.getChannel() == null
                                        ? "VOICE"
                                        : change.getChannel().name()))
                .bind("reasons", texts(changes, CallStatusChanged::getReason))
                .bind("digits", texts(changes, CallStatusChanged::getDigits))
                .bind("scheduledFor", times(changes, CallStatusChanged::getScheduledFor))
                .bind("dialedAt", times(changes, CallStatusChanged::getDialedAt))
                .bind("connectedAt", times(changes, CallStatusChanged::getConnectedAt))
                .bind("endedAt", times(changes, CallStatusChanged::getEndedAt))
                .bind("durations", integers(changes, CallStatusChanged::getDurationSeconds))
                .bind("providerStatuses", texts(changes, CallStatusChanged::getProviderStatus))
                .bind("providerErrors", integers(changes, CallStatusChanged::getProviderErrorCode))
                .bind("occurredAt", times(changes, CallStatusChanged::getOccurredAt))
                .map(row -> new LiveChange.Subject(
                        row.get("tenant_id", String.class),
                        LiveChange.Kind.BOOKING,
                        row.get("subject_id", String.class)))
                .all();
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
