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
package io.confirmline.ingress.follow;

import io.confirmline.events.Topic;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.kafka.ConfirmLineKafkaProperties;
import io.confirmline.kafka.TraceParents;
import io.confirmline.kafka.UndecodableValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
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

/**
 * Reads the whole of a compacted topic from the beginning at start-up into a {@link FollowedView}, then follows it.
 * No consumer group: every ingress instance needs every record, whichever instance 8x8's webhook reaches. The view
 * counts as caught up once it has read up to the end offsets the topic had when the follower started. Records that
 * cannot be decoded are skipped and counted; the view sweeps what aged out every {@code sweepInterval}.
 *
 * @param <V> the topic's value type
 */
public class CompactedTopicFollower<V extends SpecificRecord> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicFollower.class);

    /**
     * @param clientId the Kafka client id, also the follower thread's name
     * @param meterPrefix {@code <prefix>.undecodable} counts skipped records; {@code <prefix>.<sizeName>} is the
     *     view's size
     * @param sizeName the name of the size gauge under the prefix ({@code open}, {@code indexed})
     * @param sizeDescription what the size gauge counts
     */
    public record Settings(
            String clientId,
            String meterPrefix,
            String sizeName,
            String sizeDescription,
            Duration pollTimeout,
            Duration sweepInterval) {}

    private final Topic<V> topic;
    private final FollowedView<V> view;
    private final Settings settings;
    private final Map<String, Object> consumerConfig;
    private final Counter undecodable;
    private volatile boolean running;
    private volatile KafkaConsumer<String, V> consumer;
    private Thread thread;

    public CompactedTopicFollower(
            Topic<V> topic,
            FollowedView<V> view,
            Settings settings,
            KafkaProperties kafka,
            ConfirmLineKafkaProperties confirmLineKafka,
            MeterRegistry meters) {
        this.topic = topic;
        this.view = view;
        this.settings = settings;
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putAll(AvroSerdeSettings.consumer(confirmLineKafka.registryUrl()));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        this.consumerConfig = config;
        this.undecodable = Counter.builder(settings.meterPrefix() + ".undecodable")
                .description("Records on " + topic.name() + " that could not be decoded and were skipped")
                .register(meters);
        Gauge.builder(settings.meterPrefix() + "." + settings.sizeName(), view, FollowedView::size)
                .description(settings.sizeDescription())
                .register(meters);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, settings.clientId());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, V> current = consumer;
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
            try (KafkaConsumer<String, V> kafkaConsumer = new KafkaConsumer<>(consumerConfig)) {
                consumer = kafkaConsumer;
                follow(kafkaConsumer);
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                log.warn("{} lost the broker ({}); reconnecting", settings.clientId(), e.getMessage());
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private void follow(KafkaConsumer<String, V> kafkaConsumer) {
        List<TopicPartition> partitions = awaitPartitions(kafkaConsumer);
        if (partitions.isEmpty()) {
            return;
        }
        kafkaConsumer.assign(partitions);
        kafkaConsumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = kafkaConsumer.endOffsets(partitions);
        Instant nextSweep = Instant.now().plus(settings.sweepInterval());
        // Checked before the first poll too: an empty topic is read at once, and a poll that finds nothing waits the
        // whole poll timeout (half a second of every start with no sessions, when readiness waits for this view).
        markCaughtUpAtEnd(kafkaConsumer, partitions, endAtStart);
        while (running) {
            for (ConsumerRecord<String, V> record : kafkaConsumer.poll(settings.pollTimeout())) {
                apply(record);
            }
            markCaughtUpAtEnd(kafkaConsumer, partitions, endAtStart);
            if (Instant.now().isAfter(nextSweep)) {
                view.sweep();
                nextSweep = Instant.now().plus(settings.sweepInterval());
            }
        }
    }

    private void markCaughtUpAtEnd(
            KafkaConsumer<String, V> kafkaConsumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> endAtStart) {
        if (!view.caughtUp()
                && partitions.stream().allMatch(p -> kafkaConsumer.position(p) >= endAtStart.getOrDefault(p, 0L))) {
            view.markCaughtUp();
            log.info("{} caught up with {}: {} entries", settings.clientId(), topic.name(), view.size());
        }
    }

    private void apply(ConsumerRecord<String, V> record) {
        if (record.value() != null) {
            view.put(record.key(), record.value(), TraceParents.from(record.headers()));
        } else if (UndecodableValue.isMarked(record)) {
            undecodable.increment();
            log.warn("Skipped an undecodable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
        } else if (record.key() != null) {
            view.remove(record.key());
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, V> kafkaConsumer) {
        while (running) {
            List<PartitionInfo> infos = kafkaConsumer.partitionsFor(topic.name(), Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition()))
                        .toList();
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
