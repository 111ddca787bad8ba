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
package io.confirmline.ingress.session;

import io.confirmline.events.CallSessionOpened;
import io.confirmline.ingress.follow.FollowedView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The open call sessions, from {@code voice.sessions.v1}: what the VCA endpoint answers from, without asking
 * anyone. In memory; rebuilt from the (compacted) topic at every start.
 */
@Component
public class SessionView implements FollowedView<CallSessionOpened> {

    private final Map<String, OpenSession> sessions = new ConcurrentHashMap<>();
    /** Key presses waiting for their session to arrive, by sessionId; duplicates of one webhook share a sink. */
    private final Map<String, Sinks.One<OpenSession>> awaited = new ConcurrentHashMap<>();

    private final AtomicInteger waiting = new AtomicInteger();
    private final SessionViewProperties properties;
    private final Clock clock;
    private volatile boolean caughtUp;

    public SessionView(SessionViewProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public Optional<OpenSession> find(String sessionId) {
        OpenSession session = sessions.get(sessionId);
        if (session == null || !session.forgetAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /**
     * The session, waiting up to {@code arrivalWait} for it when the view does not have it yet: a guest may press a
     * key before the orchestrator's record of the session (sent once 8x8 answered Send Callflow) reached us. Empty
     * when it did not come in time, or when too many presses already wait.
     */
    public Mono<Optional<OpenSession>> findOrAwait(String sessionId) {
        return Mono.defer(() -> awaitFromSubscription(sessionId));
    }

    private Mono<Optional<OpenSession>> awaitFromSubscription(String sessionId) {
        Optional<OpenSession> now = find(sessionId);
        Duration wait = properties.arrivalWait();
        if (now.isPresent() || wait.isZero()) {
            return Mono.just(now);
        }
        if (waiting.incrementAndGet() > properties.maxArrivalWaiters()) {
            waiting.decrementAndGet();
            return Mono.just(now);
        }
        Sinks.One<OpenSession> sink = awaited.computeIfAbsent(sessionId, id -> Sinks.one());
        // Registered before this second look, so a session put in between is seen by one or the other.
        Optional<OpenSession> meanwhile = find(sessionId);
        if (meanwhile.isPresent()) {
            awaited.remove(sessionId, sink);
            waiting.decrementAndGet();
            return Mono.just(meanwhile);
        }
        // Released before the answer goes on (not in doFinally, which runs after it), once, whichever way it ends.
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                awaited.remove(sessionId, sink);
                waiting.decrementAndGet();
            }
        };
        return sink.asMono()
                .map(Optional::of)
                .timeout(wait, Mono.fromSupplier(() -> find(sessionId)))
                .doOnTerminate(release)
                .doOnCancel(release);
    }

    /** How many key presses wait for their session now. */
    public int awaiting() {
        return waiting.get();
    }

    /** Adds or replaces a session; one that has already expired is not added. */
    public void put(CallSessionOpened opened) {
        put(opened, null);
    }

    /** A record of the topic; the key is the sessionId the record carries. */
    @Override
    public void put(String key, CallSessionOpened opened, String traceParent) {
        put(opened, traceParent);
    }

    /** Like {@link #put(CallSessionOpened)}, remembering the trace the session was opened in. */
    public void put(CallSessionOpened opened, String traceParent) {
        Instant byAge = opened.getOccurredAt().plus(properties.maxAge());
        Instant forgetAt = opened.getExpiresAt().isBefore(byAge) ? opened.getExpiresAt() : byAge;
        if (forgetAt.isAfter(clock.instant())) {
            OpenSession session = sessions.compute(
                    opened.getSessionId(),
                    (id, existing) ->
                            existing != null && existing.opened().getEventId().equals(opened.getEventId())
                                    ? existing
                                    : new OpenSession(opened, forgetAt, traceParent));
            Sinks.One<OpenSession> waiters = awaited.remove(opened.getSessionId());
            if (waiters != null) {
                waiters.tryEmitValue(session);
            }
        } else {
            sessions.remove(opened.getSessionId());
        }
    }

    /** The trace of an open session's booking, or null: events from its webhooks are published inside it. */
    public String traceParentOf(String sessionId) {
        return find(sessionId).map(OpenSession::traceParent).orElse(null);
    }

    /** A tombstone on the compacted topic. */
    @Override
    public void remove(String sessionId) {
        sessions.remove(sessionId);
    }

    /** Drops expired sessions; returns how many. */
    @Override
    public int sweep() {
        Instant now = clock.instant();
        int before = sessions.size();
        sessions.values().removeIf(session -> !session.forgetAt().isAfter(now));
        return before - sessions.size();
    }

    @Override
    public int size() {
        return sessions.size();
    }

    @Override
    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public void markCaughtUp() {
        caughtUp = true;
    }
}
