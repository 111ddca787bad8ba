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

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.background.PollingLoop;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.outbox.OutboxRelay;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestInfrastructure;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.ReactiveTransactionManager;
import reactor.core.publisher.Mono;

/**
 * The outbox relay publishes, then marks, with no transaction open while it waits for the broker; the events of
 * one key reach the topic in the order they were written, even with two relays at work. Real broker, registry and
 * PostgreSQL; the application's own relay is paused so each test decides who relays.
 */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000"
        })
class OutboxRelayComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    @Qualifier("outboxRelayLoop")
    PollingLoop relayLoop;

    @Autowired
    DatabaseClient db;

    @Autowired
    ReactiveTransactionManager transactions;

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void pauseTheApplicationsRelay() {
        relayLoop.stop();
    }

    @AfterEach
    void resumeIt() {
        relay.wakeWith(relayLoop);
        relayLoop.start();
    }

    static CallStatusChanged change(String key, int sequence) {
        return CallStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId("luigis")
                .setSubjectType(SubjectType.RESERVATION)
                .setSubjectId(key)
                .setCallId(UUID.randomUUID().toString())
                .setAttempt(sequence)
                .setStatus(CallStatus.SCHEDULED)
                .build();
    }

    void write(String key, int sequence) {
        outbox.add(Topics.CALL_STATUS.name(), key, change(key, sequence)).block(Duration.ofSeconds(10));
    }

    OutboxRelay relayThrough(KafkaTemplate<String, SpecificRecord> template) {
        return new OutboxRelay(
                db,
                transactions,
                template,
                context.getBeanProvider(io.micrometer.tracing.Tracer.class).getIfAvailable(),
                OutboxConfiguration.SETTINGS);
    }

    long unsent(String key) {
        return db.sql("SELECT count(*) AS n FROM outbox WHERE message_key = :key AND sent_at IS NULL")
                .bind("key", key)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    @Test
    void aCommittedWriteIsPublishedAtOnceNotAtTheNextPoll() throws Exception {
        // A relay that, left to itself, would look again only in an hour: only the commit's wake-up can send it.
        PollingLoop hourly = new PollingLoop("hourly-relay", relay::relayOnce, Duration.ofHours(1));
        relay.wakeWith(hourly);
        hourly.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> unsentRows() == 0); // earlier tests' rows
            Thread.sleep(300); // the loop has found nothing and is in its hour-long pause
            String key = "r-" + UUID.randomUUID();
            org.springframework.transaction.reactive.TransactionalOperator.create(transactions)
                    .transactional(outbox.add(Topics.CALL_STATUS.name(), key, change(key, 1))
                            .then(outbox.add(Topics.CALL_STATUS.name(), key, change(key, 2))))
                    .block(Duration.ofSeconds(10));

            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(unsent(key))
                            .as("rows of the committed transaction still unsent")
                            .isZero());
        } finally {
            hourly.stop();
        }
    }

    long unsentRows() {
        return db.sql("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    @Test
    void whileTheBrokerDoesNotAnswerTheRelayHoldsNoTransactionAndNoLock() throws Exception {
        String key = "r-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            write(key, i);
        }
        // A broker address where nothing listens (any more): every send waits for metadata that never comes.
        int nobody;
        try (ServerSocket port = new ServerSocket(0)) {
            nobody = port.getLocalPort();
        }
        Map<String, Object> config =
                new HashMap<>(AvroSerdeSettings.producer(RegistryServer.shared().apiUrl(), true));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + nobody);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 4000);
        DefaultKafkaProducerFactory<String, SpecificRecord> away = new DefaultKafkaProducerFactory<>(config);
        away.setPhysicalCloseTimeout(1);
        try {
            OutboxRelay stuck = relayThrough(new KafkaTemplate<>(away));
            CompletableFuture<Integer> round = CompletableFuture.supplyAsync(stuck::relayOnce);
            Thread.sleep(1500); // the round has taken the rows and waits (4 s) for the broker's metadata

            assertThat(round).as("the relay is still waiting for the broker").isNotDone();
            assertThat(idleInTransaction())
                    .as("sessions holding a transaction open while the relay waits")
                    .isZero();
            assertThat(updateWithoutWaiting(key))
                    .as("other work on the rows goes ahead (no row lock held)")
                    .isEqualTo(3);
            assertThat(claimed(key))
                    .as("the rows are claimed by the waiting relay")
                    .isEqualTo(3);

            assertThat(round).failsWithin(Duration.ofSeconds(20));
            assertThat(unsent(key))
                    .as("nothing marked sent that the broker did not take")
                    .isEqualTo(3);
            assertThat(claimed(key))
                    .as("the claim is released for the next round")
                    .isZero();
        } finally {
            away.destroy();
        }

        // With the broker back, the rows go out in the order they were written.
        relayLoop.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unsent(key) == 0);
        assertThat(published(Set.of(key), 3).get(key)).containsExactly(1, 2, 3);
    }

    @Test
    void twoRelaysAtOnceKeepEachKeysOrder() throws Exception {
        List<String> keys = List.of("r-" + UUID.randomUUID(), "r-" + UUID.randomUUID(), "r-" + UUID.randomUUID());
        int perKey = 150; // 450 rows: more than one batch, so both relays get work
        for (int i = 1; i <= perKey; i++) {
            for (String key : keys) {
                write(key, i);
            }
        }
        OutboxRelay other = relayThrough(kafka);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> drain(relay, keys));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> drain(other, keys));
        CompletableFuture.allOf(first, second).get(60, TimeUnit.SECONDS);

        Map<String, List<Integer>> published = published(new LinkedHashSet<>(keys), perKey * keys.size());
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= perKey; i++) {
            expected.add(i);
        }
        for (String key : keys) {
            assertThat(published.get(key))
                    .as("events of %s in the order written", key)
                    .isEqualTo(expected);
        }
    }

    private void drain(OutboxRelay relay, List<String> keys) {
        while (keys.stream().anyMatch(key -> unsent(key) > 0)) {
            if (relay.relayOnce() == 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Touches the key's rows in a statement that gives up after half a second waiting for a lock. */
    private Long updateWithoutWaiting(String key) {
        return db.inConnection(connection -> Mono.from(connection
                                .createStatement("SET lock_timeout = '500ms'")
                                .execute())
                        .flatMap(result -> Mono.from(result.getRowsUpdated()))
                        .then(Mono.from(connection
                                .createStatement("UPDATE outbox SET trace_parent = trace_parent WHERE message_key = $1")
                                .bind("$1", key)
                                .execute()))
                        .flatMap(result -> Mono.from(result.getRowsUpdated()))
                        .flatMap(updated -> Mono.from(connection
                                        .createStatement("SET lock_timeout = 0")
                                        .execute())
                                .flatMap(result -> Mono.from(result.getRowsUpdated()))
                                .thenReturn(updated)))
                .block(Duration.ofSeconds(5));
    }

    private long claimed(String key) {
        return db.sql("SELECT count(*) AS n FROM outbox WHERE message_key = :key AND claimed_by IS NOT NULL")
                .bind("key", key)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    private long idleInTransaction() {
        return db.sql("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND state LIKE 'idle in transaction%' AND query ILIKE '%outbox%'")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    /** Each key's sequence numbers as published on calls.status.v1, first delivery of each event only. */
    private static Map<String, List<Integer>> published(Set<String> keys, int expected) {
        Map<String, Object> config =
                new HashMap<>(AvroSerdeSettings.consumer(RegistryServer.shared().apiUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID());
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, CallStatusChanged> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.CALL_STATUS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.contains(r.key()) && seen.add(r.value().getEventId())) {
                        byKey.computeIfAbsent(r.key(), k -> new ArrayList<>())
                                .add(r.value().getAttempt());
                    }
                });
            }
        }
        return byKey;
    }
}
