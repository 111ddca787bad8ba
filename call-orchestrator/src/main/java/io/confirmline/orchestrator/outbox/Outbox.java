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
package io.confirmline.orchestrator.outbox;

import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroBinary;
import io.confirmline.orchestrator.booking.BookingSnapshots;
import io.confirmline.outbox.OutboxRelay;
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
    private final OutboxRelay relay;

    public Outbox(
            DatabaseClient db,
            io.micrometer.core.instrument.MeterRegistry meters,
            BookingSnapshots bookings,
            OutboxRelay relay) {
        this.db = db;
        this.meters = meters;
        this.bookings = bookings;
        this.relay = relay;
    }

    /** Writes the event; the trace it belongs to comes from the Reactor context ({@link TraceParent#capture}). */
    public Mono<Void> add(String topic, String key, SpecificRecord event) {
        return write(topic, key, event).then(relay.wakeAfterCommit());
    }

    private Mono<Void> write(String topic, String key, SpecificRecord event) {
        if (!(event instanceof CallStatusChanged change)) {
            return insert(topic, key, ByteBuffer.wrap(AvroBinary.encode(event)));
        }
        Mono<Void> written = BookingSnapshots.aboutBooking(change)
                // The change and the booking's snapshot after it go in as one statement, the change first as when they
                // were two (the relay publishes in id order): a status change is the orchestrator's most frequent
                // write, and statements, not rows, are what it costs.
                ? TraceParent.withCurrent(trace -> {
                    Entry statusRow = new Entry(topic, key, event, trace);
                    return bookings.afterChange(change)
                            .map(snapshot -> java.util.List.of(
                                    statusRow,
                                    new Entry(Topics.BOOKINGS.name(), change.getSubjectId(), snapshot, trace)))
                            .defaultIfEmpty(java.util.List.of(statusRow))
                            .flatMap(this::insertAll);
                })
                : insert(topic, key, ByteBuffer.wrap(AvroBinary.encode(event)));
        // Counted when written (a rolled-back transaction may count once too often): the dashboard's calls by status
        // and confirmation rate.
        return written.doOnSuccess(done -> countStatusChange(change));
    }

    private void countStatusChange(CallStatusChanged change) {
        meters.counter(
                        "confirmline_orchestrator_status_changes",
                        "tenant",
                        change.getTenantId(),
                        "type",
                        change.getSubjectType().name(),
                        "status",
                        change.getStatus().name())
                .increment();
    }

    /** An event to write, with the trace it belongs to (null: none). */
    public record Entry(String topic, String key, SpecificRecord event, String traceParent) {}

    /**
     * Writes the events in one statement, in their order (then the bookings.v1 snapshots their status changes call
     * for, read in one statement too): for work done a batch at a time, where a statement per event would cost more
     * than the work.
     */
    public Mono<Void> addAll(java.util.List<Entry> entries) {
        java.util.List<CallStatusChanged> changes = new java.util.ArrayList<>();
        java.util.Map<String, String> traceOfBooking = new java.util.HashMap<>();
        for (Entry entry : entries) {
            if (entry.event() instanceof CallStatusChanged change) {
                countStatusChange(change);
                if (BookingSnapshots.aboutBooking(change)) {
                    changes.add(change);
                    traceOfBooking.put(change.getTenantId() + "/" + change.getSubjectId(), entry.traceParent());
                }
            }
        }
        return bookings.afterChanges(changes)
                .flatMap(snapshots -> {
                    java.util.List<Entry> all = new java.util.ArrayList<>(entries);
                    for (io.confirmline.events.BookingSnapshot snapshot : snapshots) {
                        all.add(new Entry(
                                Topics.BOOKINGS.name(),
                                snapshot.getReservationId(),
                                snapshot,
                                traceOfBooking.get(snapshot.getTenantId() + "/" + snapshot.getReservationId())));
                    }
                    return insertAll(all);
                })
                .then(relay.wakeAfterCommit());
    }

    private Mono<Void> insertAll(java.util.List<Entry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        StringBuilder sql = new StringBuilder("INSERT INTO outbox (topic, message_key, payload, trace_parent) VALUES ");
        for (int i = 0; i < entries.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:t")
                    .append(i)
                    .append(", :k")
                    .append(i)
                    .append(", :p")
                    .append(i)
                    .append(", :r")
                    .append(i)
                    .append(')');
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            spec = spec.bind("t" + i, entry.topic()).bind("k" + i, entry.key());
            spec = entry.event() == null
                    ? spec.bindNull("p" + i, ByteBuffer.class)
                    : spec.bind("p" + i, ByteBuffer.wrap(AvroBinary.encode(entry.event())));
            spec = entry.traceParent() == null
                    ? spec.bindNull("r" + i, String.class)
                    : spec.bind("r" + i, entry.traceParent());
        }
        return spec.then();
    }

    /** Writes a tombstone (a null value) for {@code key} on a compacted topic. */
    public Mono<Void> tombstone(String topic, String key) {
        return insert(topic, key, null).then(relay.wakeAfterCommit());
    }

    private Mono<Void> insert(String topic, String key, ByteBuffer payload) {
        return TraceParent.withCurrent(trace -> {
            DatabaseClient.GenericExecuteSpec spec = db.sql(
                            "INSERT INTO outbox (topic, message_key, payload, trace_parent) VALUES (:topic, :key, :payload, :trace)")
                    .bind("topic", topic)
                    .bind("key", key);
            spec = payload == null ? spec.bindNull("payload", ByteBuffer.class) : spec.bind("payload", payload);
            return (trace == null ? spec.bindNull("trace", String.class) : spec.bind("trace", trace)).then();
        });
    }
}
