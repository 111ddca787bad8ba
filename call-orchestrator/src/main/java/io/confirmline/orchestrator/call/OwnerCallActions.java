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

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Channel;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.api.ApiRefusals;
import io.confirmline.orchestrator.outbox.Outbox;
import io.confirmline.orchestrator.reservation.ReservationIntake;
import io.confirmline.orchestrator.schedule.SchedulePolicy;
import io.confirmline.tenant.Tenant;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The restaurant's own say over a booking's call, from the console (design.md §10.5): call the guest again now, or
 * cancel the call still to come. Each runs under the call's row lock — the lock the dialer takes before it marks a
 * call DIALING — so an action and a dial never cross: a cancelled call is never placed, and a call already being
 * dialed is not touched (409). Each status change is announced on {@code calls.status.v1} with channel CONSOLE
 * through the outbox, so the platform hears it as any other.
 *
 * <p>Both are idempotent: a retry with the same {@code Idempotency-Key} is answered as the first was and changes
 * nothing more; without one, asking again for what is already so (a call already due now, a call already cancelled
 * by the owner) changes nothing either.
 */
@Component
public class OwnerCallActions {

    /** The reason of a call the owner cancelled; its prefix is the machine-readable part. */
    public static final String CANCELLED_BY_OWNER = "CANCELLED_BY_OWNER: the restaurant cancelled the pending call";

    public static final String CALL_AGAIN_BY_OWNER =
            "CALL_AGAIN_BY_OWNER: the restaurant asked to call the guest again";

    public enum Action {
        REDIAL,
        CANCEL
    }

    /** Ended without a word from the guest, or not placed: the owner may try once more. */
    private static final Set<CallStatus> REDIALABLE = EnumSet.of(
            CallStatus.SCHEDULED,
            CallStatus.NO_RESPONSE,
            CallStatus.UNREACHABLE,
            CallStatus.TEXTED,
            CallStatus.FAILED,
            CallStatus.SKIPPED);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final Clock clock;

    public OwnerCallActions(DatabaseClient db, ReactiveTransactionManager transactions, Outbox outbox, Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The call and its booking under the call's lock. */
    private record Target(
            UUID id,
            String subjectType,
            String subjectId,
            CallStatus status,
            int attempt,
            Instant dueAt,
            String reason,
            boolean bookingPresent,
            long bookingVersion,
            boolean cancelled,
            Instant startsAt,
            String zone,
            boolean optedOut) {}

    /**
     * Applies {@code action} to the tenant's call {@code callId}; emits the call's id once done (404 for a call the
     * tenant does not have, 409 when the call's state does not allow it, with why).
     */
    public Mono<UUID> apply(Tenant tenant, UUID callId, Action action, String idempotencyKey) {
        return lock(tenant.id(), callId)
                .switchIfEmpty(Mono.error(() -> ApiRefusals.notFound("No call " + callId)))
                .flatMap(target -> answered(tenant.id(), idempotencyKey, action, callId)
                        .flatMap(already -> already
                                ? Mono.just(target.id())
                                : (action == Action.REDIAL ? redial(tenant, target) : cancel(tenant, target))
                                        .then(remember(tenant.id(), idempotencyKey, action, callId))
                                        .thenReturn(target.id())))
                .as(transaction::transactional);
    }

    private Mono<Target> lock(String tenantId, UUID callId) {
        return db.sql("""
                        SELECT c.id, c.subject_type, c.subject_id, c.status, c.attempt, c.due_at, c.reason,
                               (b.reservation_id IS NOT NULL AND b.tombstoned_at IS NULL) AS booking_present,
                               b.version, b.cancelled, b.starts_at, b.time_zone,
                               EXISTS (SELECT 1 FROM opt_out o WHERE o.tenant_id = c.tenant_id
                                                                AND o.phone = b.guest_phone) AS opted_out
                        FROM call c
                        LEFT JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
                        WHERE c.tenant_id = :tenant AND c.id = :id FOR UPDATE OF c""")
                .bind("tenant", tenantId)
                .bind("id", callId)
                .map(OwnerCallActions::target)
                .one();
    }

    /** Whether this key already did this action on this call; a key reused for anything else is a 422. */
    private Mono<Boolean> answered(String tenantId, String key, Action action, UUID callId) {
        if (key == null) {
            return Mono.just(false);
        }
        return db.sql("SELECT action, call_id FROM owner_action WHERE tenant_id = :tenant AND idempotency_key = :key")
                .bind("tenant", tenantId)
                .bind("key", key)
                .map(row -> action.name().equals(row.get("action", String.class))
                        && callId.equals(row.get("call_id", UUID.class)))
                .one()
                .flatMap(same -> same
                        ? Mono.just(true)
                        : Mono.<Boolean>error(ApiRefusals.of(
                                HttpStatus.UNPROCESSABLE_ENTITY, "This Idempotency-Key was used for another request")))
                .defaultIfEmpty(false);
    }

    private Mono<Void> remember(String tenantId, String key, Action action, UUID callId) {
        if (key == null) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO owner_action (tenant_id, idempotency_key, action, call_id) "
                        + "VALUES (:tenant, :key, :action, :call)")
                .bind("tenant", tenantId)
                .bind("key", key)
                .bind("action", action.name())
                .bind("call", callId)
                .then();
    }

