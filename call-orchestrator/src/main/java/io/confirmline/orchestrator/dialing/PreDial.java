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
package io.confirmline.orchestrator.dialing;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.call.CallProgress;
import io.confirmline.orchestrator.call.OutcomeProperties;
import io.confirmline.orchestrator.dialing.DialPlans.Booking;
import io.confirmline.orchestrator.dialing.DialPlans.Message;
import io.confirmline.orchestrator.optout.OptOuts;
import io.confirmline.orchestrator.outbox.Outbox;
import io.confirmline.orchestrator.reservation.ReservationIntake;
import io.confirmline.orchestrator.schedule.SchedulePolicy;
import io.confirmline.orchestrator.tenant.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The check before a call is dialed and its DIALING mark, committed before 8x8 is asked. Under the call's row lock:
 * still held by this claim, still SCHEDULED, the booking unchanged, not cancelled, not opted out, still in time and
 * not text-only; then DIALING, the attempt's row and the deadline for its summary ({@code settle_at}). From there
 * on the attempt may exist at 8x8, so whatever happens next (an answer, a timeout, a crash) it ends through its
 * summary or the outcome sweep, never through another claim.
 *
 * <p>A claimed batch is checked and marked in one statement ({@link #markAll}); the few calls that statement does
 * not mark (moved, cancelled, opted out, text-only, too late, taken over) go through the one-call check
 * ({@link #prepare}), which decides what becomes of them in a transaction of their own.
 */
@Component
class PreDial {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Tenants tenants;
    private final Outbox outbox;
    private final OutcomeProperties outcomes;
    private final CallProgress texting;
    private final CallEndings endings;
    private final Clock clock;

    PreDial(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Tenants tenants,
            Outbox outbox,
            OutcomeProperties outcomes,
            CallProgress texting,
            CallEndings endings,
            Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.tenants = tenants;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.texting = texting;
        this.endings = endings;
        this.clock = clock;
    }

    /** A call marked DIALING, with its booking as read under the lock that marked it. */
    record Marked(DueCall call, String attemptId, Booking booking, Instant dialedAt) {}

    /** What one batch statement did: the calls it marked DIALING, and the others, for the one-call check. */
    record Batch(List<Marked> marked, List<DueCall> others) {}

    /**
     * Checks and marks a batch of booking calls (not voice messages), each already holding its rate-limit permit,
     * in one statement: the rows are locked, read with their bookings, and those that pass every check are marked
     * DIALING with their attempt rows — committed when the statement returns.
     */
    Mono<Batch> markAll(List<DueCall> calls) {
        if (calls.isEmpty()) {
            return Mono.just(new Batch(List.of(), List.of()));
        }
        Instant now = clock.instant();
        Map<UUID, DueCall> byId = new HashMap<>();
        Map<UUID, String> attemptIds = new HashMap<>();
        int n = calls.size();
        String[] ids = new String[n];
        String[] leases = new String[n];
        String[] versions = new String[n];
        String[] attempts = new String[n];
        for (int i = 0; i < n; i++) {
            DueCall call = calls.get(i);
            byId.put(call.id(), call);
            attemptIds.put(call.id(), DialPlans.attemptId(call));
            ids[i] = call.id().toString();
            leases[i] = call.leaseUntil().toString();
            versions[i] = Objects.toString(call.bookingVersion(), null);
            attempts[i] = attemptIds.get(call.id());
        }
        return db.sql("""
                        WITH claimed AS (
                            SELECT * FROM unnest(:ids::uuid[], :leases::timestamptz[], :versions::bigint[], :attempts::text[])
                                AS i(id, lease_until, booking_version, attempt_id)),
                        locked AS (
                            SELECT c.id, c.attempt, i.attempt_id,
                                   c.status = 'SCHEDULED' AND c.lease_until = i.lease_until
                                       AND c.booking_version = i.booking_version AND b.version = c.booking_version
                                       AND NOT b.cancelled AND NOT b.text_only AND c.valid_until > :now
                                       AND NOT EXISTS (SELECT 1 FROM opt_out o WHERE o.tenant_id = b.tenant_id
                                                                                 AND o.phone = b.guest_phone) AS ready,
                                   b.version, b.kind, b.starts_at, b.time_zone, b.guest_name, b.guest_phone,
                                   b.guest_locale, b.venue_name, b.party_size, b.service_name
                            FROM claimed i JOIN call c ON c.id = i.id
                            JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
                            ORDER BY c.id
                            FOR UPDATE OF c),
                        dialing AS (
                            UPDATE call c SET status = 'DIALING', attempt_id = l.attempt_id, dialed_at = :now,
                                              session_id = NULL, settle_at = :settleAt, settle_reason = 'SUMMARY_LOST',
                                              updated_at = now()
                            FROM locked l WHERE c.id = l.id AND l.ready),
                        attempts AS (
                            INSERT INTO call_attempt (call_id, attempt, attempt_id, dialed_at)
                            SELECT l.id, l.attempt, l.attempt_id, :now FROM locked l WHERE l.ready
                            ON CONFLICT (call_id, attempt) DO UPDATE
                            SET attempt_id = excluded.attempt_id, dialed_at = excluded.dialed_at, session_id = NULL,
                                provider_error_code = NULL, provider_error_message = NULL, outcome = NULL)
                        SELECT * FROM locked WHERE ready""")
                .bind("ids", ids)
                .bind("leases", leases)
                .bind("versions", versions)
                .bind("attempts", attempts)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("settleAt", now.plus(outcomes.summaryTimeout()).atOffset(ZoneOffset.UTC))
                .map(row -> {
                    UUID id = row.get("id", UUID.class);
                    return new Marked(
                            byId.get(id),
                            row.get("attempt_id", String.class),
                            new Booking(
                                    row.get("version", Long.class),
                                    false,
                                    row.get("kind", String.class),
                                    DueCall.instant(row.get("starts_at", OffsetDateTime.class)),
                                    row.get("time_zone", String.class),
                                    row.get("guest_name", String.class),
                                    row.get("guest_phone", String.class),
                                    row.get("guest_locale", String.class),
                                    row.get("venue_name", String.class),
                                    row.get("party_size", Integer.class),
                                    row.get("service_name", String.class),
                                    false,
                                    false),
                            now);
                })
                .all()
                .collectList()
                .map(marked -> {
                    List<DueCall> others = new ArrayList<>(calls);
                    others.removeIf(
                            call -> marked.stream().anyMatch(m -> m.call().id().equals(call.id())));
                    return new Batch(marked, others);
                });
    }

    /**
     * The one-call check of a booking call: what becomes of a call the batch did not mark — WITHDRAWN, SKIPPED,
     * rescheduled, released, texted — or DIALING after all. Empty when it is not to be dialed.
     */
    Mono<Booking> prepare(DueCall call, String attemptId, Instant now) {
        return db.sql("""
                        SELECT c.status, c.lease_until, c.booking_version, b.version, b.cancelled, b.kind, b.starts_at,
                               b.time_zone, b.guest_name, b.guest_phone, b.guest_locale, b.venue_name, b.party_size,
                               b.service_name, b.text_only,
                               EXISTS (SELECT 1 FROM opt_out o WHERE o.tenant_id = b.tenant_id
                                                                AND o.phone = b.guest_phone) AS opted_out
                        FROM call c JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
                        WHERE c.id = :id FOR UPDATE OF c""")
                .bind("id", call.id())
                .map(row -> new Locked<>(
                        row.get("status", String.class),
                        DueCall.instant(row.get("lease_until", OffsetDateTime.class)),
                        row.get("booking_version", Long.class),
                        new Booking(
                                row.get("version", Long.class),
                                row.get("cancelled", Boolean.class),
                                row.get("kind", String.class),
                                DueCall.instant(row.get("starts_at", OffsetDateTime.class)),
                                row.get("time_zone", String.class),
                                row.get("guest_name", String.class),
                                row.get("guest_phone", String.class),
                                row.get("guest_locale", String.class),
                                row.get("venue_name", String.class),
                                row.get("party_size", Integer.class),
                                row.get("service_name", String.class),
                                Boolean.TRUE.equals(row.get("text_only", Boolean.class)),
                                Boolean.TRUE.equals(row.get("opted_out", Boolean.class)))))
                .one()
                .flatMap(found -> {
                    Booking booking = found.subject();
                    if (!found.heldBy(call)) {
                        return Mono.<Booking>empty(); // taken over by another instance
                    }
                    if (booking.cancelled()) {
                        return endings.finish(call, CallStatus.WITHDRAWN, "The booking was cancelled", null)
                                .then(Mono.<Booking>empty());
                    }
                    long callVersion = found.bookingVersion();
                    if (booking.version() != callVersion) {
                        // Changed while an earlier attempt was on the line: schedule this attempt for the booking as it
                        // is now.
                        return reschedule(call, booking, now).then(Mono.<Booking>empty());
                    }
                    if (!Long.valueOf(callVersion).equals(call.bookingVersion())) {
                        return release(call).then(Mono.<Booking>empty()); // moved since the claim: due at its new time
                    }
                    if (booking.optedOut()) {
                        return endings.finish(call, CallStatus.SKIPPED, OptOuts.SKIP_REASON, null)
                                .then(Mono.<Booking>empty());
                    }
                    if (!clock.instant().isBefore(call.validUntil())) {
                        return endings.finish(call, CallStatus.SKIPPED, "Too late to call by the time it was due", null)
                                .then(Mono.<Booking>empty());
                    }
                    if (booking.textOnly()) {
                        // The platform asked for a text, not a call: TEXTED with the text queued, or SKIPPED when the
                        // tenant cannot text or no moment is left before the booking.
                        return texting.textInsteadOfCall(call.id())
                                .flatMap(texted -> texted
                                        ? Mono.<Booking>empty()
                                        : endings.finish(
                                                        call,
                                                        CallStatus.SKIPPED,
                                                        "The booking asks for a text and none can be sent",
                                                        null)
                                                .then(Mono.<Booking>empty()));
                    }
                    return markDialing(call, attemptId, now).thenReturn(booking);
                })
                .as(transaction::transactional);
    }

    /** The one-call check of a voice message: still ours, still in time, not opted out; then DIALING. */
    Mono<Message> prepareMessage(DueCall call, String attemptId, Instant now) {
        return db.sql("""
                        SELECT c.status, c.lease_until, m.phone, m.locale, m.text, m.repetitions,
                               EXISTS (SELECT 1 FROM opt_out o WHERE o.tenant_id = m.tenant_id
                                                                AND o.phone = m.phone) AS opted_out
                        FROM call c JOIN voice_message m ON m.tenant_id = c.tenant_id AND m.message_id = c.subject_id
                        WHERE c.id = :id FOR UPDATE OF c""")
                .bind("id", call.id())
                .map(row -> new Locked<>(
                        row.get("status", String.class),
                        DueCall.instant(row.get("lease_until", OffsetDateTime.class)),
                        null,
                        new Message(
                                row.get("phone", String.class),
                                row.get("locale", String.class),
                                row.get("text", String.class),
                                row.get("repetitions", Integer.class),
                                Boolean.TRUE.equals(row.get("opted_out", Boolean.class)))))
                .one()
                .flatMap(found -> {
                    if (!found.heldBy(call)) {
                        return Mono.<Message>empty();
                    }
                    if (!clock.instant().isBefore(call.validUntil())) {
                        return endings.finish(call, CallStatus.NOT_DELIVERED, "validUntil passed before the call", null)
                                .then(Mono.<Message>empty());
                    }
                    if (found.subject().optedOut()) {
                        return endings.finish(call, CallStatus.NOT_DELIVERED, OptOuts.SKIP_REASON, null)
                                .then(Mono.<Message>empty());
                    }
                    return markDialing(call, attemptId, now).thenReturn(found.subject());
                })
                .as(transaction::transactional);
    }

    /**
     * A disabled tenant's due call (a first attempt or a retry) is not dialed: under the row lock, while still
     * held by this claim, it ends SKIPPED (a voice message NOT_DELIVERED, its own vocabulary) with
     * {@link Tenants#DISABLED_REASON}, which the platform hears. Calls already on the line are not touched.
     */
    Mono<Void> notDialed(DueCall call) {
        return db.sql("SELECT status, lease_until FROM call WHERE id = :id FOR UPDATE")
                .bind("id", call.id())
                .map(row -> new Locked<>(
                        row.get("status", String.class),
                        DueCall.instant(row.get("lease_until", OffsetDateTime.class)),
                        null,
                        null))
                .one()
                .filter(found -> found.heldBy(call))
                .flatMap(found -> endings.finish(
                        call,
                        call.voiceMessage() ? CallStatus.NOT_DELIVERED : CallStatus.SKIPPED,
                        Tenants.DISABLED_REASON,
                        null))
                .as(transaction::transactional);
    }

    /** A call row read under its lock, with what it is about. */
    private record Locked<T>(String status, Instant leaseUntil, Long bookingVersion, T subject) {

        /** Still SCHEDULED and still under the lease this claim took: no other instance has it. */
        boolean heldBy(DueCall call) {
            return "SCHEDULED".equals(status) && Objects.equals(leaseUntil, call.leaseUntil());
        }
    }

    private Mono<Void> release(DueCall call) {
        return db.sql("UPDATE call SET lease_until = NULL WHERE id = :id")
                .bind("id", call.id())
                .then();
    }

    private Mono<Void> reschedule(DueCall call, Booking booking, Instant now) {
        SchedulePolicy.Decision decision = ReservationIntake.policy(
                        tenants.byId(call.tenantId()).orElseThrow(), ZoneId.of(booking.zone()))
                .decide(booking.startsAt(), now);
        if (decision instanceof SchedulePolicy.Due due) {
            return db.sql("UPDATE call SET due_at = :due, valid_until = :validUntil, booking_version = :version, "
                            + "lease_until = NULL, updated_at = now() WHERE id = :id")
                    .bind("due", due.at().atOffset(ZoneOffset.UTC))
                    .bind("validUntil", due.validUntil().atOffset(ZoneOffset.UTC))
                    .bind("version", booking.version())
                    .bind("id", call.id())
                    .then()
                    // The platform hears the new time, as for a move before the first attempt.
                    .then(outbox.add(
                            Topics.CALL_STATUS.name(),
                            call.subjectId(),
                            CallStatusChanged.newBuilder(CallEndings.change(
                                            call,
                                            CallStatus.SCHEDULED,
                                            CallStatus.SCHEDULED,
                                            "The booking was moved",
                                            null,
                                            null,
                                            null,
                                            clock.instant()))
                                    .setScheduledFor(due.at())
                                    .build()));
        }
        return endings.finish(call, CallStatus.SKIPPED, ((SchedulePolicy.Skip) decision).reason(), null);
    }

    /** DIALING, the attempt's row and the deadline for its summary, in the transaction that re-read the subject. */
    private Mono<Void> markDialing(DueCall call, String attemptId, Instant now) {
        return db.sql("UPDATE call SET status = 'DIALING', attempt_id = :attempt, dialed_at = :now, session_id = NULL, "
                        + "settle_at = :settleAt, settle_reason = 'SUMMARY_LOST', updated_at = now() WHERE id = :id")
                .bind("attempt", attemptId)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("settleAt", now.plus(outcomes.summaryTimeout()).atOffset(ZoneOffset.UTC))
                .bind("id", call.id())
                .then()
                .then(db.sql("""
                                INSERT INTO call_attempt (call_id, attempt, attempt_id, dialed_at)
                                VALUES (:id, :attempt, :attemptId, :dialedAt)
                                ON CONFLICT (call_id, attempt) DO UPDATE
                                SET attempt_id = excluded.attempt_id, dialed_at = excluded.dialed_at, session_id = NULL,
                                    provider_error_code = NULL, provider_error_message = NULL, outcome = NULL""")
                        .bind("id", call.id())
                        .bind("attempt", call.attempt())
                        .bind("attemptId", attemptId)
                        .bind("dialedAt", now.atOffset(ZoneOffset.UTC))
                        .then());
    }
}
