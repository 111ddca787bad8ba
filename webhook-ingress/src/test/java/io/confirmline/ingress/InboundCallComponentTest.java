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
package io.confirmline.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.InboundCallEvent;
import io.confirmline.events.InboundCallEventType;
import io.confirmline.events.Topics;
import io.confirmline.ingress.callback.BookingIndex;
import io.confirmline.ingress.callback.BookingIndexProperties;
import io.confirmline.ingress.callback.InboundCall;
import io.confirmline.ingress.callback.InboundCallAnswer;
import io.confirmline.ingress.callback.InboundCallAnswers;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import io.confirmline.tenant.TenantSettings;
import io.confirmline.tenant.testing.TestTenantPublisher;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A guest calls a tenant's virtual number back (issue #15): 8x8's CALL_RECEIVED VCA, in both documented shapes, and
 * the key presses after it, answered over HTTP from the booking index, with the events on voice.inbound-calls.v1.
 * Every test onboards a restaurant of its own (numbers, venue phone, opening hours around now) on tenants.v1.
 */
class InboundCallComponentTest extends IngressComponentContext {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static KafkaConsumer<String, InboundCallEvent> consumer;
    /** Every event read so far: a test awaits its session's events in any order without losing another's. */
    static final List<InboundCallEvent> events = new ArrayList<>();

    @BeforeAll
    static void consumers() {
        consumer = IngressTestSupport.consumer(
                SharedKafka.bootstrapServers(), RegistryServer.shared().apiUrl(), Topics.INBOUND_CALLS.name());
    }

    @AfterAll
    static void close() {
        consumer.close();
    }

    @Autowired
    WebTestClient http;

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    TestTenantPublisher tenantTopic;

    @Autowired
    TenantDirectory directory;

    @Autowired
    BookingIndex index;

    /** A restaurant of the test's own. */
    record Venue(String id, String token, String subaccount, String virtualNumber, String venuePhone) {}

