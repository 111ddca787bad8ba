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
package io.confirmline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * How often a listener commits its offsets ({@code confirmline.kafka.offset-commit-interval}), seen from the broker:
 * the commits a listener makes (counted by a consumer interceptor, which Kafka calls on every successful commit) and
 * the offsets its group has committed. Each test starts the shared auto-configuration with its own topic and group.
 */
class OffsetCommitComponentTest {

    @Test
    void recordsArrivingOneByOneAreCommittedAboutOncePerIntervalAndStillCommittedWhenTheyStop() throws Exception {
        Run run = new Run(2, "1s");
        try (ConfigurableApplicationContext app = run.start()) {
            long started = System.nanoTime();
            run.sendOneByOne(app, 40, 25);
            long sendingSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            int commitsWhileSending = CountingCommits.of(run.group);

            // One a second at most while sending (~1 s, longer on a busy machine), against one per record below.
            assertThat(commitsWhileSending).isLessThanOrEqualTo((int) sendingSeconds + 2);
            // The stream stopped: the idle listener still commits what it finished, within the interval and a poll.
            await().atMost(Duration.ofSeconds(4)).until(() -> run.committed().equals(run.ends()));
        }
    }

    @Test
    void withAZeroIntervalEveryPollIsCommitted() throws Exception {
        Run run = new Run(2, "0s");
        try (ConfigurableApplicationContext app = run.start()) {
            run.sendOneByOne(app, 40, 25);

            // The same stream as above: most records came in a poll of their own, and each poll was committed.
            assertThat(CountingCommits.of(run.group)).isGreaterThanOrEqualTo(10);
            await().atMost(Duration.ofSeconds(2)).until(() -> run.committed().equals(run.ends()));
        }
    }

    @Test
    void aRebalanceCommitsWhatWasFinishedSoTheNewMemberDoesNotSeeItAgain() throws Exception {
        Run run = new Run(2, "1m");
        try (ConfigurableApplicationContext app = run.start()) {
            run.sendOneByOne(app, 20, 0);
            assertThat(run.committed())
                    .as("no interval has passed: nothing committed yet")
                    .isEmpty();

            // A second instance of the service joins the group and takes one of the two partitions.
            try (KafkaConsumer<byte[], byte[]> joiner = run.joiner()) {
                joiner.subscribe(List.of(run.topic));
                List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (joiner.assignment().isEmpty() && System.nanoTime() < deadline) {
                    joiner.poll(Duration.ofMillis(200)).forEach(seen::add);
                }
                assertThat(joiner.assignment()).as("the joiner got a partition").hasSize(1);
                for (int i = 0; i < 10; i++) {
                    joiner.poll(Duration.ofMillis(200)).forEach(seen::add);
                }

                assertThat(seen)
                        .as("the joiner starts where the listener's finished records end")
                        .isEmpty();
                assertThat(run.committed()).isEqualTo(run.ends());
            }
        }
    }

    @Test
    void aGracefulStopCommitsWhatWasFinished() throws Exception {
        Run run = new Run(1, "1m");
        ConfigurableApplicationContext app = run.start();
        try {
            run.sendOneByOne(app, 10, 0);
            assertThat(run.committed())
                    .as("no interval has passed: nothing committed yet")
                    .isEmpty();
        } finally {
            app.close();
        }
        assertThat(run.committed()).isEqualTo(run.ends());
    }

    @Test
    void aDeadLetteredRecordStaysCommittedWhenTheRecordsFinishedBeforeItAreCommittedAfterIt() throws Exception {
        // A batch listener finishes five records (offsets 0-4, kept by the container until the interval ends), then
        // gets a poll of two (sent as one batch): "invalid" (5), rejected, and one after it (6). The error handler
        // dead-letters 5 and
        // commits 6 at once, and seeks back to 6; the listener stops taking records (its container paused), so
        // nothing is finished after the error. The container's commit of what it kept (here: at the graceful stop)
        // must not move the group back to 5, where a successor would dead-letter the record a second time.
        Run run = new Run(1, "1m");
        ConfigurableApplicationContext app = run.start();
        try {
            run.sendToBatchListener(app, List.of("good-1", "good-2", "good-3", "good-4", "good-5"));
            MessageListenerContainer batch =
                    app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(Listener.BATCH_ID);
            run.sendToBatchListener(app, List.of("invalid", "good-6"), false);
            await().atMost(Duration.ofSeconds(30))
                    .alias("the error handler commits past the dead letter at once")
                    .until(() ->
                            Long.valueOf(6).equals(run.committed(run.batchGroup).get(run.batchPartition())));
            await().atMost(Duration.ofSeconds(30)).until(batch::isContainerPaused);
        } finally {
            app.close();
        }
        assertThat(run.committed(run.batchGroup))
                .as("still past the dead letter; 6 was never finished")
                .containsExactly(Map.entry(run.batchPartition(), 6L));
    }

    /** One test's topic, group and service. */
    private static final class Run {
        final String topic = "offset-commits-" + UUID.randomUUID();
        final String group = "offset-commits-" + UUID.randomUUID();
        final String batchTopic = topic + "-batch";
        final String batchGroup = group + "-batch";
        final int partitions;
        final String interval;

