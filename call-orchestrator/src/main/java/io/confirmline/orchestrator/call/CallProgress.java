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

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.CallLeg;
import io.confirmline.events.CallSessionSummary;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.inbound.BridgedLeg;
import io.confirmline.orchestrator.inbound.MissedCalls;
import io.confirmline.orchestrator.outbox.Outbox;
import io.confirmline.orchestrator.outbox.TraceParent;
import io.confirmline.orchestrator.reservation.ReservationIntake;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.tenant.Tenant;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies key presses, session summaries and run-out waits to calls: under the call's row lock, records what 8x8
 * said on the attempt, runs the {@link CallStateMachine}, stores the new state and writes the status change to
 * the outbox — one transaction, idempotent on eventId.
 */
@Component
public class CallProgress {

    /** What happened to an event. */
    public enum Applied {
        APPLIED,
        DUPLICATE,
        UNKNOWN_SESSION
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final Tenants tenants;
    private final OutcomeProperties properties;
    private final TextFallback fallback;
    private final MissedCalls missedCalls;
    private final Clock clock;
    private final SessionCompletions completions;

    public CallProgress(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Outbox outbox,
            Tenants tenants,
            OutcomeProperties properties,
            TextFallback fallback,
            MissedCalls missedCalls,
            Clock clock) {
        this.fallback = fallback;
        this.missedCalls = missedCalls;
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.outbox = outbox;
        this.tenants = tenants;
        this.properties = properties;
        this.clock = clock;
        this.completions = new SessionCompletions(db, outbox, clock);
    }

    /** A locked call with what the state machine and the status event need. */
    record Locked(
            UUID id,
            String tenantId,
            String subjectType,
            String subjectId,
            CallState state,
            int sessionAttempt,
            String timeZone) {

        /** An event about this call, with what 8x8 reported of {@code attempt}; the caller sets the rest. */
        CallStatusChanged.Builder event(AttemptView attempt, Instant at) {
            return CallStatusChanged.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setOccurredAt(at)
                    .setTenantId(tenantId)
                    .setSubjectType(SubjectType.valueOf(subjectType))
                    .setSubjectId(subjectId)
                    .setCallId(id.toString())
                    .setSessionId(attempt.sessionId())
                    .setDialedAt(attempt.dialedAt())
                    .setConnectedAt(attempt.connectedAt())
                    .setEndedAt(attempt.endedAt())
                    .setDurationSeconds(attempt.durationSeconds())
                    .setProviderStatus(attempt.providerStatus())
                    .setProviderErrorCode(attempt.providerErrorCode());
        }
    }

    private static final String LOCKED_COLUMNS = """
            c.id, c.tenant_id, c.subject_type, c.subject_id, c.status, c.attempt, c.valid_until, c.settle_at,
            c.settle_reason, b.time_zone,
            (b.reservation_id IS NULL OR (NOT b.cancelled AND b.version = c.booking_version)) AS booking_unchanged""";

    public Mono<Applied> keyPressed(CallActionReceived action) {
        return bySession(
                action.getSessionId(),
                action.getEventId(),
                Topics.CALL_ACTIONS.name(),
                call -> db.sql("""
                                UPDATE call_attempt
                                SET digits = CASE WHEN digits IS NULL THEN :digits ELSE digits || ' ' || :digits END,
                                    connected_at = COALESCE(connected_at, :at)
                                WHERE session_id = :session
                                RETURNING bridge_missed IS NOT NULL AS has_missed_bridge""")
                        .bind("digits", Objects.requireNonNullElse(action.getDigits(), ""))
                        .bind("at", utc(action.getReceivedAt()))
                        .bind("session", action.getSessionId())
                        .map(row -> Boolean.TRUE.equals(row.get("has_missed_bridge", Boolean.class)))
                        .one()
                        .defaultIfEmpty(false)
                        .flatMap(hasMissedBridge -> transition(
                                        call, new CallEvent.KeyPressed(call.sessionAttempt(), action.getDigits()))
                                // Only a summary records an unanswered bridge (under this lock), and a guest put
                                // through leaves the call NO_RESPONSE: otherwise there is no missed call to look for.
                                .flatMap(status -> hasMissedBridge && status == CallStatus.NO_RESPONSE
                                        ? missedAfterTransfer(call, action.getSessionId())
                                        : Mono.empty())));
    }

