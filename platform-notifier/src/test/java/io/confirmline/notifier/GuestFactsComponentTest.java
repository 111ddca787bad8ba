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
package io.confirmline.notifier;

import static io.confirmline.notifier.NotifierTestSupport.change;
import static io.confirmline.notifier.NotifierTestSupport.guestFact;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.GuestRequest;
import io.confirmline.events.Topics;
import io.confirmline.kafka.testing.DeadLetters;
import io.confirmline.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Texts on the platform's side (issue #14): guest facts from {@code conversations.v1} and the texting statuses, on
 * the real broker, registry and PostgreSQL, delivered to the platform stub over real HTTP.
 */
class GuestFactsComponentTest extends NotifierComponentContext {

    @Test
    void anOptOutByTextReachesThePlatformOnceWithThePhoneAndThePlatformsOwnImportIsNotEchoed() throws Exception {
        String phone = NotifierTestSupport.newPhone();
        String key = Topics.conversationKey("luigis", phone);
        String reservation = "r-" + UUID.randomUUID();
        ConversationEvent imported =
                guestFact("luigis", phone, ConversationEventType.OPTED_OUT, "PLATFORM", null, "imported");
        ConversationEvent message =
                guestFact("luigis", phone, ConversationEventType.MESSAGE_RECEIVED, null, reservation, null);
        ConversationEvent optedOut =
                guestFact("luigis", phone, ConversationEventType.OPTED_OUT, "GUEST_TEXT", reservation, "STOP");
        ConversationEvent optedIn =
                guestFact("luigis", phone, ConversationEventType.OPTED_IN, "GUEST_TEXT", null, "START");
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(
                            Topics.CONVERSATIONS.name(), key, "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        // One key, so one partition and this order: whatever the first three produced would arrive before the last.
        for (ConversationEvent event : List.of(imported, message, optedOut, optedOut, optedIn)) {
            kafka.send(Topics.CONVERSATIONS.name(), key, event).get(10, TimeUnit.SECONDS);
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        receivedAbout(phone).stream().anyMatch(r -> r.body().contains(optedIn.getEventId())));
        List<PlatformStub.Received> received = receivedAbout(phone);
        assertThat(received)
                .extracting(r -> eventIdOf(r.body()))
                .as("the opt-out once, then the opt-in; not the import, not the message")
                .containsExactly(optedOut.getEventId(), optedIn.getEventId());
        assertThat(received.get(0).body())
                .isEqualTo("{\"type\":\"guest.opted_out\",\"timestamp\":\""
                        + optedOut.getOccurredAt() + "\",\"data\":{\"eventId\":\"" + optedOut.getEventId()
                        + "\",\"tenantId\":\"luigis\",\"phone\":\"" + phone
                        + "\",\"source\":\"GUEST_TEXT\",\"reason\":\"STOP\","
                        + "\"reservationId\":\"" + reservation + "\"}}");
        assertThat(received.get(1).body())
                .contains("\"type\":\"guest.opted_in\"")
                .contains("\"reservationId\":null");
        assertThat(received).allSatisfy(PlatformNotifierComponentTest::signatureVerifies);
        assertThat(deadLetterReasons(key)).singleElement().asString().startsWith("Undecodable record");
    }

    @Test
    void aChangeRequestAndABookingRequestReachThePlatformSignedInTheirOrderWithWhatTheGuestWants() throws Exception {
        String phone = NotifierTestSupport.newPhone();
        String key = Topics.conversationKey("luigis", phone);
        String reservation = "r-" + UUID.randomUUID();
        ConversationEvent change = NotifierTestSupport.withRequest(
                guestFact("luigis", phone, ConversationEventType.CHANGE_REQUESTED, "ASSISTANT", reservation, null),
                new GuestRequest("2026-12-01", "20:30", 4, "can we make it 8:30 instead?", "ASSISTANT"));
        ConversationEvent booking = NotifierTestSupport.withRequest(
                guestFact("luigis", phone, ConversationEventType.BOOKING_REQUESTED, "GUEST_TEXT", null, null),
                new GuestRequest("2026-12-02", "21:00", 2, "1", "GUEST_PICK"));
        for (ConversationEvent event : List.of(change, change, booking)) {
            kafka.send(Topics.CONVERSATIONS.name(), key, event).get(10, TimeUnit.SECONDS);
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        receivedAbout(phone).stream().anyMatch(r -> r.body().contains(booking.getEventId())));
        List<PlatformStub.Received> received = receivedAbout(phone);
        assertThat(received)
                .extracting(r -> eventIdOf(r.body()))
                .as("the change once, then the booking")
                .containsExactly(change.getEventId(), booking.getEventId());
        assertThat(received.get(0).body())
                .isEqualTo("{\"type\":\"reservation.change_requested\",\"timestamp\":\""
                        + change.getOccurredAt() + "\",\"data\":{\"eventId\":\"" + change.getEventId()
                        + "\",\"tenantId\":\"luigis\",\"phone\":\"" + phone
                        + "\",\"source\":\"ASSISTANT\",\"reason\":null,"
                        + "\"reservationId\":\"" + reservation + "\",\"request\":{\"wantedDate\":\"2026-12-01\","
                        + "\"wantedTime\":\"20:30\",\"partySize\":4,\"words\":\"can we make it 8:30 instead?\","
                        + "\"readBy\":\"ASSISTANT\"}}}");
        assertThat(received.get(1).body())
                .isEqualTo("{\"type\":\"reservation.requested\",\"timestamp\":\""
                        + booking.getOccurredAt() + "\",\"data\":{\"eventId\":\"" + booking.getEventId()
                        + "\",\"tenantId\":\"luigis\",\"phone\":\"" + phone
                        + "\",\"source\":\"GUEST_TEXT\",\"reason\":null,"
                        + "\"reservationId\":null,\"request\":{\"wantedDate\":\"2026-12-02\",\"wantedTime\":\"21:00\","
                        + "\"partySize\":2,\"words\":\"1\",\"readBy\":\"GUEST_PICK\"}}}");
        assertThat(received).allSatisfy(PlatformNotifierComponentTest::signatureVerifies);

        // The platform's own view of them: in its deliveries, under the guest's conversation key.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.get()
                        .uri("/api/deliveries?limit=1000")
                        .header("Authorization", "Bearer " + NotifierTestSupport.API_KEY)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$[?(@.eventId == '" + change.getEventId() + "')].type")
                        .isEqualTo("reservation.change_requested")
                        .jsonPath("$[?(@.eventId == '" + change.getEventId() + "')].subjectId")
                        .isEqualTo(key)
                        .jsonPath("$[?(@.eventId == '" + booking.getEventId() + "')].type")
                        .isEqualTo("reservation.requested")
                        .jsonPath("$[?(@.eventId == '" + booking.getEventId() + "')].status")
                        .isEqualTo("SUCCEEDED"));
    }