    @Test
    void aGuestCallingBackHearsTheirBookingInTheirLanguageWithTheTenantsKeysAndConfirms() throws Exception {
        Venue venue = venue(true, null);
        String guest = phone("+346");
        BookingSnapshot booking = publish(booking(venue, guest, "es-ES", 1).build());
        String session = "in-" + UUID.randomUUID();

        String menu = vca(venue.token(), callReceived("CALL_ACTION", session, venue, guest));
        JsonNode action = JSON.readTree(menu).get("callflow").get(0);
        assertThat(action.get("action").asString()).isEqualTo("sayAndCapture");
        assertThat(action.get("params").get("promptMessage").asString())
                .startsWith("Hola Ana, tiene una mesa para 4 ")
                .contains(" en Luigi's. Pulse 5 para confirmar, o 6 para cancelar.")
                .endsWith("O pulse 8 para hablar con Luigi's.");
        String state = JSON.readTree(menu).get("clientActionId").asString();
        assertThat(state).startsWith("cb1|m|");

        String confirmed = vca(venue.token(), keyPress(session, venue, guest, "5", state));
        assertThat(confirmed).contains("Gracias, su reserva está confirmada").contains("\"action\":\"hangup\"");

        List<InboundCallEvent> published = awaitEvents(session, 2);
        InboundCallEvent received = published.get(0);
        assertThat(received.getType()).isEqualTo(InboundCallEventType.RECEIVED);
        assertThat(received.getTenantId()).isEqualTo(venue.id());
        assertThat(received.getCaller()).isEqualTo(guest);
        assertThat(received.getVirtualNumber()).isEqualTo(venue.virtualNumber());
        assertThat(received.getReservationId()).isEqualTo(booking.getReservationId());
        InboundCallEvent digits = published.get(1);
        assertThat(digits.getType()).isEqualTo(InboundCallEventType.DIGITS);
        assertThat(digits.getDigits()).isEqualTo("5");
        assertThat(digits.getReservationId()).isEqualTo(booking.getReservationId());
        assertThat(digits.getBookingVersion()).isEqualTo(1L);

        // No instance keeps the call: another answerer, over its own index fed the same records, answers the key
        // press the same way and names the same event.
        BookingIndex otherIndex = new BookingIndex(
                new BookingIndexProperties(100, Duration.ofMinutes(1), Duration.ofMillis(500)),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
        otherIndex.put(booking);
        InboundCallAnswers other = new InboundCallAnswers(otherIndex, directory, Clock.systemUTC());
        Tenant tenant = directory.byId(venue.id()).orElseThrow();
        InboundCallAnswer again = other.keyPressed(
                tenant, new InboundCall(session, guest, venue.virtualNumber(), venue.subaccount(), "5", state));
        assertThat(again.reply()).isEqualTo(confirmed);
        assertThat(again.events()).extracting(InboundCallEvent::getEventId).containsExactly(digits.getEventId());
    }

    @Test
    void anUnknownCallerWithinOpeningHoursIsPutThroughToTheVenuePhone() {
        Venue venue = venue(true, null);
        String caller = phone("+447");
        String session = "in-" + UUID.randomUUID();

        JsonNode reply = JSON.readTree(vca(venue.token(), callReceived("CALL_ACTION", session, venue, caller)));
        assertThat(reply.get("callflow").get(0).get("params").get("text").asString())
                .isEqualTo("Putting you through to Luigi's. Please hold.");
        JsonNode makeCall = reply.get("callflow").get(1);
        assertThat(makeCall.get("action").asString()).isEqualTo("makeCall");
        assertThat(makeCall.get("params").get("source").asString()).isEqualTo(venue.virtualNumber());
        assertThat(makeCall.get("params").get("destination").asString()).isEqualTo(venue.venuePhone());

        // At most one bridge per session: whatever 8x8 asks after it ends the call.
        String after = vca(
                venue.token(),
                keyPress(
                        session, venue, caller, "9", reply.get("clientActionId").asString()));
        assertThat(after).doesNotContain("makeCall").contains("hangup");

        List<InboundCallEvent> published = awaitEvents(session, 2);
        assertThat(published)
                .extracting(InboundCallEvent::getType)
                .containsExactly(InboundCallEventType.RECEIVED, InboundCallEventType.PUT_THROUGH);
        assertThat(published.get(1).getTransferTo()).isEqualTo(venue.venuePhone());
        assertThat(published.get(0).getReservationId()).isNull();
    }

    @Test
    void outsideOpeningHoursTheCallerHearsTheClosedMessageAndTheCallEnds() {
        Venue venue = venue(false, null);
        String caller = phone("+447");
        String session = "in-" + UUID.randomUUID();

        String reply = vca(venue.token(), callReceived("CALL_STATUS", session, venue, caller));
        assertThat(reply)
                .contains("Sorry, Luigi's cannot take your call right now. We will send you a text.")
                .contains("hangup")
                .doesNotContain("makeCall");
        assertThat(awaitEvents(session, 2))
                .extracting(InboundCallEvent::getType)
                .containsExactly(InboundCallEventType.RECEIVED, InboundCallEventType.CLOSED_MESSAGE);
    }

    @Test
    void theSameCallReceivedInBothShapesGetsTheSameReplyAndOneEvent() {
        Venue venue = venue(true, null);
        String guest = phone("+346");
        publish(booking(venue, guest, "en-GB", 1).build());
        String session = "in-" + UUID.randomUUID();

        String first = vca(venue.token(), callReceived("CALL_ACTION", session, venue, guest));
        String second = vca(venue.token(), callReceived("CALL_STATUS", session, venue, guest));
        String third = vca(venue.token(), callReceived("CALL_ACTION", session, venue, guest));
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);

        // A key press after it: its event follows the RECEIVED on the session's partition, so once it is read,
        // every RECEIVED that was published has been read too.
        vca(
                venue.token(),
                keyPress(
                        session,
                        venue,
                        guest,
                        "6",
                        JSON.readTree(first).get("clientActionId").asString()));
        List<InboundCallEvent> published = awaitEvents(session, 2);
        assertThat(published)
                .extracting(InboundCallEvent::getType)
                .containsExactly(InboundCallEventType.RECEIVED, InboundCallEventType.DIGITS);
    }

