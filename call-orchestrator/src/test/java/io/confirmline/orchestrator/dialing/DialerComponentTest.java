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
package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestInfrastructure;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Due calls placed through a local server speaking 8x8's Send Callflow, on the real broker, registry and DB. */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59",
            "confirmline.tenants[0].voices.es=es-ES-Standard-A",
            "confirmline.tenants[0].minimum-notice=1m"
        })
class DialerComponentTest {

    static final FakeEightByEight eightByEight = new FakeEightByEight();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", eightByEight::url);
    }

    @AfterAll
    static void stop() {
        eightByEight.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    DatabaseClient database;

    /** A booking whose call is due in about two seconds. */
    static ReservationEvent.Builder dueSoon(String id, String phone, long version, ReservationEventType type) {
        return ReservationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId("luigis")
                .setReservationId(id)
                .setVersion(version)
                .setType(type)
                .setKind(BookingKind.RESERVATION)
                .setStartsAt(Instant.now()
                        .plus(30, ChronoUnit.MINUTES)
                        .plusSeconds(2)
                        .truncatedTo(ChronoUnit.MILLIS))
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana")
                .setGuestPhone(phone)
                .setGuestLocale("es-ES")
                .setVenueName("Luigi's")
                .setPartySize(4);
    }

    public static <V> KafkaConsumer<String, V> consumer(String topic) {
        Map<String, Object> config =
                new HashMap<>(AvroSerdeSettings.consumer(RegistryServer.shared().apiUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dialer-test-" + UUID.randomUUID());
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** The first change of this reservation to {@code status} on calls.status.v1. */
    public static CallStatusChanged awaitStatus(
            KafkaConsumer<String, CallStatusChanged> statuses, String id, String status) {
        List<CallStatusChanged> changes = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            statuses.poll(Duration.ofMillis(200)).forEach(r -> {
                if (id.equals(r.key())) {
                    changes.add(r.value());
                }
            });
            return changes.stream().anyMatch(c -> c.getStatus().name().equals(status));
        });
        return changes.stream()
                .filter(c -> c.getStatus().name().equals(status))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDueCallIsPlacedWithTheRightWordsAndItsSessionAndDialingStatusArePublished() throws Exception {
        String id = "r-" + UUID.randomUUID();
        ReservationEvent booking =
                dueSoon(id, "+34600111333", 1, ReservationEventType.CREATED).build();
        kafka.send(Topics.RESERVATIONS.name(), id, booking).get();

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> eightByEight.requestsTo("+34600111333").size() == 1);
        FakeEightByEight.Request request =
                eightByEight.requestsTo("+34600111333").get(0);
        // Dialed past 23:30 in Madrid, the booking is tomorrow, and the guest hears so.
        java.time.ZoneId madrid = java.time.ZoneId.of("Europe/Madrid");
        String day = booking.getStartsAt()
                        .atZone(madrid)
                        .toLocalDate()
                        .equals(request.at().atZone(madrid).toLocalDate())
                ? "hoy"
                : "mañana";
        assertThat(request.path()).isEqualTo("/api/v1/subaccounts/luigis_voice/callflows");
        assertThat(request.authorization()).isEqualTo("Bearer test-8x8-key");
        assertThat(request.body())
                .contains("\"source\":\"+34910000000\"")
                .contains("\"voiceProfile\":\"es-ES-Standard-A\"")
                .contains("Hola Ana, le llamamos de Luigi's para confirmar su mesa para 4 " + day + " a las")
                .contains("\"maxDigits\":1")
                .contains("\"clientRequestId\":");

        try (KafkaConsumer<String, CallStatusChanged> statuses = consumer(Topics.CALL_STATUS.name());
                KafkaConsumer<String, CallSessionOpened> sessions = consumer(Topics.SESSIONS.name())) {
            CallStatusChanged dialing = awaitStatus(statuses, id, "DIALING");
            assertThat(dialing.getPreviousStatus().name()).isEqualTo("SCHEDULED");
            assertThat(dialing.getSessionId()).isNotBlank();

            List<CallSessionOpened> opened = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                sessions.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(dialing.getSessionId())) {
                        opened.add(r.value());
                    }
                });
                return !opened.isEmpty();
            });
            assertThat(opened.get(0).getDigitReplies()).containsOnlyKeys("1", "0");
            assertThat(opened.get(0).getVoiceProfile()).isEqualTo("es-ES-Standard-A");
        }
        Thread.sleep(1000);
        assertThat(eightByEight.requestsTo("+34600111333")).as("dialed once").hasSize(1);
    }

    @Test
    void aBookingCancelledBeforeItsCallIsNeverDialed() throws Exception {
        String id = "r-" + UUID.randomUUID();
        // Due six seconds from now, and cancelled only once its call is scheduled: sent back to back at a context's
        // start, both events could be consumed after the due time (the consumer group still joining), and the call
        // dialed between the two, which is a different case (a cancellation after the call started).
        Instant startsAt =
                Instant.now().plus(30, ChronoUnit.MINUTES).plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        kafka.send(
                        Topics.RESERVATIONS.name(),
                        id,
                        dueSoon(id, "+34600111444", 1, ReservationEventType.CREATED)
                                .setStartsAt(startsAt)
                                .build())
                .get();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "SCHEDULED".equals(callStatus(id)));
        kafka.send(
                        Topics.RESERVATIONS.name(),
                        id,
                        dueSoon(id, "+34600111444", 2, ReservationEventType.CANCELLED)
                                .setStartsAt(startsAt)
                                .build())
                .get();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "WITHDRAWN".equals(callStatus(id)));

        Instant due = startsAt.minus(30, ChronoUnit.MINUTES);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()) + 2000);
        assertThat(eightByEight.requestsTo("+34600111444")).isEmpty();
        assertThat(callStatus(id)).isEqualTo("WITHDRAWN");
    }

    private String callStatus(String reservationId) {
        return database.sql("SELECT status FROM call WHERE subject_id = :id")
                .bind("id", reservationId)
                .map(row -> row.get("status", String.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    @Test
    void anInvalidNumberFailsTheAttemptWithEightByEightsCode() throws Exception {
        String id = "r-" + UUID.randomUUID();
        // +34 600 111 229 is a valid Spanish mobile number; the fake refuses destinations ending in 9 with -1017.
        kafka.send(
                        Topics.RESERVATIONS.name(),
                        id,
                        dueSoon(id, "+34600111229", 1, ReservationEventType.CREATED)
                                .build())
                .get();

        try (KafkaConsumer<String, CallStatusChanged> statuses = consumer(Topics.CALL_STATUS.name())) {
            CallStatusChanged failed = awaitStatus(statuses, id, "FAILED");
            assertThat(failed.getReason()).isEqualTo("8x8 -1017 Invalid MSISDN format in Destination");
            assertThat(failed.getProviderErrorCode()).isEqualTo(-1017);
        }
    }
}
