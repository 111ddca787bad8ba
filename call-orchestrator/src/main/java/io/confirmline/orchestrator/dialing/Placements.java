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
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.call.OutcomeProperties;
import io.confirmline.orchestrator.callflow.SessionReplies;
import io.confirmline.orchestrator.dialing.DialPlans.DialPlan;
import io.confirmline.orchestrator.outbox.Outbox;
import io.confirmline.orchestrator.outbox.TraceParent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records what 8x8 answered — only while the call is still DIALING that attempt: its summary (matched by
 * clientRequestId) may have settled it first. Sessions 8x8 created are recorded for a whole batch at once (the
 * session ids in one statement, the session replies and DIALING events in one outbox insert); the rarer answers
 * (refused, unknown, unavailable) one call at a time, each in its own transaction.
 */
@Component
class Placements {

    private static final Logger log = LoggerFactory.getLogger(Placements.class);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final OutcomeProperties outcomes;
    private final DialingProperties properties;
    private final CallEndings endings;
    private final Clock clock;

    Placements(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Outbox outbox,
            OutcomeProperties outcomes,
            DialingProperties properties,
            CallEndings endings,
            Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.properties = properties;
        this.endings = endings;
        this.clock = clock;
    }

    /** One Send Callflow request and its answer; {@code traceParent} is the trace the dial ran in (or null). */
    record Placement(DueCall call, DialPlan plan, Instant dialedAt, PlaceCallResult result, String traceParent) {}

    Mono<Void> recordAll(List<Placement> placements) {
        List<Placement> placed = placements.stream()
                .filter(p -> p.result() instanceof PlaceCallResult.Placed)
                .toList();
        Mono<Void> sessions =
                placed.isEmpty() ? Mono.empty() : recordPlaced(placed).as(transaction::transactional);
        return sessions.then(Flux.fromIterable(placements)
                .filter(p -> !(p.result() instanceof PlaceCallResult.Placed))
                .concatMap(p ->
                        recordOther(p).as(transaction::transactional).contextWrite(TraceParent.of(p.traceParent())))
                .then());
    }

    /**
     * Until 8x8's session summary comes, each call waits; if it never does, the outcome sweep closes it. A call the
     * summary (or anything else) moved on from DIALING this attempt is left as it is.
     */
    private Mono<Void> recordPlaced(List<Placement> placed) {
        Instant now = clock.instant();
        Map<UUID, Placement> byId = new HashMap<>();
        String[] ids = new String[placed.size()];
        String[] attempts = new String[placed.size()];
        String[] sessions = new String[placed.size()];
        for (int i = 0; i < placed.size(); i++) {
            Placement p = placed.get(i);
            byId.put(p.call().id(), p);
            ids[i] = p.call().id().toString();
            attempts[i] = p.plan().attemptId();
            sessions[i] = ((PlaceCallResult.Placed) p.result()).sessionId();
        }
        return db.sql("""
                        WITH placed AS (
                            SELECT * FROM unnest(:ids::uuid[], :attempts::text[], :sessions::text[])
                                AS p(id, attempt_id, session_id)),
                        recorded AS (
                            UPDATE call c SET session_id = p.session_id, lease_until = NULL, settle_at = :settleAt,
                                              settle_reason = 'SUMMARY_LOST'
                            FROM placed p WHERE c.id = p.id AND c.status = 'DIALING' AND c.attempt_id = p.attempt_id
                            RETURNING c.id, c.attempt, p.session_id),
                        attempts AS (
                            UPDATE call_attempt a SET session_id = r.session_id
                            FROM recorded r WHERE a.call_id = r.id AND a.attempt = r.attempt)
                        SELECT id FROM recorded""")
                .bind("ids", ids)
                .bind("attempts", attempts)
                .bind("sessions", sessions)
                .bind("settleAt", now.plus(outcomes.summaryTimeout()).atOffset(ZoneOffset.UTC))
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList()
                .flatMap(recorded -> {
                    List<Outbox.Entry> events = new ArrayList<>(2 * recorded.size());
                    for (UUID id : recorded) {
                        Placement p = byId.get(id);
                        DueCall call = p.call();
                        String sessionId = ((PlaceCallResult.Placed) p.result()).sessionId();
                        SessionReplies.Session session = new SessionReplies.Session(
                                call.tenantId(),
                                sessionId,
                                call.id().toString(),
                                p.plan().attemptId(),
                                now,
                                now.plus(Duration.ofHours(2)));
                        events.add(new Outbox.Entry(
                                Topics.SESSIONS.name(),
                                sessionId,
                                p.plan().replies().apply(session),
                                p.traceParent()));
                        events.add(new Outbox.Entry(
                                Topics.CALL_STATUS.name(),
                                call.subjectId(),
                                CallEndings.change(
                                        call,
                                        CallStatus.SCHEDULED,
                                        CallStatus.DIALING,
                                        null,
                                        sessionId,
                                        p.dialedAt(),
                                        null,
                                        now),
                                p.traceParent()));
                    }
                    return outbox.addAll(events);
                });
    }