    /**
     * A session summary: recorded on its attempt, run through the state machine, and announced as the session's
     * {@code call.completed} event (once per session, whatever the call's status). A summary whose session no attempt
     * has (8x8's answer to Send Callflow never arrived: a timeout, a crash) is matched by the {@code clientRequestId}
     * we sent (the attempt id), then applied.
     */
    public Mono<Applied> sessionEnded(SessionSummaryReceived summary) {
        Instant connected = summary.getLegs().stream()
                .map(CallLeg::getConnectedAt)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
        Instant ended = summary.getEndTime() != null
                ? summary.getEndTime()
                : summary.getLegs().stream()
                        .map(CallLeg::getDisconnectedAt)
                        .filter(Objects::nonNull)
                        .max(Instant::compareTo)
                        .orElse(null);
        Integer duration = CompletedSession.talkSeconds(summary, connected, ended);
        String missedBridge = BridgedLeg.unanswered(summary).orElse(null);
        AttemptUpdate apply = call -> recordSummary(summary, connected, ended, duration, missedBridge)
                .flatMap(recorded -> {
                    AttemptOutcome outcome = AttemptOutcome.of(
                            summary.getSessionStatus(),
                            connected != null,
                            "VOICE_MESSAGE".equals(call.subjectType()),
                            summary.getErrorCode());
                    CallEvent.SessionEnded event = new CallEvent.SessionEnded(
                            call.sessionAttempt(), outcome, summary.getRawSessionStatus(), summary.getErrorCode());
                    Mono<CallStatus> applied = transition(call, event);
                    if (!recorded.first()) {
                        // One call.completed per session: a second summary with another eventId
                        // changes nothing more.
                        return applied.then();
                    }
                    CallSessionSummary completed = CompletedSession.summary(summary);
                    return (CallStateMachine.waitsForKey(call.state(), event)
                                    ? applied.then(completions.hold(call.id(), call.sessionAttempt(), completed))
                                    : applied.flatMap(status ->
                                            completions.announce(call, call.sessionAttempt(), completed, status)))
                            // A missed call needs both an unanswered bridge and the transfer key,
                            // already applied; if the key comes later, its own check finds it.
                            .then(
                                    missedBridge != null && recorded.transferred()
                                            ? missedAfterTransfer(call, summary.getSessionId())
                                            : Mono.empty());
                });
        String topic = Topics.SESSION_SUMMARIES.name();
        boolean namesAnAttempt = summary.getClientRequestId() != null
                && !summary.getClientRequestId().isBlank();
        // The session is almost always known: the summary's clientRequestId (the attempt id) is looked at only when it
        // is not — 8x8's answer to Send Callflow never reached us, or the dialer is recording it right now — and the
        // session is then looked up again, whether or not this match bound it (the dialer's commit may have).
        return bySession(summary.getSessionId(), summary.getEventId(), topic, apply)
                .flatMap(applied -> applied != Applied.UNKNOWN_SESSION || !namesAnAttempt
                        ? Mono.just(applied)
                        : matchByClientRequestId(summary)
                                .then(bySession(summary.getSessionId(), summary.getEventId(), topic, apply)));
    }

    /**
     * A summary's facts on its attempt; returns whether the attempt had none before and whether the guest had been put
     * through to the restaurant on it (the attempt as it was: only a key press records that outcome).
     */
    private static final String RECORD_SUMMARY = """
            UPDATE call_attempt a
            SET connected_at = COALESCE(:connected, a.connected_at), ended_at = :ended,
                duration_seconds = :duration, provider_status = :status, provider_error_code = :code,
                provider_error_message = :message, summary_received_at = now(), bridge_missed = :bridge
            FROM call_attempt before
            WHERE a.session_id = :session AND before.call_id = a.call_id AND before.attempt = a.attempt
            RETURNING before.summary_received_at IS NULL AS first, before.outcome = 'TRANSFERRED' AS transferred""";