    @Test
    void aVenuePhoneThatIsOneOfOurNumbersIsNeverBridged() {
        // The venue's line forwards to another tenant's 8x8 number: bridging would ring us again.
        Venue venue = venue(true, IngressTestSupport.LUIGIS_SMS_NUMBER);
        String guest = phone("+346");
        publish(booking(venue, guest, "en-GB", 1).build());
        String session = "in-" + UUID.randomUUID();

        JsonNode menu = JSON.readTree(vca(venue.token(), callReceived("CALL_ACTION", session, venue, guest)));
        assertThat(menu.get("callflow")
                        .get(0)
                        .get("params")
                        .get("promptMessage")
                        .asString())
                .as("no transfer offered")
                .doesNotContain("speak to");
        String transfer = vca(
                venue.token(),
                keyPress(session, venue, guest, "8", menu.get("clientActionId").asString()));
        assertThat(transfer)
                .doesNotContain("makeCall")
                .contains("cannot take your call")
                .contains("hangup");

        String unknown =
                vca(venue.token(), callReceived("CALL_ACTION", "in-" + UUID.randomUUID(), venue, phone("+447")));
        assertThat(unknown).doesNotContain("makeCall").contains("cannot take your call");
        assertThat(awaitEvents(session, 3))
                .extracting(InboundCallEvent::getType)
                .containsExactly(
                        InboundCallEventType.RECEIVED,
                        InboundCallEventType.DIGITS,
                        InboundCallEventType.CLOSED_MESSAGE);
    }

    @Test
    void aBookingCancelledAfterItsMenuWasSaidIsNotDecidedAndNotOfferedAgain() throws Exception {
        Venue venue = venue(true, null);
        String guest = phone("+346");
        BookingSnapshot booking = publish(booking(venue, guest, "en-GB", 1).build());
        String session = "in-" + UUID.randomUUID();
        String state = JSON.readTree(vca(venue.token(), callReceived("CALL_ACTION", session, venue, guest)))
                .get("clientActionId")
                .asString();

        publish(BookingSnapshot.newBuilder(booking)
                .setEventId(UUID.randomUUID().toString())
                .setVersion(2)
                .setCancelled(true)
                .build());
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> index.find(booking.getReservationId()).isEmpty());

        String confirm = vca(venue.token(), keyPress(session, venue, guest, "5", state));
        assertThat(confirm)
                .as("no decision on a stale menu: put through like any caller")
                .doesNotContain("confirmed")
                .contains("makeCall");
        String later = vca(venue.token(), callReceived("CALL_ACTION", "in-" + UUID.randomUUID(), venue, guest));
        assertThat(later).doesNotContain("sayAndCapture").contains("makeCall");

