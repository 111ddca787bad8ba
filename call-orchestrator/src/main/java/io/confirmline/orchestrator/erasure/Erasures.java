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
package io.confirmline.orchestrator.erasure;

import io.confirmline.orchestrator.api.ApiRefusals;
import io.confirmline.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Erases a guest's data for a tenant, in the order that keeps a crash harmless: first the compacted topic's
 * sessions are tombstoned (and acknowledged), then the database is changed in one transaction. A crash between
 * the two leaves the rows as they were, so calling again finds the same guest and finishes the job; a crash before
 * the tombstones changed nothing.
 *
 * <p>The transaction re-reads the guest's rows under their locks. Should a session have appeared since (a dial
 * answered in between) or one of its outbox rows have been published after the tombstones, it changes nothing and
 * the round starts again with the tombstones: the topic must not keep a session the database has forgotten.
 */
@Component
public class Erasures {

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);

    /** Rounds before the caller is told to try again; a relay holds a claim for at most its send timeout. */
    static final int MAX_ROUNDS = 6;

    static final Duration FIRST_PAUSE = Duration.ofMillis(200);

    private final ErasureStore store;
    private final SessionTombstones tombstones;
    private final Clock clock;

    public Erasures(ErasureStore store, SessionTombstones tombstones, Clock clock) {
        this.store = store;
        this.tombstones = tombstones;
        this.clock = clock;
    }

    /** Erases what the tenant holds for {@code phone} (a valid E.164 number); the receipt counts what was erased. */
    public Mono<ErasureReceipt> erase(String tenantId, String phone) {
        UUID erasureId = UUID.randomUUID();
        return store.find(tenantId, phone)
                .flatMap(guest -> round(tenantId, phone, erasureId, new LinkedHashSet<>(guest.sessions()), 1))
                .doOnNext(receipt -> log.info(
                        "Erasure {} for tenant {}: {} booking(s), {} voice message(s), {} call(s), "
                                + "{} session(s) erased",
                        erasureId,
                        tenantId,
                        receipt.bookings(),
                        receipt.voiceMessages(),
                        receipt.calls(),
                        receipt.sessions()));
    }

    private Mono<ErasureReceipt> round(String tenantId, String phone, UUID erasureId, Set<String> sessions, int round) {
        if (round > MAX_ROUNDS) {
            log.warn(
                    "Erasure {} for tenant {} not done after {} rounds: its sessions are still being published",
                    erasureId,
                    tenantId,
                    MAX_ROUNDS);
            return Mono.error(busy());
        }
        return store.databaseNow()
                .flatMap(from -> tombstones
                        .send(sessions)
                        .then(Mono.defer(() -> store.erase(
                                tenantId,
                                phone,
                                sessions,
                                from,
                                erasureId,
                                clock.instant().truncatedTo(ChronoUnit.MILLIS))))
                        .flatMap(outcome -> {
                            if (outcome instanceof ErasureStore.Outcome.Erased erased) {
                                return Mono.just(erased.receipt());
                            }
                            if (outcome instanceof ErasureStore.Outcome.MoreSessions more) {
                                Set<String> all = new LinkedHashSet<>(sessions);
                                all.addAll(more.sessions());
                                return round(tenantId, phone, erasureId, all, round + 1);
                            }
                            // A relay is publishing one of the sessions: give it a moment, then tombstone again.
                            return Mono.delay(FIRST_PAUSE.multipliedBy(1L << (round - 1)))
                                    .then(round(tenantId, phone, erasureId, sessions, round + 1));
                        }));
    }

    private static ProblemException busy() {
        return ApiRefusals.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "The guest's call sessions are being published right now; nothing was erased yet, try again")
                .header("Retry-After", "5");
    }
}