    /** What recording a summary found: whether it is the session's first, and whether the guest was put through. */
    private record RecordedSummary(boolean first, boolean transferred) {}

    /**
     * Records a summary on its session's attempt; emits what the attempt was before it. Run under the call's lock,
     * which every summary and key press takes, so the attempt as this statement reads it is the latest.
     */
    private Mono<RecordedSummary> recordSummary(
            SessionSummaryReceived summary, Instant connected, Instant ended, Integer duration, String missedBridge) {
        GenericExecuteSpec spec = db.sql(RECORD_SUMMARY)
                .bind("status", summary.getRawSessionStatus())
                .bind("session", summary.getSessionId());
        spec = nullable(spec, "bridge", missedBridge, String.class);
        spec = nullable(spec, "connected", connected == null ? null : utc(connected), OffsetDateTime.class);
        spec = nullable(spec, "ended", ended == null ? null : utc(ended), OffsetDateTime.class);
        spec = nullable(spec, "duration", duration, Integer.class);
        spec = nullable(spec, "code", summary.getErrorCode(), Integer.class);
        spec = nullable(spec, "message", summary.getErrorMessage(), String.class);
        return spec.map(row -> new RecordedSummary(
                        Boolean.TRUE.equals(row.get("first", Boolean.class)),
                        Boolean.TRUE.equals(row.get("transferred", Boolean.class))))
                .one()
                .defaultIfEmpty(new RecordedSummary(false, false));
    }

    /**
     * Binds a summary's session to the attempt that sent its {@code clientRequestId}, when that attempt has no session
     * yet because 8x8's answer to Send Callflow never reached us. Scoped to the summary's tenant.
     */
    private Mono<Void> matchByClientRequestId(SessionSummaryReceived summary) {
        return db.sql("""
                        UPDATE call_attempt a SET session_id = :session
                        FROM call c
                        WHERE c.id = a.call_id AND c.tenant_id = :tenant AND a.attempt_id = :attemptId
                          AND a.session_id IS NULL
                          AND NOT EXISTS (SELECT 1 FROM call_attempt s WHERE s.session_id = :session)""")
                .bind("session", summary.getSessionId())
                .bind("tenant", summary.getTenantId())
                .bind("attemptId", summary.getClientRequestId())
                .fetch()
                .rowsUpdated()
                .flatMap(matched -> matched == 0
                        ? Mono.<Void>empty()
                        : db.sql("""
                                UPDATE call SET session_id = :session
                                WHERE tenant_id = :tenant AND attempt_id = :attemptId AND session_id IS NULL
                                  AND status IN ('DIALING', 'IN_PROGRESS')""")
                                .bind("session", summary.getSessionId())
                                .bind("tenant", summary.getTenantId())
                                .bind("attemptId", summary.getClientRequestId())
                                .then())
                .as(transaction::transactional);
    }

    /**
     * A guest who was put through to the restaurant on this session (outcome TRANSFERRED) and reached nobody there
     * (the summary's bridged leg not answered): a missed call, once — after the key press and the summary, which
     * arrive on two topics in either order.
     */
    private Mono<Void> missedAfterTransfer(Locked call, String sessionId) {
        return db.sql("""
                        UPDATE call_attempt a SET missed_call_at = now()
                        FROM booking b
                        WHERE a.session_id = :session AND a.outcome = 'TRANSFERRED' AND a.summary_received_at IS NOT NULL
                          AND a.bridge_missed IS NOT NULL AND a.missed_call_at IS NULL
                          AND b.tenant_id = :tenant AND b.reservation_id = :subject
                        RETURNING b.guest_phone, a.bridge_missed""")
                .bind("tenant", call.tenantId())
                .bind("subject", call.subjectId())
                .bind("session", sessionId)
                .map(row -> new String[] {row.get("guest_phone", String.class), row.get("bridge_missed", String.class)})
                .one()
                .flatMap(missed -> missedCalls.missed(
                        call.tenantId(), missed[0], call.subjectId(), MissedCalls.Source.OUTBOUND_CALL, missed[1]));
    }

