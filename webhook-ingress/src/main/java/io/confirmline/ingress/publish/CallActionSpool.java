package io.confirmline.ingress.publish;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroBinary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Gets VCA events to Kafka without ever making the guest wait on the broker, and without losing them when the
 * broker is away. {@link #accept} appends the event to the {@link CallActionJournal} on local disk and queues it;
 * a relay thread publishes queued events (the producer batches them) and tells the journal when the broker
 * acknowledged one. Events the broker did not take are sent again every retry interval; at start-up, whatever a
 * previous process left in the journal is sent first. A resend can duplicate an event; consumers drop duplicates
 * by eventId.
 *
 * <p>What waits is bounded by {@code spool-max-events}, on disk and in memory (the relay keeps each waiting event
 * as its encoded bytes): a broker outage long enough to reach it makes {@link #accept} refuse further events
 * rather than exhaust the heap or the disk.
 */
@Component
public class CallActionSpool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallActionSpool.class);
    private static final int RECORDS_PER_SEGMENT = 10_000;
    private static final Duration DROP_WARNING_INTERVAL = Duration.ofMinutes(1);

    /** An event waiting for the broker, kept encoded: a third of the heap of the decoded record. */
    private record Pending(byte[] bytes, long segment) {
    }

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final PublishProperties properties;
    private final CallActionJournal journal;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Pending> failedSends = new ConcurrentLinkedQueue<>();
    private final Counter published;
    private final Counter failed;
    private final Counter dropped;
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - DROP_WARNING_INTERVAL.toNanos());
    private volatile boolean running;
    private Thread relay;

    private final io.confirmline.ingress.session.SessionView sessions;
    private final io.micrometer.tracing.Tracer tracer;

    public CallActionSpool(KafkaTemplate<String, SpecificRecord> kafka, PublishProperties properties, MeterRegistry meters,
            io.confirmline.ingress.session.SessionView sessions,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
        this.sessions = sessions;
        this.tracer = tracer.getIfAvailable();
        this.kafka = kafka;
        this.properties = properties;
        this.journal = new CallActionJournal(properties.spoolDirectory(), properties.spoolFsync(), RECORDS_PER_SEGMENT);
        this.published = Counter.builder("confirmline.ingress.call.actions.published")
                .description("VCA events the broker acknowledged").register(meters);
        this.failed = Counter.builder("confirmline.ingress.call.actions.publish.failures")
                .description("Attempts to publish a VCA event that failed; the event is kept and sent again")
                .register(meters);
        this.dropped = Counter.builder("confirmline.ingress.call.actions.dropped")
                .description("VCA events not kept because the spool was full (spool-max-events); their replies went out")
                .register(meters);
        Gauge.builder("confirmline.ingress.call.actions.buffered", journal, CallActionJournal::unacknowledged)
                .description("VCA events kept on disk and not yet acknowledged by the broker").register(meters);
    }

    /**
     * Makes the event durable locally and queues it for the relay; returns without waiting for Kafka. False when
     * the spool is full and the event was not kept.
     */
    public boolean accept(CallActionReceived event) {
        byte[] bytes = encode(event);
        long segment = journal.append(bytes, properties.spoolMaxEvents());
        if (segment < 0) {
            dropped.increment();
            warnDropped(event);
            return false;
        }
        queue.add(new Pending(bytes, segment));
        return true;
    }

    /** Whether the spool holds as many events as it may: the broker has been unreachable for a while. */
    public boolean full() {
        return journal.unacknowledged() >= properties.spoolMaxEvents();
    }

    /** At most once a minute: an outage drops every key press, one line each would bury the log. */
    private void warnDropped(CallActionReceived event) {
        long last = lastDropWarning.get();
        long now = System.nanoTime();
        if (now - last >= DROP_WARNING_INTERVAL.toNanos() && lastDropWarning.compareAndSet(last, now)) {
            log.warn("The call-action spool is full ({} events waiting for the broker); call action {} and any other "
                    + "until it drains are not kept (confirmline_ingress_call_actions_dropped_total counts them)",
                    journal.unacknowledged(), event.getEventId());
        }
    }

    /** How many events are kept and not yet acknowledged by the broker. */
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

    private void send(Pending pending) {
        CallActionReceived event;
        try {
            event = decode(pending.bytes());
        } catch (RuntimeException e) {
            // Encoded by this process a moment ago; cannot happen short of a bug, and must not stop the relay.
            log.error("Dropping a spooled call action that cannot be decoded: {}", e.toString());
            journal.acknowledged(pending.segment());
            return;
        }
        try {
            // Inside the trace of the call's booking, which the session record brought.
            io.confirmline.kafka.TraceParents.within(tracer, sessions.traceParentOf(event.getSessionId()), "8x8 call action",
                    () -> kafka.send(Topics.CALL_ACTIONS.name(), event.getSessionId(), event)).whenComplete((result, error) -> {
                if (error == null) {
                    journal.acknowledged(pending.segment());
                    published.increment();
                } else {
                    failed(pending, event, error);
                }
            });
        } catch (RuntimeException e) {
            failed(pending, event, e);
        }
    }

    private void failed(Pending pending, CallActionReceived event, Throwable error) {
        failed.increment();
        failedSends.add(pending);
        log.warn("Call action {} not yet published ({}); it is kept and sent again", event.getEventId(),
                error.getMessage());
    }

    @Override
    public void start() {
        List<CallActionJournal.Recovered> leftOver = journal.recover();
        if (!leftOver.isEmpty()) {
            log.info("Resending {} call action(s) kept before the last stop", leftOver.size());
        }
        for (CallActionJournal.Recovered record : leftOver) {
            try {
                decode(record.bytes());
                queue.add(new Pending(record.bytes(), record.segment()));
            } catch (RuntimeException e) {
                log.error("Skipping an unreadable journal record: {}", e.toString());
                journal.acknowledged(record.segment());
            }
        }
        running = true;
        relay = new Thread(this::relay, "call-action-relay");
        relay.setDaemon(true);
        relay.start();
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (relay != null) {
                relay.join(5_000);
            }
            kafka.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not flush pending call actions; they are kept for the next start: {}", e.toString());
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
    public static void appendTo(Path directory, CallActionReceived event) {
        CallActionJournal journal = new CallActionJournal(directory, true, RECORDS_PER_SEGMENT);
        journal.recover();
        journal.append(encode(event));
        journal.close();
    }

    /** The journal's record format: the event in plain Avro binary (no registry needed to read it back). */
    static byte[] encode(CallActionReceived event) {
        return AvroBinary.encode(event);
    }

    static CallActionReceived decode(byte[] bytes) {
        return AvroBinary.decode(CallActionReceived.class, bytes);
    }
}
