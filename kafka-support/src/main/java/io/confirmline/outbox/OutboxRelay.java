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
package io.confirmline.outbox;

import io.confirmline.background.AfterCommit;
import io.confirmline.background.PollingLoop;
import io.confirmline.kafka.AvroBinary;
import io.confirmline.kafka.TraceParents;
import io.micrometer.tracing.Tracer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Publishes outbox rows in id order and marks them sent — publish, then mark, with no transaction open while the
 * broker is waited for. The one relay of every service with an outbox (the orchestrator's events, the console's
 * tenant records); each wires its own with its {@link OutboxSettings}:
 * <ol>
 * <li>claim: a short transaction, serialised across instances by an advisory lock, takes the oldest unsent rows that
 * nobody holds a live claim on, skipping every key that has one (so two instances never publish the same key at
 * once, and a key's records go out in commit order), and stamps them with a claim that runs out after the lease;</li>
 * <li>publish: the rows are sent outside any transaction, each inside the trace of the work that wrote it, waiting
 * at most the send timeout; a null payload is a tombstone (null value);</li>
 * <li>mark: one statement marks sent the rows the broker acknowledged — per key only up to the first failure, so
 * a retry never puts an earlier record after a later one — and the claim is released on the rows that failed or
 * were not tried. A row whose send is still pending keeps its claim (and so its key) until the lease runs out,
 * which is longer than the producer may keep trying: no other relay publishes that key while the pending record
 * may still land.</li>
 * </ol>
 * A crash between the broker's acknowledgement and the mark publishes those rows again once their claim has run
 * out; consumers drop duplicates (by eventId, or by revision).
 */
public class OutboxRelay {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Tracer tracer;
    private final OutboxSettings settings;
    private final String table;
    private volatile Runnable wakeUp = () -> {};

    /** {@code tracer} may be null (nothing traced): the rows are then published as they are. */
    public OutboxRelay(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            KafkaTemplate<String, SpecificRecord> kafka,
            Tracer tracer,
            OutboxSettings settings) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.kafka = kafka;
        this.tracer = tracer;
        this.settings = settings;
        this.table = settings.table();
    }

    public OutboxSettings settings() {
        return settings;
    }

    /** A claimed row; {@code payload} null is a tombstone. */
    record Row(long id, String topic, String key, ByteBuffer payload, String traceParent) {}

    /** The loop that runs this relay, woken by {@link #wakeAfterCommit()}. */
    public void wakeWith(PollingLoop loop) {
        this.wakeUp = loop::wake;
    }

    /**
     * Rows were written in the caller's transaction: once it commits, the relay publishes them at once rather than
     * at its next poll (its idle pause), so an answer reaches the broker in milliseconds. Only this instance's relay
     * is woken; another instance's finds the rows at its next poll, as before.
     */
    public Mono<Void> wakeAfterCommit() {
        return AfterCommit.wake(() -> wakeUp.run());
    }

    /** Relays one batch; returns how many rows were published and marked sent. */
    public int relayOnce() {
        UUID claim = UUID.randomUUID();
        List<Row> rows = claim(claim);
        if (rows.isEmpty()) {
            return 0;
        }
        Published published = publish(rows);
        List<Row> sent = published.sent();
        if (!sent.isEmpty()) {
            // Exactly the rows published, claimed or not by now: a row another relay took over after our claim ran
            // out is published twice either way, and marking it here spares a third time.
            db.sql("UPDATE " + table + " SET sent_at = now(), claimed_by = NULL, claimed_until = NULL "
                            + "WHERE id IN (:ids) AND sent_at IS NULL")
                    .bind("ids", sent.stream().map(Row::id).toList())
                    .fetch()
                    .rowsUpdated()
                    .block(Duration.ofSeconds(30));
        }
        if (sent.size() < rows.size()) {
            // Failed or not tried: free to be claimed again at once (by anyone), rather than after the lease.
            db.sql("UPDATE " + table + " SET claimed_by = NULL, claimed_until = NULL "
                            + "WHERE claimed_by = :claim AND sent_at IS NULL AND NOT (id = ANY(:pending))")
                    .bind("claim", claim)
                    .bind("pending", published.pending().toArray(Long[]::new))
                    .fetch()
                    .rowsUpdated()
                    .block(Duration.ofSeconds(30));
            throw new IllegalStateException("the broker did not take " + (rows.size() - sent.size()) + " of "
                    + rows.size() + " " + settings.name() + "; they will be sent again");
        }
        return sent.size();
    }

    /** Deletes sent rows older than {@code age}, a bounded batch (oldest first); returns how many. */
    public int prune(Duration age) {
        Long removed = db.sql("DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                        + " WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => :age) "
                        + "ORDER BY id LIMIT 1000)")
                .bind("age", (double) age.toSeconds())
                .fetch()
                .rowsUpdated()
                .block(Duration.ofSeconds(30));
        return removed == null ? 0 : removed.intValue();
    }

    private List<Row> claim(UUID claim) {
        // "id = ANY(ARRAY(...))", not "id IN (...)": the claimed ids become one array the update finds by primary key.
        // With IN, PostgreSQL may plan a hash join that reads the whole table to update a batch (it did, under load,
        // as the table grew: docs/benchmarks.md, "The whole suite").
        List<Row> rows = db.sql("SELECT pg_advisory_xact_lock(:lock)")
                .bind("lock", settings.claimLock())
                .fetch()
                .first()
                .then(db.sql("""
                                UPDATE %1$s SET claimed_by = :claim, claimed_until = now() + make_interval(secs => :lease)
                                WHERE id = ANY(ARRAY(
                                    SELECT o.id FROM %1$s o
                                    WHERE o.sent_at IS NULL AND (o.claimed_until IS NULL OR o.claimed_until < now())
                                      AND NOT EXISTS (SELECT 1 FROM %1$s held
                                                      WHERE held.message_key = o.message_key AND held.sent_at IS NULL
                                                        AND held.claimed_until >= now())
                                    ORDER BY o.id LIMIT :batch))
                                RETURNING id, topic, message_key, payload, trace_parent""".formatted(table))
                        .bind("claim", claim)
                        .bind("lease", (double) settings.lease().toSeconds())
                        .bind("batch", settings.batch())
                        .map(row -> new Row(
                                row.get("id", Long.class),
                                row.get("topic", String.class),
                                row.get("message_key", String.class),
                                row.get("payload", ByteBuffer.class),
                                row.get("trace_parent", String.class)))
                        .all()
                        .collectList())
                .as(transaction::transactional)
                .block(Duration.ofSeconds(30));
        if (rows == null) {
            return List.of();
        }
        List<Row> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparingLong(Row::id)); // RETURNING keeps no order
        return ordered;
    }

    /**
     * What a round's sends came to: the rows to mark sent (acknowledged, per key only up to its first failure), and
     * the ids of rows whose send is still pending.
     */
    private record Published(List<Row> sent, List<Long> pending) {}

    /** Sends the rows in id order. */
    private Published publish(List<Row> rows) {
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (System.nanoTime() > deadline || sends.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
                break; // the broker is away or slow (a send can wait for metadata): the rest wait for the next round
            }
            try {
                // Published inside the trace of the work that wrote the row, so the record's producer span joins it.
                sends.add(TraceParents.within(
                        tracer,
                        row.traceParent(),
                        "outbox relay",
                        () -> kafka.send(row.topic(), row.key(), decode(row))));
            } catch (RuntimeException e) {
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Some failed or are still pending: only the acknowledged ones count, below.
        }
        Set<String> brokenKeys = new HashSet<>();
        List<Row> sent = new ArrayList<>(rows.size());
        List<Long> pending = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            CompletableFuture<?> send = i < sends.size() ? sends.get(i) : null;
            if (send != null && !send.isDone()) {
                pending.add(row.id());
            }
            boolean acknowledged = send != null && send.isDone() && !send.isCompletedExceptionally();
            if (acknowledged && !brokenKeys.contains(row.key())) {
                sent.add(row);
            } else {
                brokenKeys.add(row.key());
            }
        }
        return new Published(sent, pending);
    }

    /** The row's record; null for a tombstone. A topic the settings do not name fails the row (and its key). */
    private SpecificRecord decode(Row row) {
        Class<? extends SpecificRecord> type = settings.events().get(row.topic());
        if (type == null) {
            throw new IllegalStateException("The outbox does not know topic " + row.topic());
        }
        return row.payload() == null ? null : AvroBinary.decode(type, row.payload());
    }
}
