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

import io.confirmline.events.Topic;
import io.confirmline.events.Topics;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The contract on the real stack: a KRaft broker, a real Apicurio Registry and Spring Kafka configured only by
 * kafka-support. Producer and consumer are in different consumer groups of one app, as two services would be.
 */
@SpringBootTest(
        classes = EventContractComponentTest.ContractApp.class,
        properties = {"spring.application.name=contract-test", "spring.kafka.consumer.group-id=contract-consumer"})
class EventContractComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafka(registry);
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> producer;

    @Autowired
    org.springframework.boot.kafka.autoconfigure.KafkaProperties kafkaProperties;

    @Autowired
    Received received;

    @Test
    void everyEventTypeRoundTripsFieldForFieldThroughBrokerAndRegistry() throws Exception {
        Map<Topic<?>, SpecificRecord> samples = Map.ofEntries(
                Map.entry(Topics.RESERVATIONS, SampleEvents.reservation()),
                Map.entry(Topics.VOICE_MESSAGES, SampleEvents.voiceMessage()),
                Map.entry(Topics.CALL_ACTIONS, SampleEvents.callAction()),
                Map.entry(Topics.SESSION_SUMMARIES, SampleEvents.sessionSummary()),
                Map.entry(Topics.SESSIONS, SampleEvents.sessionOpened()),
                Map.entry(Topics.CALL_STATUS, SampleEvents.statusChanged()),
                Map.entry(Topics.GUEST_ERASURES, SampleEvents.guestDataErased()),
                Map.entry(Topics.TENANTS, SampleEvents.tenantConfigured()),
                Map.entry(Topics.SMS_INBOUND, SampleEvents.smsReceived()),
                Map.entry(Topics.SMS_RECEIPTS, SampleEvents.smsStatus()),
                Map.entry(Topics.CONVERSATIONS, SampleEvents.conversation()),
                Map.entry(Topics.BOOKINGS, SampleEvents.bookingSnapshot()),
                Map.entry(Topics.INBOUND_CALLS, SampleEvents.inboundCall()));
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(Topics.all());

        for (Map.Entry<Topic<?>, SpecificRecord> sample : samples.entrySet()) {
            producer.send(sample.getKey().name(), "key-" + sample.getKey().name(), sample.getValue())
                    .get(30, TimeUnit.SECONDS);
        }

        for (Map.Entry<Topic<?>, SpecificRecord> sample : samples.entrySet()) {
            ConsumerRecord<String, SpecificRecord> record = received.next(
                    sample.getKey().name(), "key-" + sample.getKey().name());
            assertThat(record.value()).isInstanceOf(sample.getKey().valueType());
            // Field by field (Avro's own equals cannot compare arrays of records with logical types).
            assertThat(record.value()).usingRecursiveComparison().isEqualTo(sample.getValue());
        }
    }

    @Test
    void recordsUseConfluentFramingWithAnIdTheRegistryKnows() throws Exception {
        producer.send(Topics.CALL_STATUS.name(), "framing", SampleEvents.statusChanged())
                .get(30, TimeUnit.SECONDS);
        received.next(Topics.CALL_STATUS.name(), "framing");

        byte[] value = readRawValue(Topics.CALL_STATUS.name(), "framing");
        assertThat(value[0]).as("Confluent magic byte").isZero();
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();

        HttpResponse<String> schema = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        RegistryServer.shared().confluentCompatibleUrl() + "/schemas/ids/" + schemaId))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("CallStatusChanged");
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() throws Exception {
        // Same key, so the same partition: the good record can only be read if the consumer got past the poison.
        ConfirmLineKafkaAutoConfiguration.bytesTemplate(kafkaProperties)
                .send(Topics.CALL_ACTIONS.name(), "poison", "this is not avro".getBytes(StandardCharsets.UTF_8))
                .get(30, TimeUnit.SECONDS);
        var good = SampleEvents.callAction();
        producer.send(Topics.CALL_ACTIONS.name(), "poison", good).get(30, TimeUnit.SECONDS);

        ConsumerRecord<String, SpecificRecord> next = received.next(Topics.CALL_ACTIONS.name(), "poison");
        assertThat(next.value()).isEqualTo(good);

        ConsumerRecord<String, byte[]> dead = received.nextDeadLetter("voice.call-actions.v1.DLT", "poison");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("this is not avro");
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("Undecodable record:");
        assertThat(header(dead, DeadLetterHeaders.SERVICE)).isEqualTo("contract-test");
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("voice.call-actions.v1");
    }

    @Test
    void aRecordTheListenerRejectsAsInvalidIsDeadLetteredAtOnceAsAvro() throws Exception {
        var rejected = io.confirmline.events.ReservationEvent.newBuilder(SampleEvents.reservation())
                .setGuestPhone("not-a-phone")
                .build();
        producer.send(Topics.RESERVATIONS.name(), "invalid", rejected).get(30, TimeUnit.SECONDS);
        var good = SampleEvents.reservation();
        producer.send(Topics.RESERVATIONS.name(), "invalid", good).get(30, TimeUnit.SECONDS);

        assertThat(received.next(Topics.RESERVATIONS.name(), "invalid").value()).isEqualTo(good);
        ConsumerRecord<String, byte[]> dead = received.nextDeadLetter("platform.reservations.v1.DLT", "invalid");
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("guestPhone is not E.164: not-a-phone");
        assertThat(dead.value()[0]).as("dead letter keeps the Avro framing").isZero();
        assertThat(received.attempts("invalid"))
                .as("one attempt for the invalid record, one for the good one")
                .isEqualTo(2);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] readRawValue(String topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "raw-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (key.equals(record.key())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("No record with key " + key + " on " + topic);
    }

    /** What the listeners saw. Tests share the topics, so each looks only for its own keys. */
    static class Received {
        private final List<ConsumerRecord<String, SpecificRecord>> events =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<ConsumerRecord<String, byte[]>> deadLetters =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();

        void add(ConsumerRecord<String, SpecificRecord> record) {
            events.add(record);
        }

        ConsumerRecord<String, SpecificRecord> next(String topic, String key) throws InterruptedException {
            return await(events, topic, key);
        }

        ConsumerRecord<String, byte[]> nextDeadLetter(String topic, String key) throws InterruptedException {
            return await(deadLetters, topic, key);
        }

        int attempts(String key) {
            return attempts.getOrDefault(key, 0);
        }

        private static <T extends ConsumerRecord<String, ?>> T await(List<T> seen, String topic, String key)
                throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (T record : seen) {
                    if (record.topic().equals(topic) && key.equals(record.key())) {
                        seen.remove(record);
                        return record;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("No record with key " + key + " on " + topic + " within 30 s");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ContractApp {

        @Bean
        Received received() {
            return new Received();
        }

        @Bean
        Listeners listeners(Received received) {
            return new Listeners(received);
        }
    }

    static class Listeners {
        private final Received received;

        Listeners(Received received) {
            this.received = received;
        }

        @KafkaListener(
                topics = {
                    "platform.voice-messages.v1",
                    "voice.call-actions.v1",
                    "voice.session-summaries.v1",
                    "voice.sessions.v1",
                    "calls.status.v1",
                    "guests.erasures.v1",
                    "tenants.v1",
                    "sms.inbound.v1",
                    "sms.receipts.v1",
                    "conversations.v1",
                    "bookings.v1",
                    "voice.inbound-calls.v1"
                })
        void onEvent(ConsumerRecord<String, SpecificRecord> record) {
            received.add(record);
        }

        @KafkaListener(topics = "platform.reservations.v1")
        void onReservation(ConsumerRecord<String, SpecificRecord> record) {
            received.attempts.merge(record.key(), 1, Integer::sum);
            var event = (io.confirmline.events.ReservationEvent) record.value();
            if (!event.getGuestPhone().startsWith("+")) {
                throw new InvalidEventException("guestPhone is not E.164: " + event.getGuestPhone());
            }
            received.add(record);
        }

        @KafkaListener(
                topicPattern = ".*\\.DLT",
                groupId = "dlt-watcher",
                properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
        void onDeadLetter(ConsumerRecord<String, byte[]> record) {
            received.deadLetters.add(record);
        }
    }
}
