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
package io.confirmline.orchestrator.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.Topics;
import io.confirmline.kafka.testing.DeadLetters;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bookings from Kafka into the schedule, on the real broker, registry and PostgreSQL. */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59"
        })
class ReservationIntakeComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    DatabaseClient db;

    record CallState(String status, Instant dueAt, String reason, long bookingVersion) {}

    static ReservationEvent.Builder booking(String id, long version, ReservationEventType type, Instant startsAt) {
        return ReservationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId("luigis")
                .setReservationId(id)
                .setVersion(version)
                .setType(type)
                .setKind(BookingKind.RESERVATION)
                .setStartsAt(startsAt)
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana")
                .setGuestPhone("+34600111222")
                .setGuestLocale("es-ES")
                .setVenueName("Luigi's")
                .setPartySize(4);
    }

    void publish(ReservationEvent event) throws Exception {
        kafka.send(Topics.RESERVATIONS.name(), event.getReservationId(), event).get();
    }

    CallState call(String reservationId) {
        return db.sql("SELECT status, due_at, reason, booking_version FROM call WHERE subject_id = :id")
                .bind("id", reservationId)
                .map(row -> new CallState(
                        row.get("status", String.class),
                        row.get("due_at", OffsetDateTime.class) == null
                                ? null
                                : row.get("due_at", OffsetDateTime.class).toInstant(),
                        row.get("reason", String.class),
                        row.get("booking_version", Long.class)))
                .one()
                .block();
    }

    long outbox(String reservationId) {
        return db.sql("SELECT count(*) AS n FROM outbox WHERE message_key = :id AND topic = 'calls.status.v1'")
                .bind("id", reservationId)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    @Test
    void aBookingIsScheduledMovedIgnoredWhenStaleAndWithdrawnWhenCancelled() throws Exception {
        String id = "r-" + UUID.randomUUID();
        Instant start = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ReservationEvent created =
                booking(id, 1, ReservationEventType.CREATED, start).build();
        publish(created);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> call(id) != null);
        assertThat(call(id)).isEqualTo(new CallState("SCHEDULED", start.minus(30, ChronoUnit.MINUTES), null, 1));

        publish(created); // redelivered: nothing changes
        Instant moved = start.plus(1, ChronoUnit.HOURS);
        publish(booking(id, 3, ReservationEventType.UPDATED, moved).build());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> call(id).bookingVersion() == 3);
        assertThat(call(id))
                .isEqualTo(new CallState("SCHEDULED", moved.minus(30, ChronoUnit.MINUTES), "The booking was moved", 3));

        publish(booking(id, 2, ReservationEventType.UPDATED, start.plus(5, ChronoUnit.HOURS))
                .build()); // older
        publish(booking(id, 4, ReservationEventType.CANCELLED, moved).build());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "WITHDRAWN".equals(call(id).status()));
        assertThat(call(id).bookingVersion()).isEqualTo(4);
        assertThat(outbox(id))
                .as("SCHEDULED, moved, WITHDRAWN; nothing for the duplicate or the stale version")
                .isEqualTo(3);

        // The relay publishes the changes to calls.status.v1, in order, for any consumer.
        try (KafkaConsumer<String, io.confirmline.events.CallStatusChanged> consumer =
                new KafkaConsumer<>(statusConsumer())) {
            consumer.subscribe(List.of(Topics.CALL_STATUS.name()));
            List<io.confirmline.events.CallStatusChanged> changes = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (changes.size() < 3 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        changes.add(r.value());
                    }
                });
            }
            assertThat(changes)
                    .extracting(c -> c.getStatus().name())
                    .containsExactly("SCHEDULED", "SCHEDULED", "WITHDRAWN");
            assertThat(changes.get(0).getPreviousStatus()).isNull();
            assertThat(changes.get(0).getScheduledFor()).isEqualTo(start.minus(30, ChronoUnit.MINUTES));
            assertThat(changes.get(1).getReason()).isEqualTo("The booking was moved");
            assertThat(changes.get(2).getReason()).isEqualTo("The booking was cancelled");
        }
    }

    static Map<String, Object> statusConsumer() {
        Map<String, Object> config = new java.util.HashMap<>(io.confirmline.kafka.AvroSerdeSettings.consumer(
                io.confirmline.testing.RegistryServer.shared().apiUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "status-" + UUID.randomUUID());
        return config;
    }

    @Test
    void aBookingTooCloseToCallIsSkippedWithTheReason() throws Exception {
        String id = "r-" + UUID.randomUUID();
        publish(booking(id, 1, ReservationEventType.CREATED, Instant.now().plus(5, ChronoUnit.MINUTES))
                .build());

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> call(id) != null);
        assertThat(call(id).status()).isEqualTo("SKIPPED");
        assertThat(call(id).reason())
                .startsWith("Too late to call: the booking starts in 4 min")
                .endsWith("less than the minimum notice of 10 min");
    }

    @Test
    void anInvalidBookingGoesToTheDeadLetterTopicNamingEveryProblem() throws Exception {
        String id = "r-" + UUID.randomUUID();
        publish(booking(id, 1, ReservationEventType.CREATED, Instant.now().plus(3, ChronoUnit.HOURS))
                .setGuestPhone("600111222")
                .setPartySize(0)
                .build());
        String good = "r-" + UUID.randomUUID();
        publish(booking(good, 1, ReservationEventType.CREATED, Instant.now().plus(3, ChronoUnit.HOURS))
                .build());

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> call(good) != null);
        assertThat(call(id)).isNull();
        assertThat(DeadLetters.reasonsUntil(Topics.RESERVATIONS.deadLetterTopic(), id, "guestPhone"))
                .containsExactly("guestPhone: not an E.164 number (+ and country code): 60*****22; "
                        + "partySize: must be greater than 0 for a reservation");
    }

    @Test
    void aRepeatOfAnAppliedBookingThatHasStartedSinceIsDroppedNotDeadLettered() throws Exception {
        // A booking starting in 6 s: applied at once (its call SKIPPED, too late), then delivered again once it has
        // started — as after a crash, or offsets committed once a second. The repeat fails the start-time check.
        String id = "r-" + UUID.randomUUID();
        Instant start = Instant.now().plusSeconds(6);
        ReservationEvent created =
                booking(id, 1, ReservationEventType.CREATED, start).build();
        publish(created);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> call(id) != null);
        assertThat(call(id).status()).isEqualTo("SKIPPED");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Instant.now().isAfter(start.plusSeconds(1)));

        publish(created);
        // A new, invalid event of the same booking after it (same key, same partition): once it is dead-lettered,
        // the repeat before it has been handled.
        publish(booking(id, 2, ReservationEventType.UPDATED, start)
                .setPartySize(0)
                .build());

        assertThat(DeadLetters.reasonsUntil(Topics.RESERVATIONS.deadLetterTopic(), id, "partySize"))
                .as("only the new event is dead-lettered; the repeat of the applied one is dropped")
                .singleElement()
                .asString()
                .contains("startsAt: the booking is not in the future")
                .contains("partySize: must be greater than 0");
        assertThat(call(id).status()).isEqualTo("SKIPPED");
        assertThat(outbox(id)).as("one status change, for the first delivery").isEqualTo(1);
    }
}
