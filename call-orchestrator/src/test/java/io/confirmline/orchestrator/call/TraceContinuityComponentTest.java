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
package io.confirmline.orchestrator.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallActionReceived;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.orchestrator.TestTenant;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A booking published inside a trace produces its status change inside the same trace: the listener's
 * observation continues the record's {@code traceparent}, the outbox row keeps it, and the relay publishes within
 * it — on the real broker, registry and PostgreSQL.
 */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59"
        })
class TraceContinuityComponentTest {

    static final io.confirmline.orchestrator.dialing.FakeEightByEight eightByEight =
            new io.confirmline.orchestrator.dialing.FakeEightByEight();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", eightByEight::url);
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        eightByEight.close();
    }

    @Test
    void theStatusChangesOfABookingAndItsCallSessionArePublishedInTheBookingsTrace() throws Exception {
        String traceId = newTraceId();
        String id = "r-" + UUID.randomUUID();
        try (KafkaConsumer<String, SpecificRecord> records = statusAndSessionRecords()) {
            publish(Topics.RESERVATIONS.name(), id, booking(id), traceId);
            // SCHEDULED (intake), DIALING and the session's in-call replies (dialer, later, on another thread)
            List<ConsumerRecord<String, SpecificRecord>> mine = awaitOfBooking(records, id, 3);
            assertThat(mine)
                    .extracting(r -> r.value().getSchema().getName())
                    .contains("CallStatusChanged", "CallSessionOpened");
            assertThat(mine).allSatisfy(r -> assertInTrace(r, traceId));
        }
    }

    @Test
    void aKeyPressThatCameInAnotherTraceIsAnnouncedInTheBookingsTrace() throws Exception {
        // The ingress publishes a key press in the booking's trace only once its view of the session has arrived;
        // a press that beat it comes in a trace of its own. The confirmation still belongs to the booking.
        String traceId = newTraceId();
        String id = "r-" + UUID.randomUUID();
        try (KafkaConsumer<String, SpecificRecord> records = statusAndSessionRecords()) {
            publish(Topics.RESERVATIONS.name(), id, booking(id), traceId);
            List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
            pollUntil(records, seen, () -> sessionOf(seen, id) != null);
            String session = sessionOf(seen, id);
            CallActionReceived press = CallActionReceived.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setOccurredAt(Instant.now())
                    .setTenantId("luigis")
                    .setSessionId(session)
                    .setSubAccountId("luigis_voice")
                    .setDigits("1")
                    .setReceivedAt(Instant.now())
                    .build();
            publish(Topics.CALL_ACTIONS.name(), session, press, newTraceId());

            pollUntil(records, seen, () -> confirmed(seen, id) != null);
            assertInTrace(confirmed(seen, id), traceId);
        }
    }

    static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static ReservationEvent booking(String id) {
        return ReservationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId("luigis")
                .setReservationId(id)
                .setVersion(1)
                .setType(ReservationEventType.CREATED)
                .setKind(BookingKind.RESERVATION)
                .setStartsAt(Instant.now()
                        .plus(30, ChronoUnit.MINUTES)
                        .plusSeconds(2)
                        .truncatedTo(ChronoUnit.MILLIS))
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana")
                .setGuestPhone("+34600111444")
                .setGuestLocale("es-ES")
                .setVenueName("Luigi's")
                .setPartySize(2)
                .build();
    }

    /** Publishes {@code value} with a W3C traceparent in trace {@code traceId}, as a traced producer would. */
    static void publish(String topic, String key, SpecificRecord value, String traceId) throws Exception {
        Map<String, Object> producerConfig =
                new HashMap<>(AvroSerdeSettings.producer(RegistryServer.shared().apiUrl(), true));
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig)) {
            ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topic, key, value);
            record.headers()
                    .add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    static KafkaConsumer<String, SpecificRecord> statusAndSessionRecords() {
        Map<String, Object> consumerConfig =
                new HashMap<>(AvroSerdeSettings.consumer(RegistryServer.shared().apiUrl()));
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, SpecificRecord> records = new KafkaConsumer<>(consumerConfig);
        records.subscribe(List.of(Topics.CALL_STATUS.name(), Topics.SESSIONS.name()));
        return records;
    }

    /**
     * Everything is kept and filtered afterwards: the session's record (keyed by session id, on another topic) may
     * be polled before the DIALING change that names the session.
     */
    static List<ConsumerRecord<String, SpecificRecord>> awaitOfBooking(
            KafkaConsumer<String, SpecificRecord> records, String id, int count) {
        List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
        pollUntil(records, seen, () -> ofBookingAndItsSession(seen, id).size() >= count);
        return ofBookingAndItsSession(seen, id);
    }

    /** Polls into {@code seen} until {@code done} holds (a minute at most). */
    static void pollUntil(
            KafkaConsumer<String, SpecificRecord> records,
            List<ConsumerRecord<String, SpecificRecord>> seen,
            java.util.function.BooleanSupplier done) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            records.poll(Duration.ofMillis(200)).forEach(seen::add);
            return done.getAsBoolean();
        });
    }

    static String sessionOf(List<ConsumerRecord<String, SpecificRecord>> seen, String bookingId) {
        return seen.stream()
                .filter(r -> bookingId.equals(r.key()))
                .map(ConsumerRecord::value)
                .filter(CallStatusChanged.class::isInstance)
                .map(CallStatusChanged.class::cast)
                .map(CallStatusChanged::getSessionId)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    static ConsumerRecord<String, SpecificRecord> confirmed(
            List<ConsumerRecord<String, SpecificRecord>> seen, String bookingId) {
        return seen.stream()
                .filter(r -> bookingId.equals(r.key())
                        && r.value() instanceof CallStatusChanged change
                        && change.getStatus() == CallStatus.CONFIRMED)
                .findFirst()
                .orElse(null);
    }

    static void assertInTrace(ConsumerRecord<String, SpecificRecord> record, String traceId) {
        Header traceparent = record.headers().lastHeader("traceparent");
        assertThat(traceparent)
                .as("trace context on %s", record.value().getSchema().getName())
                .isNotNull();
        assertThat(new String(traceparent.value(), StandardCharsets.UTF_8))
                .as("trace of %s", record.value().getSchema().getName())
                .startsWith("00-" + traceId + "-");
    }

    private static List<ConsumerRecord<String, SpecificRecord>> ofBookingAndItsSession(
            List<ConsumerRecord<String, SpecificRecord>> seen, String bookingId) {
        List<String> sessions = seen.stream()
                .filter(r -> bookingId.equals(r.key()))
                .map(ConsumerRecord::value)
                .filter(CallStatusChanged.class::isInstance)
                .map(CallStatusChanged.class::cast)
                .map(CallStatusChanged::getSessionId)
                .filter(java.util.Objects::nonNull)
                .toList();
        return seen.stream()
                .filter(r -> bookingId.equals(r.key()) || sessions.contains(r.key()))
                .toList();
    }
}