    /**
     * A clear confirm or cancel from the guest outside the call — by text or on a call-back ({@code channel}) — for
     * the booking of {@code callId}, under the call's lock in the caller's transaction; emits the call's status
     * afterwards (unchanged when the answer decided nothing).
     */
    public Mono<CallStatus> guestAnswer(
            UUID callId,
            AttemptOutcome decided,
            String words,
            Instant bookingStartsAt,
            io.confirmline.events.Channel channel) {
        return lockedById(callId)
                .flatMap(call -> transition(call, new CallEvent.GuestAnswer(decided, words, bookingStartsAt, channel)));
    }

    /** The fallback text of the call's booking did not reach the guest: a TEXTED booking ends UNREACHABLE. */
    public Mono<Void> textFailed(UUID callId, String reason) {
        return lockedById(callId)
                .flatMap(call -> transition(call, new CallEvent.TextFailed(reason)))
                .then();
    }

    /**
     * A text-only booking's call, claimed by the dialer and still held under its lock: TEXTED with the text queued
     * instead of a call. False when it cannot be texted (the dialer then ends it as it would).
     */
    public Mono<Boolean> textInsteadOfCall(UUID callId) {
        Instant now = clock.instant();
        return lockedById(callId)
                .flatMap(call -> fallback.textFirst(call.id(), call.tenantId(), call.state(), now)
                        .flatMap(t -> persist(call, null, t, now).thenReturn(true)))
                .defaultIfEmpty(false);
    }

    private Mono<Locked> lockedById(UUID callId) {
        return db.sql("SELECT " + LOCKED_COLUMNS + ", c.attempt AS session_attempt FROM call c "
                        + "LEFT JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id "
                        + "WHERE c.id = :id FOR UPDATE OF c")
                .bind("id", callId)
                .map(CallProgress::locked)
                .one();
    }

    /** Concludes calls whose wait ran out; returns how many were looked at. */
    public int settleDue() {
        List<UUID> due = db.sql(
                        "SELECT id FROM call WHERE settle_at <= now() AND status IN ('DIALING', 'IN_PROGRESS', 'TEXTED') "
                                + "ORDER BY settle_at LIMIT 50")
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
        if (due == null || due.isEmpty()) {
            return 0;
        }
        for (UUID id : due) {
            db.sql("SELECT " + LOCKED_COLUMNS + ", c.attempt AS session_attempt FROM call c "
                            + "LEFT JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id "
                            + "WHERE c.id = :id AND c.settle_at <= now() FOR UPDATE OF c SKIP LOCKED")
                    .bind("id", id)
                    .map(CallProgress::locked)
                    .one()
                    .flatMap(call -> transition(call, new CallEvent.WaitOver()))
                    .as(transaction::transactional)
                    .block(Duration.ofSeconds(30));
        }
        return due.size();
    }

    /** Records the event on its attempt and runs it through the state machine. */
    private interface AttemptUpdate {
        Mono<Void> apply(Locked call);
    }

    private Mono<Applied> bySession(String sessionId, String eventId, String topic, AttemptUpdate update) {
        // One round trip: the call locked through its session and the event claimed, only when the session is ours (an
        // event parked for a session not known yet must still be new when it comes again).
        return db.sql("WITH found AS (SELECT " + LOCKED_COLUMNS
                        + ", a.attempt AS session_attempt, c.trace_parent AS call_trace "
                        + "FROM call_attempt a JOIN call c ON c.id = a.call_id "
                        + "LEFT JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id "
                        + "WHERE a.session_id = :session FOR UPDATE OF c), "
                        + "claimed AS (INSERT INTO processed_event (event_id, topic) SELECT :id, :topic FROM found "
                        + "ON CONFLICT DO NOTHING RETURNING event_id) "
                        + "SELECT found.*, EXISTS (SELECT 1 FROM claimed) AS new_event FROM found")
                .bind("session", sessionId)
                .bind("id", eventId)
                .bind("topic", topic)
                .map(row -> new Found(
                        locked(row),
                        Objects.requireNonNullElse(row.get("call_trace", String.class), ""),
                        Boolean.TRUE.equals(row.get("new_event", Boolean.class))))
                .one()
                .flatMap(found -> !found.newEvent()
                        ? Mono.just(Applied.DUPLICATE)
                        // What the event changes is announced in the booking's trace, whatever trace the 8x8 event
                        // came in (TraceParent.inTraceOf).
                        : update.apply(found.call())
                                .thenReturn(Applied.APPLIED)
                                .contextWrite(context -> TraceParent.inTraceOf(context, found.traceParent())))
                .defaultIfEmpty(Applied.UNKNOWN_SESSION)
                .as(transaction::transactional);
    }

