package io.confirmline.ingress.session;

import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.kafka.ConfirmLineKafkaProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Reads the whole of {@code voice.sessions.v1} from the beginning at start-up, then follows it. No consumer group:
 * every ingress instance needs every session, whichever instance 8x8's VCA reaches. The view counts as caught up
 * once it has read up to the end offsets the topic had when the loader started.
 */
@Component
public class SessionViewLoader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionViewLoader.class);

    private final SessionView view;
    private final SessionViewProperties properties;
    private final Map<String, Object> consumerConfig;
    private final Counter undecodable;
    private volatile boolean running;
    private volatile KafkaConsumer<String, CallSessionOpened> consumer;
    private Thread thread;

    public SessionViewLoader(SessionView view, SessionViewProperties properties, KafkaProperties kafka,
            ConfirmLineKafkaProperties confirmLineKafka, MeterRegistry meters) {
        this.view = view;
        this.properties = properties;
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putAll(AvroSerdeSettings.consumer(confirmLineKafka.registryUrl()));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingress-session-view");
        this.consumerConfig = config;
        this.undecodable = Counter.builder("confirmline.ingress.sessions.undecodable")
                .description("Records on voice.sessions.v1 that could not be decoded and were skipped")
                .register(meters);
        Gauge.builder("confirmline.ingress.sessions.open", view, SessionView::size)
                .description("Call sessions in the ingress's view").register(meters);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "session-view-loader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, CallSessionOpened> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, CallSessionOpened> kafkaConsumer = new KafkaConsumer<>(consumerConfig)) {
                consumer = kafkaConsumer;
                follow(kafkaConsumer);
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                log.warn("Session view lost the broker ({}); reconnecting", e.getMessage());
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private void follow(KafkaConsumer<String, CallSessionOpened> kafkaConsumer) {
        List<TopicPartition> partitions = awaitPartitions(kafkaConsumer);
        if (partitions.isEmpty()) {
            return;
        }
        kafkaConsumer.assign(partitions);
        kafkaConsumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = kafkaConsumer.endOffsets(partitions);
        Instant nextSweep = Instant.now().plus(properties.sweepInterval());
        while (running) {
            for (ConsumerRecord<String, CallSessionOpened> record : kafkaConsumer.poll(properties.pollTimeout())) {
                apply(record);
            }
            if (!view.caughtUp() && partitions.stream()
                    .allMatch(p -> kafkaConsumer.position(p) >= endAtStart.getOrDefault(p, 0L))) {
                view.markCaughtUp();
                log.info("Session view caught up with {}: {} open session(s)", Topics.SESSIONS.name(), view.size());
            }
            if (Instant.now().isAfter(nextSweep)) {
                view.sweep();
                nextSweep = Instant.now().plus(properties.sweepInterval());
            }
        }
    }

    private void apply(ConsumerRecord<String, CallSessionOpened> record) {
        if (record.value() != null) {
            view.put(record.value(), io.confirmline.kafka.TraceParents.from(record.headers()));
        } else if (record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null) {
            undecodable.increment();
            log.warn("Skipped an undecodable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
        } else if (record.key() != null) {
            view.remove(record.key());
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, CallSessionOpened> kafkaConsumer) {
        while (running) {
            List<PartitionInfo> infos = kafkaConsumer.partitionsFor(Topics.SESSIONS.name(), Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            pause(Duration.ofSeconds(1));
        }
        return List.of();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
