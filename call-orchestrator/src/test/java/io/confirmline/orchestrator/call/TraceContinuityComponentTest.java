package io.confirmline.orchestrator.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
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
@SpringBootTest(properties = {"confirmline.tenants[0].id=luigis", "confirmline.tenants[0].subaccount-id=luigis_voice",
        "confirmline.tenants[0].api-key=test-8x8-key", "confirmline.tenants[0].platform-api-key=" + TestTenant.PLATFORM_KEY,
        "confirmline.tenants[0].caller-id=+34910000000", "confirmline.tenants[0].calling-opens=00:00",
        "confirmline.tenants[0].calling-closes=23:59:59"})
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
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String id = "r-" + UUID.randomUUID();
        ReservationEvent booking = ReservationEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now()).setTenantId("luigis").setReservationId(id).setVersion(1)
                .setType(ReservationEventType.CREATED).setKind(BookingKind.RESERVATION)
                .setStartsAt(Instant.now().plus(30, ChronoUnit.MINUTES).plusSeconds(2).truncatedTo(ChronoUnit.MILLIS))
                .setTimeZone("Europe/Madrid").setGuestName("Ana").setGuestPhone("+34600111444").setGuestLocale("es-ES")
                .setVenueName("Luigi's").setPartySize(2).build();
        Map<String, Object> producerConfig = new HashMap<>(AvroSerdeSettings.producer(RegistryServer.shared().apiUrl(), true));
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        try (KafkaProducer<String, SpecificRecord> platform = new KafkaProducer<>(producerConfig)) {
            ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(Topics.RESERVATIONS.name(), id, booking);
            record.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
            platform.send(record).get();
        }

        Map<String, Object> consumerConfig = new HashMap<>(AvroSerdeSettings.consumer(RegistryServer.shared().apiUrl()));
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, SpecificRecord> records = new KafkaConsumer<>(consumerConfig)) {
            records.subscribe(List.of(Topics.CALL_STATUS.name(), Topics.SESSIONS.name()));
            // Everything is kept and filtered afterwards: the session's record (keyed by session id, on another
            // topic) may be polled before the DIALING change that names the session.
            List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
            List<ConsumerRecord<String, SpecificRecord>> mine = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                records.poll(Duration.ofMillis(200)).forEach(seen::add);
                mine.clear();
                mine.addAll(ofBookingAndItsSession(seen, id));
                return mine.size() >= 3;
            });
            // SCHEDULED (intake), DIALING and the session's in-call replies (dialer, later, on another thread)
            assertThat(mine).extracting(r -> r.value().getSchema().getName())
                    .contains("CallStatusChanged", "CallSessionOpened");
            assertThat(mine).allSatisfy(r -> {
                Header traceparent = r.headers().lastHeader("traceparent");
                assertThat(traceparent).as("trace context on %s", r.value().getSchema().getName()).isNotNull();
                assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).startsWith("00-" + traceId + "-");
            });
        }
    }

    private static List<ConsumerRecord<String, SpecificRecord>> ofBookingAndItsSession(
            List<ConsumerRecord<String, SpecificRecord>> seen, String bookingId) {
        List<String> sessions = seen.stream().filter(r -> bookingId.equals(r.key()))
                .map(ConsumerRecord::value).filter(CallStatusChanged.class::isInstance).map(CallStatusChanged.class::cast)
                .map(CallStatusChanged::getSessionId).filter(java.util.Objects::nonNull).toList();
        return seen.stream().filter(r -> bookingId.equals(r.key()) || sessions.contains(r.key())).toList();
    }
}
