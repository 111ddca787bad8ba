package io.confirmline.orchestrator.outbox;

import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroBinary;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Publishes outbox rows in id order and marks them sent. The oldest unsent rows are locked {@code FOR UPDATE}
 * (without SKIP LOCKED) for as long as they are being published, so with several instances one relays while the
 * others wait, and the order per key is the order the state changes committed. A crash between the broker's
 * acknowledgement and the commit publishes those rows again; consumers drop duplicates by eventId.
 */
@Component
public class OutboxRelay {

    private static final int BATCH = 200;

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final io.micrometer.tracing.Tracer tracer;

    public OutboxRelay(DatabaseClient db, ReactiveTransactionManager transactions, KafkaTemplate<String, SpecificRecord> kafka,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
        this.tracer = tracer.getIfAvailable();
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.kafka = kafka;
    }

    private record Row(long id, String topic, String key, ByteBuffer payload, String traceParent) {
    }

    /** Relays one batch; returns how many rows were published. */
    public int relayOnce() {
        Integer relayed = db.sql("SELECT id, topic, message_key, payload, trace_parent FROM outbox WHERE sent_at IS NULL "
                        + "ORDER BY id LIMIT :batch FOR UPDATE")
                .bind("batch", BATCH)
                .map(row -> new Row(row.get("id", Long.class), row.get("topic", String.class),
                        row.get("message_key", String.class), row.get("payload", ByteBuffer.class),
                        row.get("trace_parent", String.class)))
                .all().collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : Mono.fromCallable(() -> publish(rows))
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                        // Exactly the rows published: a range would also catch a row whose transaction committed
                        // after the SELECT (its id was allocated earlier) and mark it sent unpublished.
                        .then(db.sql("UPDATE outbox SET sent_at = now() WHERE id IN (:ids)")
                                .bind("ids", rows.stream().map(Row::id).toList())
                                .fetch().rowsUpdated())
                        .map(Long::intValue))
                .as(transaction::transactional)
                .block(Duration.ofSeconds(60));
        return relayed == null ? 0 : relayed;
    }

    private Void publish(List<Row> rows) throws Exception {
        CompletableFuture<?>[] sends = new CompletableFuture<?>[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            // Published inside the trace of the work that wrote the row, so the record's producer span joins it.
            sends[i] = io.confirmline.kafka.TraceParents.within(tracer, row.traceParent(), "outbox relay",
                    () -> kafka.send(row.topic(), row.key(), decode(row.topic(), row.payload())));
        }
        CompletableFuture.allOf(sends).get(30, TimeUnit.SECONDS);
        return null;
    }

    /** The readers of the topics the outbox writes to, built once. */
    private static final java.util.Map<String, Class<? extends SpecificRecord>> EVENTS = java.util.Map.of(
            Topics.SESSIONS.name(), CallSessionOpened.class,
            Topics.CALL_STATUS.name(), CallStatusChanged.class);

    static SpecificRecord decode(String topic, ByteBuffer payload) {
        Class<? extends SpecificRecord> type = EVENTS.get(topic);
        if (type == null) {
            throw new IllegalStateException("The outbox does not know topic " + topic);
        }
        return AvroBinary.decode(type, payload);
    }
}