        Run(int partitions, String interval) throws Exception {
            this.partitions = partitions;
            this.interval = interval;
            try (Admin admin = admin()) {
                admin.createTopics(List.of(
                                new NewTopic(topic, partitions, (short) 1),
                                new NewTopic(batchTopic, 1, (short) 1),
                                new NewTopic(batchTopic + ".DLT", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }

        ConfigurableApplicationContext start() {
            ConfigurableApplicationContext app = new SpringApplicationBuilder(CommitApp.class)
                    .properties(
                            "spring.main.web-application-type=none",
                            "spring.application.name=offset-commit-test",
                            "spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                            "spring.kafka.consumer.group-id=" + group,
                            "spring.kafka.consumer.auto-offset-reset=earliest",
                            "spring.kafka.consumer.properties.interceptor.classes=" + CountingCommits.class.getName(),
                            "confirmline.kafka.registry-url="
                                    + RegistryServer.shared().apiUrl(),
                            "confirmline.kafka.create-topics=false",
                            "confirmline.kafka.offset-commit-interval=" + interval,
                            "test.topic=" + topic,
                            "test.batch-topic=" + batchTopic,
                            "test.batch-group=" + batchGroup)
                    .run();
            // Wait until the listener has its partitions, so the records below are read as they come.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> app.getBean(Finished.class).assigned());
            return app;
        }

        /** Sends {@code count} records spread over the partitions, {@code gapMillis} apart; waits until finished. */
        void sendOneByOne(ConfigurableApplicationContext app, int count, long gapMillis) throws Exception {
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, SpecificRecord> template = app.getBean(KafkaTemplate.class);
            Finished finished = app.getBean(Finished.class);
            for (int i = 0; i < count; i++) {
                template.send(topic, i % partitions, "key-" + i, SampleEvents.callAction())
                        .get(30, TimeUnit.SECONDS);
                Thread.sleep(gapMillis);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> finished.count() == count);
        }

        /** Sends the keys to the batch listener and waits until it has seen them. */
        void sendToBatchListener(ConfigurableApplicationContext app, List<String> keys) throws Exception {
            sendToBatchListener(app, keys, true);
        }

        /** Sends the keys to the batch listener; waits until it has seen them when {@code await}. */
        void sendToBatchListener(ConfigurableApplicationContext app, List<String> keys, boolean await)
                throws Exception {
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, SpecificRecord> template = app.getBean(KafkaTemplate.class);
            Finished finished = app.getBean(Finished.class);
            int before = finished.batchCount();
            // One produce request: the records land in one batch on the broker, and so in one poll.
            List<java.util.concurrent.CompletableFuture<?>> sends = new ArrayList<>();
            for (String key : keys) {
                sends.add(template.send(batchTopic, key, SampleEvents.callAction()));
            }
            template.flush();
            for (java.util.concurrent.CompletableFuture<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
            if (await) {
                await().atMost(Duration.ofSeconds(30)).until(() -> finished.batchCount() == before + keys.size());
            }
        }

        TopicPartition batchPartition() {
            return new TopicPartition(batchTopic, 0);
        }

        Map<TopicPartition, Long> committed() throws Exception {
            return committed(group);
        }

        Map<TopicPartition, Long> committed(String group) throws Exception {
            try (Admin admin = admin()) {
                return admin
                        .listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS)
                        .entrySet()
                        .stream()
                        .filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().offset()));
            }
        }

        Map<TopicPartition, Long> ends() throws Exception {
            try (Admin admin = admin()) {
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().offset()));
            }
        }

        KafkaConsumer<byte[], byte[]> joiner() {
            return new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            SharedKafka.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG,
                            group,
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest"),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        }

        private static Admin admin() {
            return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
        }
    }

    /** Counts each group's successful commits (Kafka calls {@link #onCommit} for every one). */
    public static class CountingCommits implements ConsumerInterceptor<Object, Object> {
        private static final Map<String, AtomicInteger> COMMITS = new ConcurrentHashMap<>();
        private AtomicInteger commits = new AtomicInteger();

        static int of(String group) {
            return COMMITS.getOrDefault(group, new AtomicInteger()).get();
        }

        @Override
        public void configure(Map<String, ?> configs) {
            commits = COMMITS.computeIfAbsent(
                    String.valueOf(configs.get(ConsumerConfig.GROUP_ID_CONFIG)), g -> new AtomicInteger());
        }

        @Override
        public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            commits.incrementAndGet();
        }

        @Override
        public void close() {}
    }

    /** What the listener finished, and whether it has its partitions. */
    static class Finished {
        private final List<String> keys = new CopyOnWriteArrayList<>();
        private final List<String> batchKeys = new CopyOnWriteArrayList<>();
        private final java.util.Set<String> assignedTopics = ConcurrentHashMap.newKeySet();

        int count() {
            return keys.size();
        }

        int batchCount() {
            return batchKeys.size();
        }

        /** Both listeners have their partitions. */
        boolean assigned() {
            return assignedTopics.size() == 2;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CommitApp {

        @Bean
        Finished finished() {
            return new Finished();
        }

        @Bean
        Listener listener(Finished finished, ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
            return new Listener(finished, listeners);
        }
    }

    static class Listener implements ConsumerSeekAware {
        static final String BATCH_ID = "offset-commit-batch";

        private final Finished finished;
        private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;

        Listener(Finished finished, ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
            this.finished = finished;
            this.listeners = listeners;
        }

        @KafkaListener(topics = "${test.topic}")
        void on(ConsumerRecord<String, SpecificRecord> record) {
            finished.keys.add(record.key());
        }

        /**
         * Applies a poll's records in order; a record keyed "invalid" is rejected, as a service's listener would, and
         * the listener takes no more records after it (its container is paused).
         */
        @KafkaListener(id = BATCH_ID, topics = "${test.batch-topic}", groupId = "${test.batch-group}", batch = "true")
        void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
            for (int index = 0; index < records.size(); index++) {
                finished.batchKeys.add(records.get(index).key());
                if ("invalid".equals(records.get(index).key())) {
                    listeners.getObject().getListenerContainer(BATCH_ID).pause();
                    throw new BatchListenerFailedException(
                            "rejected", new InvalidEventException("an invalid record"), index);
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
            assignments.keySet().forEach(partition -> finished.assignedTopics.add(partition.topic()));
        }
    }
}
