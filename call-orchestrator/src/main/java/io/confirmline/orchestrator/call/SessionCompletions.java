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

import io.confirmline.events.CallSessionSummary;
import io.confirmline.events.CallStatus;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.outbox.Outbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Each finished session's {@code call.completed} event, after the status change that session caused. 8x8's key press
 * and its session summary reach us on two topics in either order; when the summary of an answered call comes first,
 * its event is held on the attempt (in the same transaction) and announced when the key press, or the end of the key
 * wait, moves the call off the line — so the platform hears CONFIRMED before the summary, and the summary carries it.
 */
final class SessionCompletions {

    private static final Logger log = LoggerFactory.getLogger(SessionCompletions.class);

    private final DatabaseClient db;
    private final Outbox outbox;
    private final Clock clock;

    SessionCompletions(DatabaseClient db, Outbox outbox, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Announces the session's call.completed now, with the call's status as it is. */
    Mono<Void> announce(CallProgress.Locked call, int attempt, CallSessionSummary summary, CallStatus status) {
        return AttemptView.read(db, call.id(), attempt)
                .flatMap(row -> outbox.add(
                        Topics.CALL_STATUS.name(),
                        call.subjectId(),
                        call.event(row, clock.instant())
                                .setAttempt(attempt)
                                .setPreviousStatus(status)
                                .setStatus(status)
                                .setReason("The call session ended (8x8 " + summary.getProviderStatus()
                                        + (summary.getErrorCode() == null ? "" : ", error " + summary.getErrorCode())
                                        + ")")
                                .setSessionId(summary.getSessionId())
                                .setCallSummary(CallSessionSummary.newBuilder(summary)
                                        .setAttemptId(row.attemptId())
                                        .build())
                                .build()));
    }

    /** Keeps the session's call.completed on its attempt until {@link #release} announces it. */
    Mono<Void> hold(UUID callId, int attempt, CallSessionSummary summary) {
        ByteBuffer encoded;
        try {
            encoded = summary.toByteBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return db.sql("UPDATE call_attempt SET held_completion = :held WHERE call_id = :id AND attempt = :attempt")
                .bind("held", encoded)
                .bind("id", callId)
                .bind("attempt", attempt)
                .then();
    }

    /**
     * Announces the call.completed held on the attempt, if any, with the status the call has now; the caller has
     * the call locked and has just announced that status.
     */
    Mono<Void> release(CallProgress.Locked call, int attempt, CallStatus status) {
        // Taken off the attempt and read in one statement (the row as it was before the update holds it): the caller
        // holds the call's lock, as every writer of a held completion does, so nobody holds or takes one in between.
        return db.sql("""
                        UPDATE call_attempt a SET held_completion = NULL
                        FROM call_attempt before
                        WHERE a.call_id = :id AND a.attempt = :attempt AND before.call_id = a.call_id
                          AND before.attempt = a.attempt AND before.held_completion IS NOT NULL
                        RETURNING before.held_completion""")
                .bind("id", call.id())
                .bind("attempt", attempt)
                .map(row -> row.get("held_completion", ByteBuffer.class))
                .one()
                .flatMap(held -> Mono.justOrEmpty(decode(held, call.id())))
                .flatMap(summary -> announce(call, attempt, summary, status));
    }

    private static CallSessionSummary decode(ByteBuffer held, UUID callId) {
        try {
            return CallSessionSummary.fromByteBuffer(held);
        } catch (IOException | RuntimeException e) {
            // Only a release that changed the summary's schema while a summary waited (seconds) gets here. The key
            // press being applied matters more than its session's summary: it goes on, the summary is dropped.
            log.warn("The held call.completed of call {} could not be read and is dropped: {}", callId, e.toString());
            return null;
        }
    }
}