        assertThat(awaitEvents(session, 2))
                .extracting(InboundCallEvent::getType)
                .containsExactly(InboundCallEventType.RECEIVED, InboundCallEventType.PUT_THROUGH);
    }

    @Test
    void anotherKeyOrSilenceIsAskedAgainUpToTheTenantsRepromptsThenGoodbye() {
        Venue venue = venue(false, null);
        String guest = phone("+346");
        publish(booking(venue, guest, "en-GB", 1).build());
        String session = "in-" + UUID.randomUUID();
        String state = JSON.readTree(vca(venue.token(), callReceived("CALL_ACTION", session, venue, guest)))
                .get("clientActionId")
                .asString();

        JsonNode first = JSON.readTree(vca(venue.token(), keyPress(session, venue, guest, "3", state)));
        assertThat(first.get("callflow")
                        .get(0)
                        .get("params")
                        .get("promptMessage")
                        .asString())
                .isEqualTo("Sorry, that is not an option. Press 5 to confirm, or 6 to cancel.");
        JsonNode second = JSON.readTree(vca(
                venue.token(),
                keyPress(session, venue, guest, "", first.get("clientActionId").asString())));
        assertThat(second.get("callflow")
                        .get(0)
                        .get("params")
                        .get("promptMessage")
                        .asString())
                .startsWith("We did not hear a key.");
        String last = vca(
                venue.token(),
                keyPress(
                        session, venue, guest, "7", second.get("clientActionId").asString()));
        assertThat(last)
                .contains("We could not get your answer")
                .contains("hangup")
                .doesNotContain("sayAndCapture");
    }

    @Test
    void aTamperedClientActionIdIsAnsweredAsAnUnknownCaller() {
        Venue venue = venue(false, null);
        String guest = phone("+346");
        publish(booking(venue, guest, "en-GB", 1).build());
        String reply = vca(venue.token(), keyPress("in-" + UUID.randomUUID(), venue, guest, "5", "cb1|m|%%%|1|0"));
        assertThat(reply).contains("cannot take your call").doesNotContain("confirmed");
    }

    @Test
    void theCalledNumberNamesTheTenantWhoseTokenAndVoiceSubaccountMustMatch() {
        Venue venue = venue(true, null);
        Venue other = venue(true, null);
        String session = "in-" + UUID.randomUUID();
        post(other.token(), callReceived("CALL_ACTION", session, venue, phone("+447")))
                .expectStatus()
                .isUnauthorized();
        post(
                        venue.token(),
                        callReceived("CALL_ACTION", session, venue, phone("+447"))
                                .replace(venue.subaccount(), other.subaccount()))
                .expectStatus()
                .isForbidden();
        post(
                        venue.token(),
                        callReceived("CALL_ACTION", session, venue, phone("+447"))
                                .replace("\"" + venue.subaccount() + "\"", "\"*\""))
                .expectStatus()
                .isOk();
    }

    // --- the restaurant, its bookings, 8x8's webhooks ---

    /**
     * Onboards a restaurant: confirm 5, cancel 6, transfer 8, UTC, open every day from two hours before now to
     * two hours after (or, closed, from two to three hours after now).
     *
     * @param venuePhone the venue's phone; null for a fresh one that is none of our numbers
     */
    Venue venue(boolean openNow, String venuePhone) {
        String id = "cb-" + UUID.randomUUID();
        Venue venue = new Venue(
                id,
                "Bearer " + id + "-token",
                id + "_voice",
                phone("+3491"),
                venuePhone == null ? phone("+3493") : venuePhone);
        Map<String, String> yaml = new HashMap<>(Map.of(
                "t.id",
                id,
                "t.display-name",
                "Luigi's",
                "t.subaccount-id",
                venue.subaccount(),
                "t.auth-token",
                venue.token(),
                "t.virtual-numbers[0]",
                venue.virtualNumber(),
                "t.venue-phone",
                venue.venuePhone(),
                "t.confirm-digit",
                "5",
                "t.cancel-digit",
                "6",
                "t.transfer-digit",
                "8"));
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        LocalTime opens = openNow ? now.minusHours(2) : now.plusHours(2);
        LocalTime closes = openNow ? now.plusHours(2) : now.plusHours(3);
        String[] days = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
        for (int i = 0; i < days.length; i++) {
            yaml.put("t.opening-hours[" + i + "].day", days[i]);
            yaml.put("t.opening-hours[" + i + "].opens", opens.toString());
            yaml.put("t.opening-hours[" + i + "].closes", closes.toString());
        }
        tenantTopic.publish(new Binder(new MapConfigurationPropertySource(yaml))
                .bind("t", TenantSettings.class)
                .get());
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> directory.byNumber(venue.virtualNumber()).isPresent());
        return venue;
    }

    static BookingSnapshot.Builder booking(Venue venue, String guest, String locale, long version) {
        return BookingSnapshot.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId(venue.id())
                .setReservationId("r-" + UUID.randomUUID())
                .setVersion(version)
                .setKind("RESERVATION")
                .setStartsAt(Instant.now().plus(Duration.ofHours(3)))
                .setTimeZone("UTC")
                .setGuestName("Ana")
                .setGuestPhone(guest)
                .setGuestLocale(locale)
                .setVenueName("Luigi's")
                .setPartySize(4)
                .setStatus("SCHEDULED");
    }

    /** Publishes a snapshot on bookings.v1 and waits until the index holds it (or, cancelled, whatever it does). */
    BookingSnapshot publish(BookingSnapshot snapshot) {
        try {
            kafka.send(Topics.BOOKINGS.name(), snapshot.getReservationId(), snapshot)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        if (!snapshot.getCancelled()) {
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> index.find(snapshot.getReservationId())
                            .map(b -> b.version() == snapshot.getVersion())
                            .orElse(false));
        }
        return snapshot;
    }

    static String phone(String prefix) {
        return prefix + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
    }

    /** 8x8's CALL_RECEIVED: as a CALL_ACTION (number masking page) or a CALL_STATUS (Simple IVR guide). */
    static String callReceived(String eventType, String session, Venue venue, String caller) {
        return """
                {"namespace": "VOICE", "eventType": "%s", "description": "Inbound call",
                 "payload": {"eventId": "%s", "callId": "%s", "sessionId": "%s", "subAccountId": "%s",
                  "callStatus": "CALL_RECEIVED", "callDirection": "INBOUND", "callType": "PSTN",
                  "source": "%s", "destination": "%s", "sourceFormat": "MSISDN", "destinationFormat": "MSISDN",
                  "timestamp": "%s"}}
                """.formatted(
                        eventType,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        session,
                        venue.subaccount(),
                        caller.substring(1),
                        venue.virtualNumber(),
                        Instant.now());
    }

    /** A later VCA of the call: digits captured by our sayAndCapture, with our clientActionId echoed. */
    static String keyPress(String session, Venue venue, String caller, String digits, String clientActionId) {
        return """
                {"namespace": "VOICE", "eventType": "CALL_ACTION", "description": "Action request of a call",
                 "payload": {"eventId": "%s", "callId": "%s", "sessionId": "%s", "subAccountId": "%s",
                  "callStatus": "ACTION_COMPLETED", "callDirection": "INBOUND", "callType": "PSTN",
                  "source": "%s", "destination": "%s", "eventData": {"dtmf": "%s"}, "sipCode": 200,
                  "timestamp": "%s", "clientActionId": "%s"}}
                """.formatted(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        session,
                        venue.subaccount(),
                        caller,
                        venue.virtualNumber(),
                        digits,
                        Instant.now(),
                        clientActionId);
    }

    WebTestClient.ResponseSpec post(String token, String body) {
        return http.post()
                .uri("/webhooks/8x8/vca")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", token)
                .bodyValue(body)
                .exchange();
    }

    String vca(String token, String body) {
        return post(token, body)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The session's events in the order published, once there are {@code count}; fails if more arrive. */
    static List<InboundCallEvent> awaitEvents(String session, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sessionEvents(session).size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, InboundCallEvent> record : consumer.poll(Duration.ofMillis(200))) {
                assertThat(record.key()).isEqualTo(record.value().getSessionId());
                events.add(record.value());
            }
        }
        assertThat(sessionEvents(session)).hasSize(count);
        return sessionEvents(session);
    }

    private static List<InboundCallEvent> sessionEvents(String session) {
        return events.stream().filter(e -> e.getSessionId().equals(session)).toList();
    }
}