    @Test
    void theFallbackTextAndAConfirmationByTextAreStatusWebhooksOnTheSmsChannel() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        CallStatusChanged texted =
                NotifierTestSupport.bySms("luigis", reservation, CallStatus.IN_PROGRESS, CallStatus.TEXTED);
        CallStatusChanged confirmed =
                NotifierTestSupport.bySms("luigis", reservation, CallStatus.TEXTED, CallStatus.CONFIRMED);
        publish(texted);
        publish(confirmed);

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> platform.receivedFor(reservation).size() >= 2);
        List<PlatformStub.Received> received = platform.receivedFor(reservation);
        assertThat(received.get(0).body())
                .contains("\"type\":\"reservation.texted\"")
                .contains("\"status\":\"TEXTED\"")
                .contains("\"channel\":\"SMS\"");
        assertThat(received.get(1).body())
                .contains("\"type\":\"reservation.confirmed\"")
                .contains("\"channel\":\"SMS\"");
    }

    private static List<PlatformStub.Received> receivedAbout(String phone) {
        return platform.received().stream()
                .filter(r -> r.body().contains(phone))
                .toList();
    }

    private static String eventIdOf(String body) {
        return body.replaceAll("(?s).*\"eventId\":\"([^\"]+)\".*", "$1");
    }

    private static List<String> deadLetterReasons(String key) {
        return DeadLetters.reasons(Topics.CONVERSATIONS.deadLetterTopic(), key, found -> !found.isEmpty());
    }
}