    /** A call locked through one of its sessions: its booking's trace, and whether the event was new. */
    private record Found(Locked call, String traceParent, boolean newEvent) {}

    /** Applies the event's transition, if any; emits the call's status afterwards. */
    private Mono<CallStatus> transition(Locked call, CallEvent event) {
        Instant now = clock.instant();
        Optional<CallStateMachine.Transition> next = machine(call).apply(call.state(), event, now);
        if (next.isEmpty()) {
            return Mono.just(call.state().status());
        }
        CallStateMachine.Transition t = next.get();
        // A guest put through to the restaurant is the venue's to settle: no fallback text.
        boolean voiceOutcome = (t.to() == CallStatus.NO_RESPONSE || t.to() == CallStatus.UNREACHABLE)
                && t.from() != CallStatus.TEXTED
                && !call.state().voiceMessage()
                && !(event instanceof CallEvent.GuestAnswer)
                && t.outcome() != AttemptOutcome.TRANSFERRED;
        return (voiceOutcome ? fallback.consider(call.id(), call.tenantId(), t, now) : Mono.just(t))
                .flatMap(decided -> persist(call, event, decided, now));
    }

    /** Stores a transition on the call (and its attempt) and announces it; emits the call's new status. */
    private Mono<CallStatus> persist(Locked call, CallEvent event, CallStateMachine.Transition t, Instant now) {
        CallState to = t.state();
        boolean retry = t.scheduledFor() != null;
        GenericExecuteSpec spec = db.sql("""
                        UPDATE call SET status = :status, attempt = :attempt, settle_at = :settleAt,
                               settle_reason = :settleReason, due_at = COALESCE(:due, due_at),
                               session_id = CASE WHEN :retry THEN NULL ELSE session_id END,
                               dialed_at = CASE WHEN :retry THEN NULL ELSE dialed_at END,
                               digits = COALESCE(:digits, digits), reason = COALESCE(:reason, reason), updated_at = now()
                        WHERE id = :id""")
                .bind("status", to.status().name())
                .bind("attempt", to.attempt())
                .bind("retry", retry)
                .bind("id", call.id());
        spec = nullable(spec, "settleAt", to.settleAt() == null ? null : utc(to.settleAt()), OffsetDateTime.class);
        spec = nullable(
                spec,
                "settleReason",
                to.settleReason() == null ? null : to.settleReason().name(),
                String.class);
        spec = nullable(spec, "due", retry ? utc(t.scheduledFor()) : null, OffsetDateTime.class);
        boolean decided = t.outcome() == AttemptOutcome.CONFIRMED
                || t.outcome() == AttemptOutcome.CANCELLED
                || t.outcome() == AttemptOutcome.TRANSFERRED;
        String digits = decided && event instanceof CallEvent.KeyPressed key ? key.digits() : null;
        // A text (or its silence) or a call-back decides the booking, not an attempt: the attempt keeps what 8x8 said
        // about it.
        boolean byText = event instanceof CallEvent.GuestAnswer
                || event instanceof CallEvent.TextFailed
                || t.from() == CallStatus.TEXTED
                || event == null;
        io.confirmline.events.Channel channel = event instanceof CallEvent.GuestAnswer answer
                ? answer.channel()
                : byText || t.to() == CallStatus.TEXTED
                        ? io.confirmline.events.Channel.SMS
                        : io.confirmline.events.Channel.VOICE;
        spec = nullable(spec, "digits", digits, String.class);
        spec = nullable(spec, "reason", t.reason(), String.class);
        int concludedAttempt = event instanceof CallEvent.KeyPressed key
                ? key.attempt()
                : event instanceof CallEvent.SessionEnded ended
                        ? ended.attempt()
                        : call.state().attempt();
        // The attempt's outcome is recorded whether or not the status changes; the status event reports the attempt as
        // stored, which the recording statement returns, so it is read on its own only when nothing is recorded.
        Mono<AttemptView> attemptView;
        if (t.outcome() != null && !byText) {
            attemptView = AttemptView.recordOutcome(
                    db, call.id(), concludedAttempt, t.outcome().name());
        } else if (t.changesStatus()) {
            attemptView = AttemptView.read(db, call.id(), concludedAttempt);
        } else {
            attemptView = Mono.just(AttemptView.NONE);
        }
        Mono<AttemptView> work = spec.then().then(attemptView);
        if (!t.changesStatus()) {
            return work.thenReturn(to.status());
        }
        return work.flatMap(attempt -> outbox.add(
                        Topics.CALL_STATUS.name(),
                        call.subjectId(),
                        call.event(attempt, now)
                                .setAttempt(to.attempt())
                                .setPreviousStatus(t.from())
                                .setStatus(t.to())
                                .setChannel(channel)
                                .setReason(t.reason())
                                .setDigits(digits)
                                .setScheduledFor(t.scheduledFor())
                                .build()))
                .then(
                        CallStateMachine.endsKeyWait(call.state(), to)
                                ? completions.release(call, call.state().attempt(), to.status())
                                : Mono.empty())
                .thenReturn(to.status());
    }

