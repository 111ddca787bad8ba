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
package io.confirmline.orchestrator.booking;

import io.confirmline.events.Topics;
import io.confirmline.orchestrator.outbox.Outbox;
import java.time.Duration;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Removes bookings that are over from {@code bookings.v1}: a tombstone through the outbox (after every snapshot of
 * the booking, since the relay publishes a key's rows in order) and the booking marked, in one transaction. Bookings
 * are over {@code tombstone-after} their start; an erased guest's at once ({@link #tombstone}).
 */
@Component
public class BookingTombstones {

    private static final int BATCH = 100;

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final BookingProperties properties;

    public BookingTombstones(
            DatabaseClient db, ReactiveTransactionManager transactions, Outbox outbox, BookingProperties properties) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.outbox = outbox;
        this.properties = properties;
    }

    private record Over(String tenantId, String reservationId) {}

    /** One batch of bookings that are over; returns how many were tombstoned (the loop goes on while there are). */
    public int sweepOnce() {
        List<Over> over = db.sql("""
                        SELECT tenant_id, reservation_id FROM booking
                        WHERE tombstoned_at IS NULL AND starts_at < now() - make_interval(secs => :after)
                        ORDER BY starts_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
                .bind("after", (double) properties.tombstoneAfter().toSeconds())
                .bind("batch", BATCH)
                .map(row -> new Over(row.get("tenant_id", String.class), row.get("reservation_id", String.class)))
                .all()
                .collectList()
                .flatMap(rows -> Flux.fromIterable(rows)
                        .concatMap(b -> tombstone(b.tenantId(), b.reservationId()))
                        .then(Mono.just(rows)))
                .as(transaction::transactional)
                .block(Duration.ofSeconds(30));
        return over == null ? 0 : over.size();
    }

    /**
     * Tombstones one booking in the caller's transaction. Its snapshots already sent, and those not claimed by a relay
     * yet, are dropped first: an erased guest's details then never reach the topic, nor stay in the outbox. One a
     * relay is publishing right now keeps its row (and so its claim on the key: the tombstone follows it on the topic),
     * emptied — should the relay fail, it publishes a tombstone instead.
     */
    public Mono<Void> tombstone(String tenantId, String reservationId) {
        return db.sql("UPDATE booking SET tombstoned_at = now() WHERE tenant_id = :tenant AND reservation_id = :id")
                .bind("tenant", tenantId)
                .bind("id", reservationId)
                .then()
                .then(db.sql("""
                                DELETE FROM outbox WHERE topic = :topic AND message_key = :id
                                  AND (sent_at IS NOT NULL OR claimed_until IS NULL OR claimed_until < now())""")
                        .bind("topic", Topics.BOOKINGS.name())
                        .bind("id", reservationId)
                        .then())
                .then(db.sql("UPDATE outbox SET payload = NULL WHERE topic = :topic AND message_key = :id")
                        .bind("topic", Topics.BOOKINGS.name())
                        .bind("id", reservationId)
                        .then())
                .then(outbox.tombstone(Topics.BOOKINGS.name(), reservationId));
    }
}
