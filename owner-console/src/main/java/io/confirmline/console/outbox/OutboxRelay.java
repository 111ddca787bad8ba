package io.confirmline.console.outbox;

import io.confirmline.events.TenantConfigured;
import io.confirmline.kafka.AvroBinary;
import io.confirmline.tenant.TenantDirectoryProperties;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Publishes the outbox to {@code tenants.v1} in id order (a tenant's changes hold its row lock, so its rows are
 * numbered in commit order) and marks them published — publish, then mark, with no transaction open while the
 * broker is waited for. The orchestrator's relay, for one topic:
 * <ol>
 * <li>claim: a short transaction, serialised across instances by an advisory lock, takes the oldest unpublished
 * rows that nobody holds a live claim on, skipping every tenant that has one, and stamps them with a claim that
 * runs out after {@link #LEASE};</li>
 * <li>publish: the rows are sent (acks=all, idempotent) outside any transaction, waiting at most
 * {@link #SEND_TIMEOUT};</li>
 * <li>mark: the acknowledged rows — per tenant only up to its first failure, so a retry never puts an older state
 * after a newer one — are marked published; the claim is released on the rest, except rows whose send is still
 * pending, which keep it until the lease (longer than the producer's delivery timeout) runs out.</li>
 * </ol>
 * A crash between the acknowledgement and the mark publishes those rows again; the services ignore a revision they
 * already hold, and compaction keeps the last.
 */
@Component
public class OutboxRelay {

    static final int BATCH = 200;
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    static final Duration LEASE = Duration.ofMinutes(3);
    /** Serialises claims (not sends) across console instances. */
    private static final long CLAIM_LOCK = 0x74656e616e74L;   // "tenant"

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final String topic;

    public OutboxRelay(DatabaseClient db, ReactiveTransactionManager transactions,
            KafkaTemplate<String, SpecificRecord> kafka, TenantDirectoryProperties directory) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.kafka = kafka;
        this.topic = directory.topic();
    }

    /** The topic the console publishes tenants to ({@code confirmline.tenant-directory.topic}, tenants.v1). */
    public String topic() {
        return topic;
    }

    record Row(long id, String key, ByteBuffer payload) {
    }

    /** Relays one batch; returns how many rows were published and marked. */
    public int relayOnce() {
        UUID claim = UUID.randomUUID();
        List<Row> rows = claim(claim);
        if (rows.isEmpty()) {
            return 0;
        }
        Published published = publish(rows);
        List<Row> sent = published.sent();
        if (!sent.isEmpty()) {
            db.sql("UPDATE outbox SET published_at = now(), claimed_by = NULL, claimed_until = NULL "
                            + "WHERE id IN (:ids) AND published_at IS NULL")
                    .bind("ids", sent.stream().map(Row::id).toList())
                    .fetch().rowsUpdated().block(Duration.ofSeconds(30));
        }
        if (sent.size() < rows.size()) {
            db.sql("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL "
                            + "WHERE claimed_by = :claim AND published_at IS NULL AND NOT (id = ANY(:pending))")
                    .bind("claim", claim).bind("pending", published.pending().toArray(Long[]::new))
                    .fetch().rowsUpdated().block(Duration.ofSeconds(30));
            throw new IllegalStateException("the broker did not take " + (rows.size() - sent.size()) + " of "
                    + rows.size() + " tenant records; they will be sent again");
        }
        return sent.size();
    }

    /** Deletes published rows older than {@code age}, a bounded batch; returns how many. */
    public int prune(Duration age) {
        Long removed = db.sql("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at IS NOT NULL "
                        + "AND published_at < now() - make_interval(secs => :age) ORDER BY id LIMIT 1000)")
                .bind("age", (double) age.toSeconds()).fetch().rowsUpdated().block(Duration.ofSeconds(30));
        return removed == null ? 0 : removed.intValue();
    }

    private List<Row> claim(UUID claim) {
        List<Row> rows = db.sql("SELECT pg_advisory_xact_lock(:lock)").bind("lock", CLAIM_LOCK).fetch().first()
                .then(db.sql("""
                                UPDATE outbox SET claimed_by = :claim, claimed_until = now() + make_interval(secs => :lease)
                                WHERE id IN (
                                    SELECT o.id FROM outbox o
                                    WHERE o.published_at IS NULL
                                      AND (o.claimed_until IS NULL OR o.claimed_until < now())
                                      AND NOT EXISTS (SELECT 1 FROM outbox held
                                                      WHERE held.message_key = o.message_key
                                                        AND held.published_at IS NULL
                                                        AND held.claimed_until >= now())
                                    ORDER BY o.id LIMIT :batch)
                                RETURNING id, message_key, payload""")
                        .bind("claim", claim).bind("lease", (double) LEASE.toSeconds()).bind("batch", BATCH)
                        .map(row -> new Row(row.get("id", Long.class), row.get("message_key", String.class),
                                row.get("payload", ByteBuffer.class)))
                        .all().collectList())
                .as(transaction::transactional)
                .block(Duration.ofSeconds(30));
        if (rows == null) {
            return List.of();
        }
        List<Row> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparingLong(Row::id));   // RETURNING keeps no order
        return ordered;
    }

    /** The rows to mark (acknowledged, per tenant up to its first failure) and those whose send is pending. */
    private record Published(List<Row> sent, List<Long> pending) {
    }

    private Published publish(List<Row> rows) {
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (System.nanoTime() > deadline || sends.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
                break;   // the broker is away or slow: the rest wait for the next round
            }
            try {
                TenantConfigured value = row.payload() == null ? null
                        : AvroBinary.decode(TenantConfigured.class, row.payload());
                sends.add(kafka.send(topic, row.key(), value));
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
}
