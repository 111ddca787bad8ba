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
package io.confirmline.ingress.publish;

import io.confirmline.events.CallActionReceived;
import io.confirmline.ingress.session.SessionView;
import io.confirmline.kafka.TraceParents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Gets the events whose webhooks are answered before Kafka has them — key presses (VCA), guests' texts (SMS MO)
 * and delivery receipts (SMS DR), the {@link SpooledKind}s — to Kafka without making anyone wait on the broker,
 * and without losing them when the broker is away. {@link #accept} has the event appended to the {@link SpoolJournal}
 * on local disk (by the {@link JournalWriter}, off the web server's threads) and queued; a relay thread publishes queued events (the producer batches them) to their kind's
 * topic and key, and tells the journal when the broker acknowledged one. Events the broker did not take are sent
 * again every retry interval; at start-up, whatever a previous process left in the journal is sent first. A resend
 * can duplicate an event; consumers drop duplicates by eventId.
 *
 * <p>What waits is bounded by {@code spool-max-events}, all kinds together, on disk and in memory (the relay keeps
 * each waiting event as its encoded bytes): a broker outage long enough to reach it makes {@link #accept} refuse
 * further events rather than exhaust the heap or the disk.
 */
@Component
public class EventSpool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventSpool.class);
    private static final int RECORDS_PER_SEGMENT = 10_000;
    private static final Duration DROP_WARNING_INTERVAL = Duration.ofMinutes(1);

    /**
     * An event waiting for the broker. Until its first send it also holds the record the webhook built, so the relay
     * does not decode what was encoded a moment ago; an event sent again (after a failure, or from the journal at
     * start) keeps only its bytes — a third of the heap of the decoded record, which matters during an outage.
     */
    private record Pending(SpooledKind<?> kind, byte[] bytes, long segment, SpecificRecord event) {

        Pending withoutEvent() {
            return event == null ? this : new Pending(kind, bytes, segment, null);
        }
    }

    /** The meters of one kind, and how many of its events wait. */
    private record Meters(Counter published, Counter failed, Counter dropped, AtomicInteger buffered) {}

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final PublishProperties properties;
    private final SpoolJournal journal;
    private final JournalWriter writer;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Pending> failedSends = new ConcurrentLinkedQueue<>();
    private final Map<SpooledKind<?>, Meters> meters = new HashMap<>();
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - DROP_WARNING_INTERVAL.toNanos());
    private final SessionView sessions;
    private final Tracer tracer;
    private volatile boolean running;
    private Thread relay;

    public EventSpool(
            KafkaTemplate<String, SpecificRecord> kafka,
            PublishProperties properties,
            MeterRegistry registry,
            SessionView sessions,
            ObjectProvider<Tracer> tracer) {
        this.sessions = sessions;
        this.tracer = tracer.getIfAvailable();
        this.kafka = kafka;
        this.properties = properties;
        this.journal = new SpoolJournal(properties.spoolDirectory(), properties.spoolFsync(), RECORDS_PER_SEGMENT);
        this.writer = new JournalWriter(journal, properties.spoolMaxEvents());
        for (SpooledKind<?> kind : SpooledKind.ALL) {
            String prefix = kind.meterPrefix();
            AtomicInteger buffered = new AtomicInteger();
            meters.put(
                    kind,
                    new Meters(
                            Counter.builder(prefix + ".published")
                                    .description(kind.description() + " the broker acknowledged")
                                    .register(registry),
                            Counter.builder(prefix + ".publish.failures")
                                    .description("Attempts to publish one of the " + kind.description()
                                            + " that failed; the event is kept and sent again")
                                    .register(registry),
                            Counter.builder(prefix + ".dropped")
                                    .description(kind.description()
                                            + " not kept because the spool was full (spool-max-events)")
                                    .register(registry),
                            buffered));
            Gauge.builder(prefix + ".buffered", buffered, AtomicInteger::get)
                    .description(kind.description() + " kept on disk and not yet acknowledged by the broker")
                    .register(registry);
        }
        Gauge.builder("confirmline.ingress.spool.buffered", journal, SpoolJournal::unacknowledged)
                .description("Events of every kind kept on disk and not yet acknowledged by the broker; bounded by "
                        + "spool-max-events")
                .register(registry);
    }

    /**
     * Makes the event durable locally and queues it for the relay, without waiting for Kafka nor, on the caller's
     * thread, for the disk: the result completes once the event is journaled (answer the webhook then), false when
     * the spool is full and the event was not kept (counted as dropped for its kind), exceptionally when the disk
     * failed.
     */
    public <T extends SpecificRecord> CompletableFuture<Boolean> accept(SpooledKind<T> kind, T event) {
        byte[] bytes = SpoolRecords.encode(kind, event);
        return writer.append(bytes).thenApply(segment -> {
            Meters counted = meters.get(kind);
            if (segment < 0) {
                counted.dropped().increment();
                warnDropped(kind, event);
                return false;
            }
            counted.buffered().incrementAndGet();
            queue.add(new Pending(kind, bytes, segment, event));
            return true;
        });
    }

    /** Whether the spool holds as many events as it may: the broker has been unreachable for a while. */
    public boolean full() {
        return journal.unacknowledged() >= properties.spoolMaxEvents();
    }

    /** At most once a minute: an outage refuses every event, one line each would bury the log. */
    private void warnDropped(SpooledKind<?> kind, SpecificRecord event) {
        long last = lastDropWarning.get();
        long now = System.nanoTime();
        if (now - last >= DROP_WARNING_INTERVAL.toNanos() && lastDropWarning.compareAndSet(last, now)) {
            log.warn(
                    "The spool is full ({} events waiting for the broker); {} {} and any other event until it drains "
                            + "are not kept (the *_dropped_total meters count them)",
                    journal.unacknowledged(),
                    kind.name(),
                    eventIdOf(event));
        }
    }

    /** Every spooled event has an eventId (the Avro records are generic records too); for logs. */
    private static Object eventIdOf(SpecificRecord event) {
        return event instanceof GenericRecord record ? record.get("eventId") : null;
    }

    /** How many events, of every kind, are kept and not yet acknowledged by the broker. */
    public int pending() {
        return journal.unacknowledged();
    }

    private void relay() {
        long nextRetry = System.nanoTime() + properties.retryInterval().toNanos();
        while (running || !queue.isEmpty()) {
            try {
                Pending next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    send(next);
                }
                if (System.nanoTime() > nextRetry) {
                    for (Pending retry = failedSends.poll(); retry != null; retry = failedSends.poll()) {
                        queue.add(retry);
                    }
                    nextRetry = System.nanoTime() + properties.retryInterval().toNanos();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // whenComplete's callback handles both outcomes of the send
    private void send(Pending pending) {
        SpecificRecord event = pending.event() != null ? pending.event() : decoded(pending);
        if (event == null) {
            acknowledged(pending);
            return;
        }
        SpooledKind<?> kind = pending.kind();
        try {
            // A key press is published inside the trace of the call's booking, which the session record brought.
            String traceParent =
                    event instanceof CallActionReceived action ? sessions.traceParentOf(action.getSessionId()) : null;
            TraceParents.within(
                            tracer,
                            traceParent,
                            "8x8 " + kind.name(),
                            () -> kafka.send(kind.topic().name(), kind.keyOf(event), event))
                    .whenComplete((result, error) -> {
                        if (error == null) {
                            acknowledged(pending);
                            meters.get(kind).published().increment();
                        } else {
                            failed(pending, event, error);
                        }
                    });
        } catch (RuntimeException e) {
            failed(pending, event, e);
        }
    }

    /** The event of a record sent again; null (logged) when it cannot be read. */
    private static SpecificRecord decoded(Pending pending) {
        try {
            return SpoolRecords.decode(pending.bytes()).event();
        } catch (RuntimeException e) {
            // Encoded by this process; cannot happen short of a bug, and must not stop the relay.
            log.error(
                    "Dropping a spooled {} that cannot be decoded: {}",
                    pending.kind().name(),
                    e.toString());
            return null;
        }
    }

    private void acknowledged(Pending pending) {
        journal.acknowledged(pending.segment());
        meters.get(pending.kind()).buffered().decrementAndGet();
    }

    private void failed(Pending pending, SpecificRecord event, Throwable error) {
        meters.get(pending.kind()).failed().increment();
        failedSends.add(pending.withoutEvent());
        log.warn(
                "{} {} not yet published ({}); it is kept and sent again",
                pending.kind().name(),
                eventIdOf(event),
                error.getMessage());
    }

    @Override
    public void start() {
        List<SpoolJournal.Recovered> leftOver = journal.recover();
        if (!leftOver.isEmpty()) {
            log.info("Resending {} event(s) kept before the last stop", leftOver.size());
        }
        for (SpoolJournal.Recovered record : leftOver) {
            try {
                SpooledKind<?> kind = SpoolRecords.decode(record.bytes()).kind();
                meters.get(kind).buffered().incrementAndGet();
                queue.add(new Pending(kind, record.bytes(), record.segment(), null));
            } catch (RuntimeException e) {
                log.error("Skipping an unreadable journal record: {}", e.toString());
                journal.acknowledged(record.segment());
            }
        }
        running = true;
        writer.start();
        relay = new Thread(this::relay, "spool-relay");
        relay.setDaemon(true);
        relay.start();
    }

    @Override
    public void stop() {
        try {
            // What was journaled goes to the relay before it is told to finish.
            writer.stop();
            running = false;
            if (relay != null) {
                relay.join(5_000);
            }
            kafka.flush();
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not flush pending events; they are kept for the next start: {}", e.toString());
        }
        journal.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop before the Kafka producer goes away, start after it exists.
        return Integer.MAX_VALUE - 100;
    }

    /** Appends an event to a journal directory as the running service would; for tools and tests. */
    public static <T extends SpecificRecord> void appendTo(Path directory, SpooledKind<T> kind, T event) {
        SpoolJournal journal = new SpoolJournal(directory, true, RECORDS_PER_SEGMENT);
        journal.recover();
        journal.append(SpoolRecords.encode(kind, event));
        journal.close();
    }
}
