package io.confirmline.orchestrator.outbox;

import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroBinary;
import io.confirmline.orchestrator.booking.BookingSnapshots;
import java.nio.ByteBuffer;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes an event into the outbox, inside whatever transaction the caller is in; {@link io.confirmline.outbox.OutboxRelay}
 * sends it. Every status change of a booking also writes the booking's {@code bookings.v1} snapshot here — the one
 * place every change passes through, so no change can forget it.
 */
@Component
public class Outbox {

    private final DatabaseClient db;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final BookingSnapshots bookings;

    public Outbox(DatabaseClient db, io.micrometer.core.instrument.MeterRegistry meters, BookingSnapshots bookings) {
        this.db = db;
        this.meters = meters;
        this.bookings = bookings;
    }

    /** Writes the event; the trace it belongs to comes from the Reactor context ({@link TraceParent#capture}). */
    public Mono<Void> add(String topic, String key, SpecificRecord event) {
        Mono<Void> insert = insert(topic, key, ByteBuffer.wrap(AvroBinary.encode(event)));
        if (event instanceof CallStatusChanged change) {
            // Counted when written (a rolled-back transaction may count once too often): the dashboard's calls by
            // status and confirmation rate.
            insert = insert.doOnSuccess(done -> meters.counter("confirmline_orchestrator_status_changes",
                    "tenant", change.getTenantId(), "type", change.getSubjectType().name(),
                    "status", change.getStatus().name()).increment());
            if (BookingSnapshots.aboutBooking(change)) {
                insert = insert.then(bookings.afterChange(change)
                        .flatMap(snapshot -> add(Topics.BOOKINGS.name(), change.getSubjectId(), snapshot)));
            }
        }
        return insert;
    }

    /** Writes a tombstone (a null value) for {@code key} on a compacted topic. */
    public Mono<Void> tombstone(String topic, String key) {
        return insert(topic, key, null);
    }

    private Mono<Void> insert(String topic, String key, ByteBuffer payload) {
        return TraceParent.withCurrent(trace -> {
            DatabaseClient.GenericExecuteSpec spec = db.sql(
                            "INSERT INTO outbox (topic, message_key, payload, trace_parent) VALUES (:topic, :key, :payload, :trace)")
                    .bind("topic", topic).bind("key", key);
            spec = payload == null ? spec.bindNull("payload", ByteBuffer.class) : spec.bind("payload", payload);
            return (trace == null ? spec.bindNull("trace", String.class) : spec.bind("trace", trace)).then();
        });
    }
}