    private Mono<Void> recordOther(Placement p) {
        return db.sql("SELECT status, attempt_id FROM call WHERE id = :id FOR UPDATE")
                .bind("id", p.call().id())
                .map(row -> "DIALING".equals(row.get("status", String.class))
                        && p.plan().attemptId().equals(row.get("attempt_id", String.class)))
                .one()
                .filter(Boolean::booleanValue)
                .flatMap(dialing -> recordAnswer(p.call(), p.dialedAt(), p.result()));
    }

    private Mono<Void> recordAnswer(DueCall call, Instant dialedAt, PlaceCallResult result) {
        Instant now = clock.instant();
        if (result instanceof PlaceCallResult.Rejected rejected) {
            Integer code = rejected.statusCode() != null ? rejected.statusCode() : rejected.httpStatus();
            return db.sql("UPDATE call_attempt SET provider_error_code = :code, provider_error_message = :message, "
                            + "outcome = 'FAILED' WHERE call_id = :id AND attempt = :attempt")
                    .bind("code", code)
                    .bind("message", Objects.requireNonNullElse(rejected.statusMessage(), ""))
                    .bind("id", call.id())
                    .bind("attempt", call.attempt())
                    .then()
                    .then(endings.finish(call, CallEndings.failed(call), rejected.reason(), rejected.statusCode()));
        }
        if (result instanceof PlaceCallResult.OutcomeUnknown unknown) {
            // The call may be ringing: the platform hears DIALING; the summary or its deadline will settle it.
            log.warn("Call {} attempt {}: {}", call.id(), call.attempt(), unknown.reason());
            return db.sql("UPDATE call SET lease_until = NULL, reason = :reason WHERE id = :id")
                    .bind("reason", unknown.reason())
                    .bind("id", call.id())
                    .then()
                    .then(db.sql("UPDATE call_attempt SET provider_error_message = :reason "
                                    + "WHERE call_id = :id AND attempt = :attempt")
                            .bind("reason", unknown.reason())
                            .bind("id", call.id())
                            .bind("attempt", call.attempt())
                            .then())
                    .then(outbox.add(
                            Topics.CALL_STATUS.name(),
                            call.subjectId(),
                            CallEndings.change(
                                    call,
                                    CallStatus.SCHEDULED,
                                    CallStatus.DIALING,
                                    unknown.reason(),
                                    null,
                                    dialedAt,
                                    null,
                                    now)));
        }
        // Proven not placed: this attempt never happened, so it is dialed again later under the same number.
        Instant retryAt = now.plus(properties.unavailableRetry());
        String reason = ((PlaceCallResult.Unavailable) result).reason();
        Mono<Void> forget = db.sql("DELETE FROM call_attempt WHERE call_id = :id AND attempt = :attempt")
                .bind("id", call.id())
                .bind("attempt", call.attempt())
                .then();
        return forget.then(
                retryAt.isBefore(call.validUntil())
                        ? db.sql(
                                        "UPDATE call SET status = 'SCHEDULED', due_at = :due, reason = :reason, lease_until = NULL, "
                                                + "settle_at = NULL, settle_reason = NULL, dialed_at = NULL WHERE id = :id")
                                .bind("due", retryAt.atOffset(ZoneOffset.UTC))
                                .bind("reason", reason)
                                .bind("id", call.id())
                                .then()
                        : endings.finish(call, CallEndings.failed(call), reason, null));
    }
}
