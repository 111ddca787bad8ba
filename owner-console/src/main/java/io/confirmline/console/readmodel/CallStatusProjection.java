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

import static io.confirmline.console.readmodel.Binds.bind;
import static io.confirmline.console.readmodel.Binds.time;

import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import io.confirmline.kafka.InvalidEventException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * {@code calls.status.v1} into {@code call_status_view}: every status change of every call with its timings and
 * 8x8's codes (a booking's attempts, the analytics, the export). A change about a booking is a change of its page.
 */
@Component
class CallStatusProjection {

    private final DatabaseClient db;

    CallStatusProjection(DatabaseClient db) {
        this.db = db;
    }

    Flux<LiveChange.Subject> apply(CallStatusChanged change) {
        if (change.getTenantId() == null || change.getTenantId().isBlank() || change.getSubjectId() == null) {
            throw new InvalidEventException("A status change without a tenant or subject");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO call_status_view (event_id, tenant_id, subject_type, subject_id, call_id, attempt,
                               previous_status, status, channel, reason, digits, scheduled_for, dialed_at, connected_at,
                               ended_at, duration_seconds, provider_status, provider_error_code, occurred_at)
                        VALUES (:eventId, :tenant, :subjectType, :subjectId, :callId, :attempt, :previous, :status,
                               :channel, :reason, :digits, :scheduledFor, :dialedAt, :connectedAt, :endedAt, :duration,
                               :providerStatus, :providerError, :occurredAt)
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("eventId", change.getEventId())
                .bind("tenant", change.getTenantId())
                .bind("subjectType", change.getSubjectType().name())
                .bind("subjectId", change.getSubjectId())
                .bind("callId", change.getCallId())
                .bind("attempt", change.getAttempt())
                .bind("status", change.getStatus().name())
                .bind(
                        "channel",
                        change.getChannel() == null
                                ? "VOICE"
                                : change.getChannel().name());
        spec = bind(
                spec,
                "previous",
                change.getPreviousStatus() == null
                        ? null
                        : change.getPreviousStatus().name(),
                String.class);
        spec = bind(spec, "reason", change.getReason(), String.class);
        spec = bind(spec, "digits", change.getDigits(), String.class);
        spec = time(spec, "scheduledFor", change.getScheduledFor());
        spec = time(spec, "dialedAt", change.getDialedAt());
        spec = time(spec, "connectedAt", change.getConnectedAt());
        spec = time(spec, "endedAt", change.getEndedAt());
        spec = time(spec, "occurredAt", change.getOccurredAt());
        spec = bind(spec, "duration", change.getDurationSeconds(), Integer.class);
        spec = bind(spec, "providerStatus", change.getProviderStatus(), String.class);
        spec = bind(spec, "providerError", change.getProviderErrorCode(), Integer.class);
        boolean aboutBooking = change.getSubjectType() == SubjectType.RESERVATION
                || change.getSubjectType() == SubjectType.APPOINTMENT;
        return spec.fetch()
                .rowsUpdated()
                .flatMapMany(rows -> rows == 0 || !aboutBooking
                        ? Flux.empty()
                        : Flux.just(new LiveChange.Subject(
                                change.getTenantId(), LiveChange.Kind.BOOKING, change.getSubjectId())));
    }
}