    private CallStateMachine machine(Locked call) {
        Tenant tenant = tenants.byId(call.tenantId())
                .orElseThrow(() -> new IllegalStateException(
                        "Call " + call.id() + " belongs to unknown tenant " + call.tenantId()));
        UnaryOperator<Instant> nextCallingMoment = UnaryOperator.identity(); // a voice message is wanted now
        if (call.timeZone() != null) {
            nextCallingMoment = ReservationIntake.policy(tenant, ZoneId.of(call.timeZone()))::earliestAllowedAtOrAfter;
        }
        // A disabled tenant's calls on the line still finish here as usual; a retry it schedules is not dialed (the
        // dialer ends it SKIPPED), so the platform hears why, and a tenant enabled again in time still calls.
        // The transfer key means something only where the calls offer it (the dialer asks the same question).
        String transferDigit = "VOICE_MESSAGE".equals(call.subjectType())
                ? null
                : tenants.transfer(tenant).map(Tenants.Transfer::digit).orElse(null);
        return new CallStateMachine(
                new RetryPolicy(tenant.calling().maxAttempts(), tenant.calling().retryDelay(), nextCallingMoment),
                tenant.digits().confirm(),
                tenant.digits().cancel(),
                transferDigit,
                properties.keyWait());
    }

    private static Locked locked(Readable row) {
        String reason = row.get("settle_reason", String.class);
        CallState state = new CallState(
                "VOICE_MESSAGE".equals(row.get("subject_type", String.class)),
                CallStatus.valueOf(row.get("status", String.class)),
                row.get("attempt", Integer.class),
                instant(row.get("valid_until", OffsetDateTime.class)),
                instant(row.get("settle_at", OffsetDateTime.class)),
                reason == null ? null : AttemptOutcome.valueOf(reason),
                !Boolean.FALSE.equals(row.get("booking_unchanged", Boolean.class)));
        return new Locked(
                row.get("id", UUID.class),
                row.get("tenant_id", String.class),
                row.get("subject_type", String.class),
                row.get("subject_id", String.class),
                state,
                row.get("session_attempt", Integer.class),
                row.get("time_zone", String.class));
    }

    static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