    private Mono<Void> redial(Tenant tenant, Target call) {
        if (!REDIALABLE.contains(call.status())) {
            return Mono.error(ApiRefusals.conflict(
                    switch (call.status()) {
                        case DIALING, IN_PROGRESS -> "The guest is being called right now (" + call.status() + ")";
                        case CONFIRMED, CANCELLED_BY_GUEST -> "The guest has already answered (" + call.status() + ")";
                        case WITHDRAWN -> "The platform withdrew the booking: there is nothing to confirm";
                        default -> "The call cannot be made again (" + call.status() + ")";
                    }));
        }
        Mono<Void> refused = bookingRefusal(call);
        if (refused != null) {
            return refused;
        }
        Instant now = clock.instant();
        Instant latestUseful = call.startsAt().minus(tenant.calling().minimumNotice());
        if (!now.isBefore(latestUseful)) {
            return Mono.error(ApiRefusals.conflict("Too late to call: the booking starts in less than the minimum "
                    + "notice of " + tenant.calling().minimumNotice().toMinutes() + " min"));
        }
        // "Now" within the tenant's calling hours: those hours are what the restaurant promised its guests (and what
        // the rules on calling people allow), so an owner's click late at night is placed when they open, and the
        // answer says when. Only the automatic retries' limit does not apply: this is one more attempt on request.
        SchedulePolicy policy = ReservationIntake.policy(tenant, ZoneId.of(call.zone()));
        Instant due = policy.earliestAllowedAtOrAfter(now);
        if (due == null || due.isAfter(latestUseful)) {
            return Mono.error(ApiRefusals.conflict("No calling hours are left before the booking (calling hours "
                    + tenant.calling().callingOpens() + "–" + tenant.calling().callingCloses() + ")"));
        }
        if (call.status() == CallStatus.SCHEDULED) {
            if (call.dueAt() != null && !call.dueAt().isAfter(due)) {
                return Mono.empty(); // already due as soon as it can be: nothing to change, nothing to announce
            }
            return db.sql("UPDATE call SET due_at = :due, reason = :reason, updated_at = now() WHERE id = :id")
                    .bind("due", utc(due))
                    .bind("reason", CALL_AGAIN_BY_OWNER)
                    .bind("id", call.id())
                    .then()
                    .then(announce(tenant, call, CallStatus.SCHEDULED, call.attempt(), due, now));
        }
        int attempt = call.attempt() + 1;
        return db.sql("""
                        UPDATE call SET status = 'SCHEDULED', attempt = :attempt, due_at = :due, valid_until = :validUntil,
                               booking_version = :version, reason = :reason, lease_until = NULL, settle_at = NULL,
                               settle_reason = NULL, session_id = NULL, dialed_at = NULL, updated_at = now()
                        WHERE id = :id""")
                .bind("attempt", attempt)
                .bind("due", utc(due))
                .bind("validUntil", utc(latestUseful))
                .bind("version", call.bookingVersion())
                .bind("reason", CALL_AGAIN_BY_OWNER)
                .bind("id", call.id())
                .then()
                .then(announce(tenant, call, CallStatus.SCHEDULED, attempt, due, now));
    }

