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
package io.confirmline.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.orchestrator.dialing.FakeEightByEight;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * What the guest hears is the tenant's: its digits in the question 8x8 is sent and in the re-prompts the ingress
 * plays, and its own templates where it has them. Real broker, registry and PostgreSQL; a local Send Callflow server.
 */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].minimum-notice=1m",
            "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59",
            "confirmline.tenants[0].confirm-digit=5",
            "confirmline.tenants[0].cancel-digit=6",
            "confirmline.tenants[1].id=marios",
            "confirmline.tenants[1].subaccount-id=marios_voice",
            "confirmline.tenants[1].api-key=test-8x8-key-2",
            "confirmline.tenants[1].platform-api-key=marios-platform-key-0123",
            "confirmline.tenants[1].caller-id=+34910000001",
            "confirmline.tenants[1].minimum-notice=1m",
            "confirmline.tenants[1].calling-opens=00:00",
            "confirmline.tenants[1].calling-closes=23:59:59",
            "confirmline.tenants[1].prompts.en.reservation-prompt=Hi {name}, {venue} here about your table for {party}. "
                    + "Press {confirmDigit} to keep it or {cancelDigit} to let it go.",
            "confirmline.tenants[1].prompts.en.invalid-digit=That key does nothing here. {confirmDigit} keeps it, {cancelDigit} lets it go."
        })
class TenantPromptsComponentTest {

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
    DatabaseClient db;

    static ReservationEvent dueSoon(String tenant, String phone, String locale) {
        String id = "r-" + UUID.randomUUID();
        return ReservationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId(tenant)
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
                .setGuestPhone(phone)
                .setGuestLocale(locale)
                .setVenueName("Luigi's")
                .setPartySize(4)
                .build();
    }

    @Test
    void eachTenantsGuestsHearItsDigitsAndItsWords() throws Exception {
        ReservationEvent atLuigis = dueSoon("luigis", "+34600222001", "es-ES");
        ReservationEvent atMarios = dueSoon("marios", "+34600222002", "en-GB");
        kafka.send(Topics.RESERVATIONS.name(), atLuigis.getReservationId(), atLuigis)
                .get();
        kafka.send(Topics.RESERVATIONS.name(), atMarios.getReservationId(), atMarios)
                .get();

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> eightByEight.requestsTo("+34600222001").size() == 1
                        && eightByEight.requestsTo("+34600222002").size() == 1);
        assertThat(eightByEight.requestsTo("+34600222001").get(0).body())
                .contains("Hola Ana, le llamamos de Luigi's")
                .contains("Pulse 5 para confirmar, o 6 para cancelar.");
        assertThat(eightByEight.requestsTo("+34600222002").get(0).body())
                .contains("Hi Ana, Luigi's here about your table for 4. Press 1 to keep it or 0 to let it go.");

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> sessionId(atLuigis) != null && sessionId(atMarios) != null);
        String luigisSession = sessionId(atLuigis);
        String mariosSession = sessionId(atMarios);
        Map<String, CallSessionOpened> opened = new HashMap<>();
        try (KafkaConsumer<String, CallSessionOpened> sessions = sessions()) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                sessions.poll(Duration.ofMillis(200)).forEach(r -> opened.put(r.key(), r.value()));
                return opened.keySet().containsAll(List.of(luigisSession, mariosSession));
            });
        }
        CallSessionOpened luigis = opened.get(luigisSession);
        assertThat(luigis.getDigitReplies()).containsOnlyKeys("5", "6");
        assertThat(luigis.getInvalidInputReply()).contains("Pulse 5 para confirmar, o 6 para cancelar.");
        assertThat(luigis.getNoInputReply())
                .contains("No hemos recibido ninguna tecla. Pulse 5 para confirmar, o 6 para cancelar.");
        CallSessionOpened marios = opened.get(mariosSession);
        assertThat(marios.getDigitReplies()).containsOnlyKeys("1", "0");
        assertThat(marios.getInvalidInputReply()).contains("That key does nothing here. 1 keeps it, 0 lets it go.");
        assertThat(marios.getNoInputReply())
                .as("left out of the template: the shipped sentence")
                .contains("We did not hear a key. Press 1 to confirm, or 0 to cancel.");
    }

    String sessionId(ReservationEvent booking) {
        return db.sql("SELECT session_id FROM call WHERE subject_id = :id")
                .bind("id", booking.getReservationId())
                .map(row -> java.util.Optional.ofNullable(row.get("session_id", String.class)))
                .one()
                .block()
                .orElse(null);
    }

    static KafkaConsumer<String, CallSessionOpened> sessions() {
        Map<String, Object> config =
                new HashMap<>(AvroSerdeSettings.consumer(RegistryServer.shared().apiUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "prompts-test-" + UUID.randomUUID());
        KafkaConsumer<String, CallSessionOpened> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(Topics.SESSIONS.name()));
        return consumer;
    }
}
