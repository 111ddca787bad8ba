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
package io.confirmline.orchestrator.reservation;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.booking.BookingSnapshots;
import io.confirmline.orchestrator.call.SubjectIdTaken;
import io.confirmline.orchestrator.idempotency.ProcessedEvents;
import io.confirmline.orchestrator.outbox.Outbox;
import io.confirmline.orchestrator.outbox.TraceParent;
import io.confirmline.orchestrator.schedule.SchedulePolicy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies a booking event to the orchestrator's tables in one transaction: the eventId (a redelivery changes
 * nothing), the booking (an older version never overwrites a newer one), its call (scheduled, moved, skipped or
 * withdrawn), and the {@code CallStatusChanged} that announces a change, into the outbox.
 */
@Component
public class BookingStore {

    /** What applying an event did. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        STALE
    }

    private final DatabaseClient db;
    private final ProcessedEvents processed;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final BookingSnapshots snapshots;

    public BookingStore(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Outbox outbox,
            BookingSnapshots snapshots,
            ProcessedEvents processed) {
        this.db = db;
        this.processed = processed;
        this.transaction = TransactionalOperator.create(transactions);
        this.outbox = outbox;
        this.snapshots = snapshots;
    }

    private record CallRow(UUID id, String status, int attempt, String subjectType) {}

    /** Applies the event; {@code decision} is the schedule for a CREATED or UPDATED booking (ignored otherwise). */
    public Mono<Outcome> apply(ReservationEvent event, SchedulePolicy.Decision decision, Instant now) {
        return processed
                .claim(event.getEventId(), Topics.RESERVATIONS)
                .flatMap(first -> !first
                        ? Mono.just(Outcome.DUPLICATE)
                        : newerThanStored(event)
                                .flatMap(newer -> !newer
                                        ? Mono.just(Outcome.STALE)
                                        : upsertBooking(event)
                                                .flatMap(won -> !won
                                                        ? Mono.just(Outcome.STALE)
                                                        : scheduleCall(event, decision, now)
                                                                .thenReturn(Outcome.APPLIED))))
                .as(transaction::transactional);
    }

    /**
     * The booking as its latest applied event (type CREATED, or CANCELLED once cancelled), or empty when this tenant
     * has no such booking: for a change made over HTTP, which names only the booking.
     */
    public Mono<ReservationEvent> stored(String tenantId, String reservationId) {
        return db.sql("""
                        SELECT version, kind, cancelled, starts_at, time_zone, guest_name, guest_phone, guest_locale,
                               venue_name, party_size, service_name, text_only, updated_at
                        FROM booking WHERE tenant_id = :tenant AND reservation_id = :id""")
                .bind("tenant", tenantId)
                .bind("id", reservationId)
                .map(row -> ReservationEvent.newBuilder()
                        .setEventId("stored")
                        .setTenantId(tenantId)
                        .setReservationId(reservationId)
                        .setVersion(row.get("version", Long.class))
                        .setOccurredAt(
                                row.get("updated_at", OffsetDateTime.class).toInstant())
                        .setType(
                                Boolean.TRUE.equals(row.get("cancelled", Boolean.class))
                                        ? ReservationEventType.CANCELLED
                                        : ReservationEventType.CREATED)
                        .setKind(BookingKind.valueOf(row.get("kind", String.class)))
                        .setStartsAt(row.get("starts_at", OffsetDateTime.class).toInstant())
                        .setTimeZone(row.get("time_zone", String.class))
                        .setGuestName(row.get("guest_name", String.class))
                        .setGuestPhone(row.get("guest_phone", String.class))
                        .setGuestLocale(row.get("guest_locale", String.class))
                        .setVenueName(row.get("venue_name", String.class))
                        .setPartySize(row.get("party_size", Integer.class))
                        .setServiceName(row.get("service_name", String.class))
                        .setTextOnly(Boolean.TRUE.equals(row.get("text_only", Boolean.class)))
                        .build())
                .one();
    }

    private Mono<Boolean> newerThanStored(ReservationEvent event) {
        return db.sql("SELECT version FROM booking WHERE tenant_id = :tenant AND reservation_id = :id FOR UPDATE")
                .bind("tenant", event.getTenantId())
                .bind("id", event.getReservationId())
                .map(row -> row.get("version", Long.class))
                .one()
                .map(stored -> event.getVersion() > stored)
                .defaultIfEmpty(true);
    }

    /**
     * Stores the booking unless a newer version is there; false when it is. The check before ({@link
     * #newerThanStored}) cannot see a first version another transaction has inserted but not committed yet: the
     * insert then waits for that transaction and meets its row, and only the guard in the statement itself keeps the
     * older version from overwriting it (and from moving the newer one's call). A booking moved into the future
     * after its tombstone is published on bookings.v1 again.
     */
    private Mono<Boolean> upsertBooking(ReservationEvent e) {
        if (e.getType() == ReservationEventType.CANCELLED) {
            // A cancellation only needs to name the booking; what is stored about it stays as it was.
            return db.sql("""
                            UPDATE booking SET version = :version, cancelled = true, updated_at = now()
                            WHERE tenant_id = :tenant AND reservation_id = :id AND version < :version""")
                    .bind("tenant", e.getTenantId())
                    .bind("id", e.getReservationId())
                    .bind("version", e.getVersion())
                    .fetch()
                    .rowsUpdated()
                    .flatMap(updated -> updated > 0 ? Mono.just(true) : insertBooking(e));
        }
        return insertBooking(e);
    }