    private Mono<Void> cancel(Tenant tenant, Target call) {
        if (call.status() == CallStatus.SKIPPED
                && call.reason() != null
                && call.reason().startsWith("CANCELLED_BY_OWNER")) {
            return Mono.empty(); // cancelled already: the same answer, nothing more
        }
        if (call.status() != CallStatus.SCHEDULED || !isBooking(call)) {
            return Mono.error(ApiRefusals.conflict(
                    switch (call.status()) {
                        case DIALING, IN_PROGRESS ->
                            "The guest is being called right now (" + call.status()
                                    + "): the call can no longer be cancelled";
                        case TEXTED -> "The guest was texted and their answer is awaited: no call is pending";
                        case SCHEDULED -> "Only a booking's call can be cancelled here";
                        default -> "No call is pending: the call is over (" + call.status() + ")";
                    }));
        }
        Instant now = clock.instant();
        return db.sql("""
                        UPDATE call SET status = 'SKIPPED', reason = :reason, lease_until = NULL, settle_at = NULL,
                               settle_reason = NULL, updated_at = now()
                        WHERE id = :id""")
                .bind("reason", CANCELLED_BY_OWNER)
                .bind("id", call.id())
                .then()
                .then(announce(tenant, call, CallStatus.SKIPPED, call.attempt(), null, now));
    }

    /** Why the booking itself rules out another call; null when it does not. */
    private static Mono<Void> bookingRefusal(Target call) {
        if (!isBooking(call)) {
            return Mono.error(ApiRefusals.conflict("Only a booking's call can be made again"));
        }
        if (!call.bookingPresent()) {
            return Mono.error(ApiRefusals.conflict("The booking is over"));
        }
        if (call.cancelled()) {
            return Mono.error(ApiRefusals.conflict("The booking was cancelled"));
        }
        if (call.optedOut()) {
            return Mono.error(ApiRefusals.conflict("The guest asked not to be contacted again (opted out)"));
        }
        return null;
    }

    private static boolean isBooking(Target call) {
        return !"VOICE_MESSAGE".equals(call.subjectType());
    }

    private Mono<Void> announce(
            Tenant tenant, Target call, CallStatus to, int attempt, Instant scheduledFor, Instant now) {
        return outbox.add(
                Topics.CALL_STATUS.name(),
                call.subjectId(),
                CallStatusChanged.newBuilder()
                        .setEventId(UUID.randomUUID().toString())
                        .setOccurredAt(now)
                        .setTenantId(tenant.id())
                        .setSubjectType(SubjectType.valueOf(call.subjectType()))
                        .setSubjectId(call.subjectId())
                        .setCallId(call.id().toString())
                        .setAttempt(attempt)
                        .setPreviousStatus(call.status())
                        .setStatus(to)
                        .setChannel(Channel.CONSOLE)
                        .setReason(to == CallStatus.SKIPPED ? CANCELLED_BY_OWNER : CALL_AGAIN_BY_OWNER)
                        .setScheduledFor(scheduledFor)
                        .build());
    }

    private static Target target(Readable row) {
        OffsetDateTime starts = row.get("starts_at", OffsetDateTime.class);
        Long version = row.get("version", Long.class);
        return new Target(
                row.get("id", UUID.class),
                row.get("subject_type", String.class),
                row.get("subject_id", String.class),
                CallStatus.valueOf(row.get("status", String.class)),
                row.get("attempt", Integer.class),
                instant(row.get("due_at", OffsetDateTime.class)),
                row.get("reason", String.class),
                Boolean.TRUE.equals(row.get("booking_present", Boolean.class)),
                version == null ? 0 : version,
                Boolean.TRUE.equals(row.get("cancelled", Boolean.class)),
                starts == null ? null : starts.toInstant(),
                row.get("time_zone", String.class),
                Boolean.TRUE.equals(row.get("opted_out", Boolean.class)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
