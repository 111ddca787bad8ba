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
package io.confirmline.orchestrator.inbound;

import io.confirmline.events.Channel;
import io.confirmline.events.InboundCallEvent;
import io.confirmline.events.InboundCallEventType;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.Topics;
import io.confirmline.kafka.InvalidEventException;
import io.confirmline.logging.SensitiveText;
import io.confirmline.orchestrator.call.AttemptOutcome;
import io.confirmline.orchestrator.call.CallProgress;
import io.confirmline.orchestrator.idempotency.ProcessedEvents;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.tenant.Tenant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Guests' calls to a tenant's virtual number, as the ingress answered them ({@code voice.inbound-calls.v1}, issue
 * #15): each session recorded once in {@code inbound_call}, whichever of its events comes first; each event applied
 * once (by eventId) in one transaction with what it causes:
 * <ul>
 *   <li>DIGITS with the tenant's confirm or cancel key decides the booking the menu named, as a key in the outbound
 *       call would (channel INBOUND_CALL) — only for the version the menu named, while the booking stands and awaits
 *       an answer (SCHEDULED, TEXTED, NO_RESPONSE, UNREACHABLE);</li>
 *   <li>PUT_THROUGH is recorded; the session's summary then says whether anyone at the venue answered;</li>
 *   <li>a call outside opening hours (CLOSED_MESSAGE), or one put through to nobody (the summary's bridged leg not
 *       answered), is a missed call ({@link MissedCalls}), handled once per session.</li>
 * </ul>
 */
@Component
public class InboundCalls {

    private static final Logger log = LoggerFactory.getLogger(InboundCalls.class);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Tenants tenants;
    private final CallProgress calls;
    private final MissedCalls missedCalls;
    private final ProcessedEvents processed;

    public InboundCalls(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Tenants tenants,
            CallProgress calls,
            MissedCalls missedCalls,
            ProcessedEvents processed) {
        this.db = db;
        this.processed = processed;
        this.transaction = TransactionalOperator.create(transactions);
        this.tenants = tenants;
        this.calls = calls;
        this.missedCalls = missedCalls;
    }

    public Mono<Void> apply(InboundCallEvent event) {
        if (event.getType() == InboundCallEventType.UNKNOWN) {
            throw new InvalidEventException(
                    "Inbound call event " + event.getEventId() + " of a type this service " + "does not know");
        }
        Tenant tenant = tenants.byId(event.getTenantId())
                .orElseThrow(() -> new InvalidEventException("Inbound call for unknown tenant " + event.getTenantId()));
        return processed
                .claim(event.getEventId(), Topics.INBOUND_CALLS)
                .flatMap(first -> !first
                        ? Mono.<Void>empty()
                        : record(event)
                                .then(
                                        switch (event.getType()) {
                                            case DIGITS -> digits(tenant, event);
                                            case PUT_THROUGH ->
                                                db.sql(
                                                                "UPDATE inbound_call SET put_through_to = :to, "
                                                                        + "put_through_at = COALESCE(put_through_at, :at) WHERE session_id = :session")
                                                        .bind(
                                                                "to",
                                                                event.getTransferTo() == null
                                                                        ? ""
                                                                        : event.getTransferTo())
                                                        .bind("at", utc(event.getOccurredAt()))
                                                        .bind("session", event.getSessionId())
                                                        .then();
                                            case CLOSED_MESSAGE ->
                                                db.sql(
                                                                "UPDATE inbound_call SET closed_message_at = "
                                                                        + "COALESCE(closed_message_at, :at) WHERE session_id = :session")
                                                        .bind("at", utc(event.getOccurredAt()))
                                                        .bind("session", event.getSessionId())
                                                        .then();
                                            default -> Mono.<Void>empty();
                                        })
                                .then(missedIfDue(event.getSessionId())))
                .as(transaction::transactional);
    }

    /**
     * The summary of an inbound session; false when no inbound session has this id (yet): the caller parks it. A
     * session put through whose bridged leg reached nobody is a missed call.
     */
    public Mono<Boolean> sessionEnded(SessionSummaryReceived summary) {
        return db.sql("SELECT session_id FROM inbound_call WHERE session_id = :session FOR UPDATE")
                .bind("session", summary.getSessionId())
                .map(row -> true)
                .one()
                .flatMap(known -> processed
                        .claim(summary.getEventId(), Topics.SESSION_SUMMARIES)
                        .flatMap(first -> !first
                                ? Mono.<Void>empty()
                                : nullable(
                                                db.sql("""
                                        UPDATE inbound_call SET summary_received_at = now(), bridge_missed = :missed
                                        WHERE session_id = :session AND summary_received_at IS NULL""").bind("session", summary.getSessionId()),
                                                "missed",
                                                BridgedLeg.unanswered(summary).orElse(null))
                                        .then()
                                        .then(missedIfDue(summary.getSessionId())))
                        .thenReturn(true))
                .defaultIfEmpty(false)
                .as(transaction::transactional);
    }

    /** Whether this is an inbound session (its key presses come as DIGITS, not as outbound call actions). */
    public Mono<Boolean> knows(String sessionId) {
        return db.sql("SELECT 1 FROM inbound_call WHERE session_id = :session")
                .bind("session", sessionId)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** The session's row, made by whichever of its events comes first. */
    private Mono<Void> record(InboundCallEvent e) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO inbound_call (session_id, tenant_id, caller, virtual_number, reservation_id, received_at)
                        VALUES (:session, :tenant, :caller, :number, :reservation, :at)
                        ON CONFLICT (session_id) DO UPDATE
                        SET reservation_id = COALESCE(inbound_call.reservation_id, excluded.reservation_id)""")
                .bind("session", e.getSessionId())
                .bind("tenant", e.getTenantId())
                .bind("caller", e.getCaller())
                .bind("number", e.getVirtualNumber())
                .bind("at", utc(e.getOccurredAt()));
        return nullable(spec, "reservation", e.getReservationId()).then();
    }

    /** The guest's key in the call-back menu: the confirm or cancel key decides the booking the menu named. */
    private Mono<Void> digits(Tenant tenant, InboundCallEvent e) {
        String digits = e.getDigits() == null ? "" : e.getDigits().strip();
        Mono<Void> noted = db.sql("UPDATE inbound_call SET digits = CASE WHEN digits IS NULL THEN :digits "
                        + "ELSE digits || ' ' || :digits END WHERE session_id = :session")
                .bind("digits", digits)
                .bind("session", e.getSessionId())
                .then();
        AttemptOutcome decided = digits.equals(tenant.digits().confirm())
                ? AttemptOutcome.CONFIRMED
                : digits.equals(tenant.digits().cancel()) ? AttemptOutcome.CANCELLED : null;
        if (decided == null || e.getReservationId() == null || e.getBookingVersion() == null) {
            return noted;
        }
        return noted.then(db.sql("""
                        SELECT c.id, b.starts_at FROM booking b
                        JOIN call c ON c.tenant_id = b.tenant_id AND c.subject_id = b.reservation_id
                        WHERE b.tenant_id = :tenant AND b.reservation_id = :reservation AND b.version = :version
                          AND NOT b.cancelled AND b.starts_at > now() AND b.guest_phone = :caller
                          AND c.status IN ('SCHEDULED', 'TEXTED', 'NO_RESPONSE', 'UNREACHABLE')""")
                .bind("tenant", tenant.id())
                .bind("reservation", e.getReservationId())
                .bind("version", e.getBookingVersion())
                .bind("caller", e.getCaller())
                .map(row -> new Open(
                        row.get("id", UUID.class),
                        row.get("starts_at", OffsetDateTime.class).toInstant()))
                .one()
                .flatMap(open ->
                        calls.guestAnswer(open.callId(), decided, digits, open.startsAt(), Channel.INBOUND_CALL))
                .switchIfEmpty(Mono.fromRunnable(() -> log.info(
                        "Call-back key {} from {} for booking {} version {} "
                                + "decided nothing: the booking changed, was decided or is over",
                        digits,
                        SensitiveText.maskPhone(e.getCaller()),
                        e.getReservationId(),
                        e.getBookingVersion())))
                .then());
    }

    private record Open(UUID callId, Instant startsAt) {}

    /** The session's missed call, when it is one and was not handled yet: outside opening hours, or put through to nobody. */
    private Mono<Void> missedIfDue(String sessionId) {
        return db.sql("""
                        UPDATE inbound_call SET missed_call_at = now()
                        WHERE session_id = :session AND missed_call_at IS NULL
                          AND (closed_message_at IS NOT NULL
                               OR (put_through_to IS NOT NULL AND summary_received_at IS NOT NULL
                                   AND bridge_missed IS NOT NULL))
                        RETURNING tenant_id, caller, reservation_id, bridge_missed, closed_message_at IS NOT NULL AS closed""")
                .bind("session", sessionId)
                .map(row -> new Missed(
                        row.get("tenant_id", String.class),
                        row.get("caller", String.class),
                        row.get("reservation_id", String.class),
                        Boolean.TRUE.equals(row.get("closed", Boolean.class))
                                ? "The guest called outside opening hours"
                                : row.get("bridge_missed", String.class)))
                .one()
                .flatMap(m -> missedCalls.missed(
                        m.tenantId(), m.caller(), m.reservationId(), MissedCalls.Source.INBOUND_CALL, m.why()));
    }

    private record Missed(String tenantId, String caller, String reservationId, String why) {}

    private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