    private Mono<Boolean> insertBooking(ReservationEvent e) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO booking (tenant_id, reservation_id, version, kind, cancelled, starts_at, time_zone,
                                             guest_name, guest_phone, guest_locale, venue_name, party_size, service_name,
                                             text_only)
                        VALUES (:tenant, :id, :version, :kind, :cancelled, :startsAt, :zone, :name, :phone, :locale,
                                :venue, :party, :service, :textOnly)
                        ON CONFLICT (tenant_id, reservation_id) DO UPDATE SET
                            version = excluded.version, kind = excluded.kind, cancelled = excluded.cancelled,
                            starts_at = excluded.starts_at, time_zone = excluded.time_zone,
                            guest_name = excluded.guest_name, guest_phone = excluded.guest_phone,
                            guest_locale = excluded.guest_locale, venue_name = excluded.venue_name,
                            party_size = excluded.party_size, service_name = excluded.service_name,
                            text_only = excluded.text_only, updated_at = now(),
                            tombstoned_at = CASE WHEN excluded.starts_at > now() THEN NULL ELSE booking.tombstoned_at END
                        WHERE booking.version < excluded.version""")
                .bind("tenant", e.getTenantId())
                .bind("id", e.getReservationId())
                .bind("version", e.getVersion())
                .bind("kind", e.getKind().name())
                .bind("cancelled", e.getType() == ReservationEventType.CANCELLED)
                .bind("startsAt", utc(e.getStartsAt()))
                .bind("zone", e.getTimeZone())
                .bind("name", e.getGuestName())
                .bind("phone", e.getGuestPhone())
                .bind("locale", e.getGuestLocale())
                .bind("venue", e.getVenueName())
                .bind("textOnly", e.getTextOnly());
        spec = e.getPartySize() == null ? spec.bindNull("party", Integer.class) : spec.bind("party", e.getPartySize());
        spec = e.getServiceName() == null
                ? spec.bindNull("service", String.class)
                : spec.bind("service", e.getServiceName());
        return spec.fetch().rowsUpdated().map(stored -> stored > 0);
    }

    private Mono<Void> scheduleCall(ReservationEvent event, SchedulePolicy.Decision decision, Instant now) {
        return db.sql("SELECT id, status, attempt, subject_type FROM call "
                        + "WHERE tenant_id = :tenant AND subject_id = :id FOR UPDATE")
                .bind("tenant", event.getTenantId())
                .bind("id", event.getReservationId())
                .map(row -> new CallRow(
                        row.get("id", UUID.class),
                        row.get("status", String.class),
                        row.get("attempt", Integer.class),
                        row.get("subject_type", String.class)))
                .one()
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(existing -> {
                    if (existing.isPresent()
                            && SubjectType.VOICE_MESSAGE
                                    .name()
                                    .equals(existing.get().subjectType())) {
                        return Mono.error(new SubjectIdTaken(event.getReservationId(), "voice message"));
                    }
                    if (event.getType() == ReservationEventType.CANCELLED) {
                        // A booking awaiting the guest's reply to its text is withdrawn as one awaiting its call is.
                        return existing.filter(
                                        call -> CallStatus.SCHEDULED.name().equals(call.status())
                                                || CallStatus.TEXTED.name().equals(call.status()))
                                .map(call -> change(
                                        event,
                                        call.id(),
                                        call.attempt(),
                                        CallStatus.valueOf(call.status()),
                                        CallStatus.WITHDRAWN,
                                        null,
                                        null,
                                        "The booking was cancelled",
                                        now))
                                .orElseGet(() -> snapshotOnly(event));
                    }
                    if (existing.isEmpty()) {
                        return insertCall(event, decision, now);
                    }
                    CallRow call = existing.get();
                    if (CallStatus.TEXTED.name().equals(call.status())) {
                        // The text named the old day and time: the booking is confirmed afresh, by a new attempt for
                        // the booking as it is now (the pending text, if any, is not sent: its booking moved on).
                        return db.sql("UPDATE call SET attempt = attempt + 1, settle_at = NULL, settle_reason = NULL "
                                        + "WHERE id = :id")
                                .bind("id", call.id())
                                .then()
                                .then(
                                        decision instanceof SchedulePolicy.Due due
                                                ? change(
                                                        event,
                                                        call.id(),
                                                        call.attempt() + 1,
                                                        CallStatus.TEXTED,
                                                        CallStatus.SCHEDULED,
                                                        due.at(),
                                                        due.validUntil(),
                                                        "The booking was moved",
                                                        now)
                                                : change(
                                                        event,
                                                        call.id(),
                                                        call.attempt() + 1,
                                                        CallStatus.TEXTED,
                                                        CallStatus.SKIPPED,
                                                        null,
                                                        null,
                                                        ((SchedulePolicy.Skip) decision).reason(),
                                                        now));
                    }
                    if (!CallStatus.SCHEDULED.name().equals(call.status())) {
                        // Already dialing or finished: the dialer re-reads the booking; bookings.v1 still hears of it.
                        return snapshotOnly(event);
                    }
                    if (decision instanceof SchedulePolicy.Due due) {
                        return change(
                                event,
                                call.id(),
                                call.attempt(),
                                CallStatus.SCHEDULED,
                                CallStatus.SCHEDULED,
                                due.at(),
                                due.validUntil(),
                                "The booking was moved",
                                now);
                    }
                    return change(
                            event,
                            call.id(),
                            call.attempt(),
                            CallStatus.SCHEDULED,
                            CallStatus.SKIPPED,
                            null,
                            null,
                            ((SchedulePolicy.Skip) decision).reason(),
                            now);
                });
    }

    /** A change no status announces (a cancellation or a move of a call already made): bookings.v1 still carries it. */
    private Mono<Void> snapshotOnly(ReservationEvent event) {
        return snapshots
                .current(event.getTenantId(), event.getReservationId())
                .flatMap(snapshot -> outbox.add(Topics.BOOKINGS.name(), event.getReservationId(), snapshot));
    }

    private Mono<Void> insertCall(ReservationEvent event, SchedulePolicy.Decision decision, Instant now) {
        UUID id = UUID.randomUUID();
        boolean due = decision instanceof SchedulePolicy.Due;
        CallStatus status = due ? CallStatus.SCHEDULED : CallStatus.SKIPPED;
        Instant at = due ? ((SchedulePolicy.Due) decision).at() : null;
        Instant validUntil = due ? ((SchedulePolicy.Due) decision).validUntil() : null;
        String reason = due ? null : ((SchedulePolicy.Skip) decision).reason();
        return TraceParent.withCurrent(trace -> {
                    GenericExecuteSpec spec = db.sql("""
                            INSERT INTO call (id, tenant_id, subject_type, subject_id, booking_version, status, due_at,
                                              valid_until, reason, trace_parent)
                            VALUES (:id, :tenant, :type, :subject, :version, :status, :due, :validUntil, :reason, :trace)""")
                            .bind("id", id)
                            .bind("tenant", event.getTenantId())
                            .bind("type", subjectType(event).name())
                            .bind("subject", event.getReservationId())
                            .bind("version", event.getVersion())
                            .bind("status", status.name());
                    spec = at == null ? spec.bindNull("due", OffsetDateTime.class) : spec.bind("due", utc(at));
                    spec = validUntil == null
                            ? spec.bindNull("validUntil", OffsetDateTime.class)
                            : spec.bind("validUntil", utc(validUntil));
                    spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
                    spec = trace == null ? spec.bindNull("trace", String.class) : spec.bind("trace", trace);
                    return spec.then();
                })
                .then(outbox(event, id, 1, null, status, at, reason, now));
    }

    private Mono<Void> change(
            ReservationEvent event,
            UUID callId,
            int attempt,
            CallStatus from,
            CallStatus to,
            Instant dueAt,
            Instant validUntil,
            String reason,
            Instant now) {
        GenericExecuteSpec spec = db.sql("""
                        UPDATE call SET status = :status, due_at = :due, valid_until = :validUntil, reason = :reason,
                               booking_version = :version, updated_at = now()
                        WHERE id = :id""")
                .bind("status", to.name())
                .bind("version", event.getVersion())
                .bind("id", callId);
        spec = dueAt == null ? spec.bindNull("due", OffsetDateTime.class) : spec.bind("due", utc(dueAt));
        spec = validUntil == null
                ? spec.bindNull("validUntil", OffsetDateTime.class)
                : spec.bind("validUntil", utc(validUntil));
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.then().then(outbox(event, callId, attempt, from, to, dueAt, reason, now));
    }

    private Mono<Void> outbox(
            ReservationEvent event,
            UUID callId,
            int attempt,
            CallStatus from,
            CallStatus to,
            Instant scheduledFor,
            String reason,
            Instant now) {
        CallStatusChanged changed = CallStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setTenantId(event.getTenantId())
                .setSubjectType(subjectType(event))
                .setSubjectId(event.getReservationId())
                .setCallId(callId.toString())
                .setAttempt(attempt)
                .setPreviousStatus(from)
                .setStatus(to)
                .setReason(reason)
                .setScheduledFor(scheduledFor)
                .build();
        return outbox.add(Topics.CALL_STATUS.name(), event.getReservationId(), changed);
    }

    private static SubjectType subjectType(ReservationEvent event) {
        return event.getKind() == BookingKind.APPOINTMENT ? SubjectType.APPOINTMENT : SubjectType.RESERVATION;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
