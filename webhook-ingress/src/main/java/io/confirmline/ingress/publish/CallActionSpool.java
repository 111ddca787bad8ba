package io.confirmline.ingress.publish;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Gets VCA events to Kafka without ever making the guest wait on the broker, and without losing them when the
 * broker is away. {@link #accept} writes the event to a spool file (one file per event, written then renamed, so
 * a crash never leaves half a file) and returns; a relay thread publishes it and deletes the file once the broker
 * acknowledged it. Events the broker did not take stay in the spool and are sent again every retry interval, and
 * at start-up whatever a previous process left behind is sent first. A resend can duplicate an event; consumers
 * drop duplicates by eventId.
 */
@Component
public class CallActionSpool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallActionSpool.class);
    private static final String SUFFIX = ".avro";

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final PublishProperties properties;
    private final Path directory;
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter published;
    private final Counter failed;
    private final ExecutorService relay = Executors.newSingleThreadExecutor(daemon("call-action-relay"));
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemon("call-action-retry"));
    private volatile boolean running;

    public CallActionSpool(KafkaTemplate<String, SpecificRecord> kafka, PublishProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.properties = properties;
        this.directory = properties.spoolDirectory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the call-action spool " + directory, e);
        }
        this.published = Counter.builder("confirmline.ingress.call.actions.published")
                .description("VCA events the broker acknowledged").register(meters);
        this.failed = Counter.builder("confirmline.ingress.call.actions.publish.failures")
                .description("Attempts to publish a VCA event that failed; the event stays spooled and is retried")
                .register(meters);
        Gauge.builder("confirmline.ingress.call.actions.buffered", pending, AtomicInteger::get)
                .description("VCA events spooled and not yet acknowledged by the broker").register(meters);
    }

    /** Makes the event durable locally and hands it to the relay; returns without waiting for Kafka. */
    public void accept(CallActionReceived event) {
        Path file = write(event);
        pending.incrementAndGet();
        submit(file);
    }

    /** How many events are spooled and not yet acknowledged. */
    public int pending() {
        return pending.get();
    }

    private Path write(CallActionReceived event) {
        String name = String.format("%019d-%s%s", System.currentTimeMillis(), safe(event.getEventId()), SUFFIX);
        Path target = directory.resolve(name);
        Path temporary = directory.resolve(name + ".tmp");
        try {
            byte[] bytes = encode(event);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                if (properties.spoolFsync()) {
                    channel.force(true);
                }
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool call action " + event.getEventId(), e);
        }
    }

    private void submit(Path file) {
        if (!inFlight.add(file)) {
            return;
        }
        relay.execute(() -> send(file));
    }

    private void send(Path file) {
        CallActionReceived event;
        try {
            event = decode(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException alreadySent) {
            inFlight.remove(file);
            return;
        } catch (IOException | RuntimeException e) {
            log.error("Dropping unreadable spool file {}: {}", file.getFileName(), e.toString());
            inFlight.remove(file);
            delete(file);
            return;
        }
        try {
            kafka.send(Topics.CALL_ACTIONS.name(), event.getSessionId(), event).whenComplete((result, error) -> {
                if (error == null) {
                    delete(file);
                    published.increment();
                } else {
                    failed.increment();
                    log.warn("Call action {} not yet published ({}); it stays spooled", event.getEventId(),
                            error.getMessage());
                }
                inFlight.remove(file);
            });
        } catch (RuntimeException e) {
            failed.increment();
            inFlight.remove(file);
            log.warn("Call action {} not yet published ({}); it stays spooled", event.getEventId(), e.getMessage());
        }
    }

    /** Sends every spooled event that is not on its way already, oldest first. */
    void resendSpooled() {
        for (Path file : spooledFiles()) {
            submit(file);
        }
    }

    private List<Path> spooledFiles() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            log.warn("Cannot list the spool {}: {}", directory, e.toString());
            return List.of();
        }
    }

    private void delete(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                pending.decrementAndGet();
            }
        } catch (IOException e) {
            log.warn("Cannot delete spool file {}: {}", file.getFileName(), e.toString());
        }
    }

    @Override
    public void start() {
        running = true;
        int leftOver = spooledFiles().size();
        pending.set(leftOver);
        if (leftOver > 0) {
            log.info("Resending {} call action(s) spooled before the last stop", leftOver);
        }
        long interval = properties.retryInterval().toMillis();
        retries.scheduleWithFixedDelay(this::resendSpooled, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
        relay.shutdown();
        try {
            relay.awaitTermination(5, TimeUnit.SECONDS);
            kafka.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not flush pending call actions; they stay spooled for the next start: {}", e.toString());
        }
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

    /** The spool file format: the event in plain Avro binary (no registry needed to read it back). */
    public static byte[] encode(CallActionReceived event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(CallActionReceived.class).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static CallActionReceived decode(byte[] bytes) throws IOException {
        return new SpecificDatumReader<>(CallActionReceived.class)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static String safe(String eventId) {
        return eventId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
