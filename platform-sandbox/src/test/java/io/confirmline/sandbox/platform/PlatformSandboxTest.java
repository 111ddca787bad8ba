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
package io.confirmline.sandbox.platform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The platform sandbox over real HTTP, on the real broker and registry. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform-sandbox.signing-secrets=" + PlatformSandboxTest.SECRET)
@AutoConfigureWebTestClient
class PlatformSandboxTest {

    static final String SECRET = "whsec_Y29uZmlybWxpbmUtbG9jYWwtZGVtby1zZWNyZXQtMzJi";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafka(registry);
    }

    @Autowired
    WebTestClient http;

    WebTestClient.ResponseSpec deliver(String id, String body, String secret, long timestamp) throws Exception {
        String signature = new Webhook(secret).sign(id, timestamp, body);
        return http.post()
                .uri("/webhooks/confirmline")
                .contentType(MediaType.APPLICATION_JSON)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .bodyValue(body)
                .exchange();
    }

    static String body(String reservation, String status) {
        return """
                {"type":"reservation.%s","timestamp":"2026-11-21T20:00:00Z","data":{"reservationId":"%s",
                 "status":"%s","previousStatus":"DIALING","attempt":1,"digits":"1","reason":null}}""".formatted(status.toLowerCase(Locale.ROOT), reservation, status);
    }

    @Test
    void acceptsOnlyCorrectlySignedRecentWebhooksAndListsThemOldestFirst() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        deliver("msg_1", body(reservation, "DIALING"), SECRET, now)
                .expectStatus()
                .isOk();
        deliver("msg_2", body(reservation, "CONFIRMED"), SECRET, now)
                .expectStatus()
                .isOk();
        deliver(
                        "msg_3",
                        body(reservation, "FAILED"),
                        "whsec_"
                                + java.util.Base64.getEncoder()
                                        .encodeToString("another-secret-of-32-bytes-long!".getBytes(UTF_8)),
                        now)
                .expectStatus()
                .isUnauthorized();
        deliver("msg_4", body(reservation, "FAILED"), SECRET, now - 3600)
                .expectStatus()
                .isUnauthorized();

        http.get()
                .uri("/received?subjectId=" + reservation)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].status")
                .isEqualTo("DIALING")
                .jsonPath("$[1].status")
                .isEqualTo("CONFIRMED")
                .jsonPath("$[1].digits")
                .isEqualTo("1")
                .jsonPath("$[1].webhookId")
                .isEqualTo("msg_2");
    }

    @Test
    void aReceiverOfItsOwnVerifiesWithItsSecretsAndSaysWhichSignedEachWebhook() throws Exception {
        String old = secret("old-secret-of-a-new-tenant-32by!");
        String fresh = secret("new-secret-of-a-new-tenant-32by!");
        String receiver = "t-" + UUID.randomUUID();
        String reservation = "r-" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        String body = body(reservation, "DIALING");
        String path = "/webhooks/confirmline/" + receiver;
        deliver(path, "msg_u", body, new Webhook(old).sign("msg_u", now, body), now)
                .expectStatus()
                .isNotFound(); // not set up yet

        http.put()
                .uri("/receivers/" + receiver)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("signingSecrets", List.of(old, fresh)))
                .exchange()
                .expectStatus()
                .isOk();
        // Standard Webhooks: one signature per active secret, space-separated.
        String both = new Webhook(old).sign("msg_b", now, body) + " " + new Webhook(fresh).sign("msg_b", now, body);
        deliver(path, "msg_b", body, both, now).expectStatus().isOk();
        deliver(path, "msg_n", body, new Webhook(fresh).sign("msg_n", now, body), now)
                .expectStatus()
                .isOk();
        deliver(path, "msg_x", body, new Webhook(SECRET).sign("msg_x", now, body), now)
                .expectStatus()
                .isUnauthorized();
        deliver("/webhooks/confirmline", "msg_d", body, new Webhook(fresh).sign("msg_d", now, body), now)
                .expectStatus()
                .isUnauthorized(); // the default path keeps its own secrets

        http.get()
                .uri("/received?subjectId=" + reservation)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].receiver")
                .isEqualTo(receiver)
                .jsonPath("$[0].signedWith")
                .isEqualTo(List.of(0, 1))
                .jsonPath("$[1].signedWith")
                .isEqualTo(List.of(1));
    }

    static String secret(String thirtyTwoBytes) {
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(thirtyTwoBytes.getBytes(UTF_8));
    }

    WebTestClient.ResponseSpec deliver(String path, String id, String body, String signature, long timestamp) {
        return http.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void failsTheNextRequestsWhenToldAndThenRecovers() throws Exception {
        http.put()
                .uri("/behaviour")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"status\": 503, \"delayMillis\": 10, \"count\": 2}")
                .exchange()
                .expectStatus()
                .isOk();
        String reservation = "r-" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        deliver("msg_a", body(reservation, "DIALING"), SECRET, now)
                .expectStatus()
                .isEqualTo(503);
        deliver("msg_a", body(reservation, "DIALING"), SECRET, now)
                .expectStatus()
                .isEqualTo(503);
        deliver("msg_a", body(reservation, "DIALING"), SECRET, now)
                .expectStatus()
                .isOk();
        http.get()
                .uri("/received?subjectId=" + reservation)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1);
    }

    @Test
    void aChangeRequestAndABookingRequestAreListedWithTheirTypeAndBody() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        String phone = "+3460" + (1_000_000 + new java.util.Random().nextInt(9_000_000));
        long now = Instant.now().getEpochSecond();
        String change = """
                {"type":"reservation.change_requested","timestamp":"2026-12-01T18:04:10Z",
                 "data":{"eventId":"e-1","tenantId":"luigis","phone":"%s","source":"ASSISTANT","reason":null,
                         "reservationId":"%s","request":{"wantedDate":"2026-12-01","wantedTime":"20:30",
                         "partySize":4,"words":"can we make it 8:30 instead?","readBy":"ASSISTANT"}}}""".formatted(phone, reservation);
        String booking = """
                {"type":"reservation.requested","timestamp":"2026-12-01T18:09:45Z",
                 "data":{"eventId":"e-2","tenantId":"luigis","phone":"%s","source":"GUEST_TEXT","reason":null,
                         "reservationId":null,"request":{"wantedDate":"2026-12-01","wantedTime":"21:00",
                         "partySize":2,"words":"2","readBy":"GUEST_PICK"}}}""".formatted(phone);
        deliver("msg_change", change, SECRET, now).expectStatus().isOk();
        deliver("msg_booking", booking, SECRET, now).expectStatus().isOk();

        http.get()
                .uri("/received?subjectId=" + reservation)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].type")
                .isEqualTo("reservation.change_requested")
                .jsonPath("$[0].body.data.request.wantedTime")
                .isEqualTo("20:30")
                .jsonPath("$[0].body.data.request.partySize")
                .isEqualTo(4)
                .jsonPath("$[0].body.data.request.words")
                .isEqualTo("can we make it 8:30 instead?");
        http.get()
                .uri("/received")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.webhookId == 'msg_booking' && @.body.data.phone == '" + phone + "')].type")
                .isEqualTo("reservation.requested")
                .jsonPath("$[?(@.webhookId == 'msg_booking' && @.body.data.phone == '" + phone
                        + "')].body.data.request.readBy")
                .isEqualTo("GUEST_PICK");
    }

    /** An availability question as ConfirmLine signs it: over the path with its query, with the tenant's secret. */
    WebTestClient.ResponseSpec askAvailability(String pathAndQuery, String secret, long timestamp) throws Exception {
        String id = "avail_" + UUID.randomUUID();
        return http.get()
                .uri(pathAndQuery)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new Webhook(secret).sign(id, timestamp, pathAndQuery))
                .exchange();
    }

    @Test
    void availabilityAnswersTheAskedHalfHourAndTheOnesAroundItUntilItIsFull() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        String question = "/availability?reservationId=" + reservation + "&date=2026-12-01&time=20:30&partySize=4";
        long now = Instant.now().getEpochSecond();
        http.delete().uri("/sandbox/availability").exchange().expectStatus().isOk();

        askAvailability(question, SECRET, now)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.slots.length()")
                .isEqualTo(3)
                .jsonPath("$.slots[0].startsAt")
                .isEqualTo("2026-12-01T20:30:00+01:00")
                .jsonPath("$.slots[0].partySize")
                .isEqualTo(4)
                .jsonPath("$.slots[1].startsAt")
                .isEqualTo("2026-12-01T20:00:00+01:00")
                .jsonPath("$.slots[2].startsAt")
                .isEqualTo("2026-12-01T21:00:00+01:00");

        http.put()
                .uri("/sandbox/availability")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"full\":[\"20:30\",\"21:00\"]}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.full")
                .isEqualTo(List.of("20:30", "21:00"));
        askAvailability(question, SECRET, now)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.slots[0].startsAt")
                .isEqualTo("2026-12-01T20:00:00+01:00")
                .jsonPath("$.slots[1].startsAt")
                .isEqualTo("2026-12-01T19:30:00+01:00")
                .jsonPath("$.slots[2].startsAt")
                .isEqualTo("2026-12-01T21:30:00+01:00");

        askAvailability("/availability?date=2026-12-01&time=21:00&partySize=2", SECRET, now)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.slots[0].startsAt")
                .isEqualTo("2026-12-01T21:30:00+01:00")
                .jsonPath("$.slots[1].startsAt")
                .isEqualTo("2026-12-01T20:00:00+01:00")
                .jsonPath("$.slots[0].partySize")
                .isEqualTo(2);
        http.get()
                .uri("/sandbox/availability")
                .exchange()
                .expectBody()
                .jsonPath("$.asked.length()")
                .isEqualTo(3)
                .jsonPath("$.asked[0].reservationId")
                .isEqualTo(reservation)
                .jsonPath("$.asked[2].reservationId")
                .doesNotExist();
        http.delete().uri("/sandbox/availability").exchange().expectStatus().isOk();
    }

    @Test
    void availabilityRefusesAQuestionNotSignedOverItsOwnTargetAsProblemJson() throws Exception {
        long now = Instant.now().getEpochSecond();
        String question = "/availability?reservationId=r-1&date=2026-12-01&time=20:30&partySize=4";
        String id = "avail_forged";
        String signedForAnother = new Webhook(SECRET).sign(id, now, question.replace("partySize=4", "partySize=2"));

        http.get()
                .uri(question)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", signedForAnother)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://confirmline.io/problems/availability-signature");
        http.get().uri(question).exchange().expectStatus().isUnauthorized();
        askAvailability(question, secret("another-secret-of-32-bytes-long!"), now)
                .expectStatus()
                .isUnauthorized();
        askAvailability(question, SECRET, now - 3600).expectStatus().isUnauthorized();
        askAvailability("/availability?date=2026-12-01&time=8pm&partySize=4", SECRET, now)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("time"));
    }

    @Test
    void publishesReservationsToThePlatformTopic() {
        String id = "r-" + UUID.randomUUID();
        http.post()
                .uri("/reservations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                {"tenantId": "demo", "reservationId": "%s", "startsAt": "2026-12-24T20:30:00+01:00",
                 "guestName": "Ana", "guestPhone": "+34600000001", "partySize": 2, "textOnly": true}""".formatted(id))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.reservationId")
                .isEqualTo(id);

        ReservationEvent found = published(id, event -> true);
        assertThat(found.getGuestPhone()).isEqualTo("+34600000001");
        assertThat(found.getStartsAt()).isEqualTo(Instant.parse("2026-12-24T19:30:00Z"));
        assertThat(found.getType().name()).isEqualTo("CREATED");
        assertThat(found.getTextOnly()).as("a guest who asked to be texted").isTrue();
    }

    /** The first event for {@code reservationId} on the platform's topic that {@code matching} accepts. */
    static ReservationEvent published(String reservationId, java.util.function.Predicate<ReservationEvent> matching) {
        Map<String, Object> config =
                new HashMap<>(AvroSerdeSettings.consumer(RegistryServer.shared().apiUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-sandbox-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, ReservationEvent> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.RESERVATIONS.name()));
            ReservationEvent[] found = new ReservationEvent[1];
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (reservationId.equals(r.key()) && found[0] == null && matching.test(r.value())) {
                        found[0] = r.value();
                    }
                });
                return found[0] != null;
            });
            return found[0];
        }
    }

    @Test
    void whenToldItAnswersAChangeRequestForItsBookingByMovingItAndOtherwiseLeavesItAlone() throws Exception {
        String id = "r-" + UUID.randomUUID();
        http.post()
                .uri("/reservations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                {"tenantId": "luigis", "reservationId": "%s", "version": 7, "startsAt": "2026-12-24T20:00:00+01:00",
                 "timeZone": "Europe/Madrid", "guestName": "Ana", "guestPhone": "+34600000002", "partySize": 4}""".formatted(id))
                .exchange()
                .expectStatus()
                .isOk();
        String change = """
                {"type":"reservation.change_requested","timestamp":"2026-12-24T18:00:00Z",
                 "data":{"eventId":"%s","tenantId":"luigis","phone":"+34600000002","source":"ASSISTANT",
                         "reason":null,"reservationId":"%s","request":{"wantedDate":null,"wantedTime":"%s",
                         "partySize":%s,"words":"can we come later?","readBy":"ASSISTANT"}}}""";
        long now = Instant.now().getEpochSecond();

        deliver("msg_ignored", change.formatted(UUID.randomUUID(), id, "22:00", "null"), SECRET, now)
                .expectStatus()
                .isOk();
        http.put()
                .uri("/sandbox/change-requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"accept\": true}")
                .exchange()
                .expectStatus()
                .isOk();
        try {
            deliver("msg_moved", change.formatted(UUID.randomUUID(), id, "20:30", "3"), SECRET, now)
                    .expectStatus()
                    .isOk();
        } finally {
            http.put()
                    .uri("/sandbox/change-requests")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"accept\": false}")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        ReservationEvent moved = published(id, event -> event.getType().name().equals("UPDATED"));
        assertThat(moved.getStartsAt())
                .as("20:30 in Madrid, not the 22:00 asked while it was off")
                .isEqualTo(Instant.parse("2026-12-24T19:30:00Z"));
        assertThat(moved.getPartySize()).isEqualTo(3);
        assertThat(moved.getVersion()).isGreaterThan(7);
        assertThat(moved.getGuestPhone()).isEqualTo("+34600000002");
    }
}
