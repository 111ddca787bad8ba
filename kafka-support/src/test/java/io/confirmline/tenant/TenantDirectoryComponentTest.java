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
package io.confirmline.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confirmline.events.TenantConfigured;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.kafka.ConfirmLineKafkaAutoConfiguration;
import io.confirmline.tenant.testing.TenantSamples;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The directory on a real KRaft broker and a real registry, wired by the auto-configuration as a service gets it:
 * what is on the topic at start is served as soon as start returns, changes arrive live, and a record it cannot
 * read never takes down the tenants it holds.
 */
class TenantDirectoryComponentTest {

    private static final String KEY = "k1:" + Base64.getEncoder().encodeToString(random32());
    private static final SecretsCipher CIPHER = SecretsCipher.from(new SecretsProperties(KEY, List.of()));
    private static KafkaProducer<String, TenantConfigured> producer;
    private static KafkaProducer<String, byte[]> rawProducer;

    private final String topic = "tenants.v1.directory-" + UUID.randomUUID();
    private long revision;

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @BeforeAll
    static void producers() {
        Map<String, Object> config =
                new HashMap<>(AvroSerdeSettings.producer(RegistryServer.shared().apiUrl(), true));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        producer = new KafkaProducer<>(config);
        rawProducer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    @AfterAll
    static void close() {
        producer.close();
        rawProducer.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void compactedTopic() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private ApplicationContextRunner service() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ConfirmLineKafkaAutoConfiguration.class,
                        KafkaAutoConfiguration.class,
                        ConfirmLineTenantAutoConfiguration.class))
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                        "confirmline.kafka.registry-url="
                                + RegistryServer.shared().apiUrl(),
                        "confirmline.kafka.create-topics=false",
                        "confirmline.secrets.key=" + KEY,
                        "confirmline.tenant-directory.enabled=true",
                        "confirmline.tenant-directory.topic=" + topic,
                        "confirmline.tenant-directory.poll-timeout=100ms");
    }

    private void publish(TenantSettings settings) throws Exception {
        publish(settings, ++revision);
    }

    private void publish(TenantSettings settings, long atRevision) throws Exception {
        publish(
                settings.id(),
                TenantRecords.toEvent(settings, TenantRecords.secretsOf(settings), atRevision, Instant.now(), CIPHER));
    }

    private void publish(String key, TenantConfigured event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, event)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void whatIsOnTheTopicAtStartIsServedWhenStartReturnsAndReadinessIsUp() throws Exception {
        publish(TenantSamples.builder("luigis").platformKeys("key-luigis").build());
        publish(TenantSamples.builder("marios").platformKeys("key-marios").build());
        publish(TenantSamples.builder("luigis").platformKeys("key-luigis-2").build());

        service().run(context -> {
            TenantDirectory directory = context.getBean(TenantDirectory.class);
            // No waiting: a service that has started serves its tenants from the first request.
            assertThat(directory.isCaughtUp()).isTrue();
            assertThat(directory.all()).extracting(Tenant::id).containsExactlyInAnyOrder("luigis", "marios");
            assertThat(directory.byPlatformKey("key-luigis-2")).map(Tenant::id).contains("luigis");
            assertThat(directory.byPlatformKey("key-luigis"))
                    .as("replaced by the later revision")
                    .isEmpty();
            assertThat(directory.byPlatformKey("key-marios")).map(Tenant::id).contains("marios");
            assertThat(directory.byPlatformKey(null)).isEmpty();
            assertThat(context.getBean(TenantDirectoryHealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.UP);
        });
    }

    @Test
    void anEmptyTopicIsCaughtUpAtOnceNotAfterAPollThatFindsNothing() {
        // A poll timeout far longer than the bound below: a directory that polled before checking would hold the
        // start for all of it, though there is nothing to read.
        long started = System.nanoTime();
        service()
                .withPropertyValues("confirmline.tenant-directory.poll-timeout=30s")
                .run(context -> {
                    assertThat(context.getBean(TenantDirectory.class).isCaughtUp())
                            .isTrue();
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
                    assertThat(context.getBean(TenantDirectory.class).all()).isEmpty();
                });
    }

    @Test
    void aNewTenantAChangeAndADeletionArriveLiveAndAnOlderRevisionIsIgnored() throws Exception {
        publish(TenantSamples.builder("luigis").build());
        service().run(context -> {
            TenantDirectory directory = context.getBean(TenantDirectory.class);
            publish(TenantSamples.builder("nuovo")
                    .webhookTokens("Bearer tok-1", "Bearer tok-2")
                    .build());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> directory.byId("nuovo").isPresent());
            assertThat(directory.byWebhookToken("Bearer tok-2"))
                    .extracting(Tenant::id)
                    .containsExactly("nuovo");

            publish(TenantSamples.builder("nuovo")
                    .enabled(false)
                    .webhookTokens("Bearer tok-2")
                    .build());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !directory.byId("nuovo").orElseThrow().enabled());
            assertThat(directory.byWebhookToken("Bearer tok-1"))
                    .as("the removed token")
                    .isEmpty();

            publish(TenantSamples.builder("nuovo").enabled(true).build(), 1);
            publish(TenantSamples.builder("marker").build());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> directory.byId("marker").isPresent());
            assertThat(directory.byId("nuovo").orElseThrow().enabled())
                    .as("revision 1 is older than the one held")
                    .isFalse();

            publish("nuovo", null);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> directory.byId("nuovo").isEmpty());
            assertThat(directory.byId("luigis")).isPresent();
        });
    }

    @Test
    void aRecordItCannotReadIsSkippedAndTheTenantKeepsItsLastGoodSettings() throws Exception {
        publish(TenantSamples.builder("luigis").platformKeys("good-key").build());
        service().run(context -> {
            TenantDirectory directory = context.getBean(TenantDirectory.class);
            rawProducer
                    .send(new ProducerRecord<>(topic, "luigis", "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
            SecretsCipher otherKey = SecretsCipher.from(
                    new SecretsProperties("k9:" + Base64.getEncoder().encodeToString(random32()), List.of()));
            TenantSettings underUnknownKey =
                    TenantSamples.builder("luigis").platformKeys("bad-key").build();
            publish(
                    "luigis",
                    TenantRecords.toEvent(
                            underUnknownKey,
                            TenantRecords.secretsOf(underUnknownKey),
                            ++revision,
                            Instant.now(),
                            otherKey));
            publish(TenantSamples.builder("marker").build());

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> directory.byId("marker").isPresent());
            assertThat(directory.byPlatformKey("good-key")).map(Tenant::id).contains("luigis");
            assertThat(directory.byPlatformKey("bad-key")).isEmpty();

            publish(TenantSamples.builder("luigis").platformKeys("next-key").build());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> directory.byPlatformKey("next-key").isPresent());
        });
    }
}
