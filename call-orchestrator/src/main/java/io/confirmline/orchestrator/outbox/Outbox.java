package io.confirmline.orchestrator.outbox;

import io.confirmline.kafka.AvroBinary;
import java.nio.ByteBuffer;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Writes an event into the outbox, inside whatever transaction the caller is in; {@link io.confirmline.outbox.OutboxRelay} sends it. */
@Component
public class Outbox {

    private final DatabaseClient db;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    public Outbox(DatabaseClient db, io.micrometer.core.instrument.MeterRegistry meters) {
        this.db = db;
        this.meters = meters;
    }

    /** Writes the event; the trace it belongs to comes from the Reactor context ({@link TraceParent#capture}). */
    public Mono<Void> add(String topic, String key, SpecificRecord event) {
        Mono<Void> insert = TraceParent.withCurrent(trace -> {
            DatabaseClient.GenericExecuteSpec spec = db.sql(
                            "INSERT INTO outbox (topic, message_key, payload, trace_parent) VALUES (:topic, :key, :payload, :trace)")
                    .bind("topic", topic).bind("key", key).bind("payload", ByteBuffer.wrap(AvroBinary.encode(event)));
            return (trace == null ? spec.bindNull("trace", String.class) : spec.bind("trace", trace)).then();
        });
        if (event instanceof io.confirmline.events.CallStatusChanged change) {
            // Counted when written (a rolled-back transaction may count once too often): the dashboard's calls by
            // status and confirmation rate.
            return insert.doOnSuccess(done -> meters.counter("confirmline_orchestrator_status_changes",
                    "tenant", change.getTenantId(), "type", change.getSubjectType().name(),
                    "status", change.getStatus().name()).increment());
        }
        return insert;
    }
}
