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
package io.confirmline.orchestrator.makecall;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.orchestrator.TestTenant;
import io.confirmline.orchestrator.dialing.FakeEightByEight;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code POST /api/make-call} over real HTTP, on the real broker, registry and PostgreSQL, with a local server
 * speaking 8x8's Send Callflow.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "confirmline.tenants[0].id=luigis", "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
                    "confirmline.tenants[0].platform-api-key=" + TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000", "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59", "confirmline.tenants[0].lead-time=30m"
        })
@AutoConfigureWebTestClient
@SuppressWarnings("unchecked")
class MakeCallComponentTest {

    static final FakeEightByEight eightByEight = new FakeEightByEight();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", eightByEight::url);
        // Room for a loaded machine: the fast cases must be answered within the wait, the slow 8x8 well after it.
        registry.add("confirmline.dialing.timeout", () -> "15s");
        registry.add("confirmline.make-call.answer-wait", () -> "5s");
    }

    @AfterAll
    static void stop() {
        eightByEight.close();
    }

    @AfterEach
    void fast8x8() {
        eightByEight.answerAfter(Duration.ZERO);
    }

    @Autowired
    WebTestClient http;

    static Instant inThreeHours() {
        return Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    }

    static String reservation(String id, Instant startsAt, String phone, Object version) {
        return """
                {"type": "RESERVATION", "reservationId": "%s", "version": %s, "startsAt": "%s",
                 "timeZone": "Europe/Madrid", "guestName": "Ana", "guestPhone": "%s", "guestLocale": "es-ES",
                 "venueName": "Luigi's", "partySize": 4}""".formatted(id, version, startsAt, phone);
    }

    WebTestClient.ResponseSpec post(String body) {
        // Longer than the answer wait: the client must see the 202, not give up first.
        return http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/api/make-call")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void aBookingIsScheduledHalfAnHourBeforeAndTheSameRequestAgainGivesTheSameCall() {
        String id = "r-" + UUID.randomUUID();
        Instant startsAt = inThreeHours();
        Map<String, Object> first = post(reservation(id, startsAt, "+34600111222", 1))
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueMatches("Location", "/api/calls/[0-9a-f-]{36}")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(first)
                .containsEntry("status", "SCHEDULED")
                .containsEntry("type", "RESERVATION")
                .containsEntry("subjectId", id)
                .containsEntry("attempt", 1)
                .containsEntry(
                        "scheduledFor", startsAt.minus(30, ChronoUnit.MINUTES).toString());

        Map<String, Object> again = post(reservation(id, startsAt, "+34600111222", 1))
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(again.get("callId")).isEqualTo(first.get("callId"));

        Instant moved = startsAt.plus(1, ChronoUnit.HOURS);
        Map<String, Object> later = post(reservation(id, moved, "+34600111222", 2))
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(later)
                .containsEntry("callId", first.get("callId"))
                .containsEntry(
                        "scheduledFor", moved.minus(30, ChronoUnit.MINUTES).toString());

        post(reservation(id, startsAt, "+34600111222", 1).replace("\"Ana\"", "\"Ana M.\""))
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("newer than 1"));
    }

    WebTestClient.ResponseSpec cancel(String id, String query) {
        return http.delete()
                .uri("/api/reservations/" + id + query)
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .exchange();
    }

    @Test
    void aBookingCancelledOverHttpHasItsCallWithdrawnOnceAndAnOlderVersionIsRefused() {
        String id = "r-" + UUID.randomUUID();
        post(reservation(id, inThreeHours(), "+34600111227", 5)).expectStatus().isAccepted();

        cancel(id, "?version=6")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("WITHDRAWN")
                .jsonPath("$.reason")
                .isEqualTo("The booking was cancelled");
        // The same cancellation again (a client retrying) and one without a version both leave it withdrawn.
        cancel(id, "?version=6")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("WITHDRAWN");
        cancel(id, "").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN");
        cancel(id, "?version=4")
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("not older than 4"));

        http.get()
                .uri("/api/reservations/" + id + "/calls")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].status")
                .isEqualTo("WITHDRAWN");
    }

    @Test
    void cancellingAnUnknownBookingOrWithoutTheKeyIsAProblem() {
        cancel("r-never-booked-" + UUID.randomUUID(), "")
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.delete()
                .uri("/api/reservations/r-x")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBookingMadeOverHttpIsScheduledInTheCallersTrace() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String id = "r-" + UUID.randomUUID();
        http.post()
                .uri("/api/make-call")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(reservation(id, inThreeHours(), "+34600111226", 1))
                .exchange()
                .expectStatus()
                .isAccepted();

        Map<String, Object> config = new java.util.HashMap<>(
                AvroSerdeSettings.consumer(RegistryServer.shared().apiUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "make-call-trace-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, CallStatusChanged> statuses = new KafkaConsumer<>(config)) {
            statuses.subscribe(List.of(Topics.CALL_STATUS.name()));
            List<ConsumerRecord<String, CallStatusChanged>> mine = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                statuses.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return !mine.isEmpty();
            });
            assertThat(mine.get(0).value().getStatus().name()).isEqualTo("SCHEDULED");
            Header traceparent = mine.get(0).headers().lastHeader("traceparent");
            assertThat(traceparent)
                    .as("the SCHEDULED change carries the caller's trace")
                    .isNotNull();
            assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void aBookingTooSoonToCallIsAcceptedAsSkippedWithTheReason() {
        Map<String, Object> skipped = post(reservation(
                        "r-" + UUID.randomUUID(), Instant.now().plus(5, ChronoUnit.MINUTES), "+34600111222", 1))
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(skipped).containsEntry("status", "SKIPPED").doesNotContainKey("scheduledFor");
        assertThat((String) skipped.get("reason")).isNotBlank();
    }

    @Test
    void anInvalidRequestIsRefusedNamingEveryField() {
        post("""
                {"type": "RESERVATION", "reservationId": "r-1", "startsAt": "tomorrow at eight", "timeZone": "Europe/Madrid",
                 "guestName": "Ana", "guestPhone": 34600111222, "venueName": "Luigi's", "partySize": "four"}""")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString())
                        .contains("startsAt", "guestPhone", "partySize")
                        .doesNotContain("timeZone"));

        post(reservation("r-2", inThreeHours(), "+3460011", 1).replace("\"partySize\": 4", "\"partySize\": 0"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'guestPhone')].message")
                .value(message -> assertThat(message.toString())
                        .contains("not a valid phone number")
                        .doesNotContain("600"))
                .jsonPath("$.errors[?(@.field == 'partySize')]")
                .exists();

        post("{\"type\": \"FAX\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("type");
        post("{\"type\": ")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("Malformed JSON"));
        post("""
                {"type": "VOICE_MESSAGE", "messageId": "m-1", "phone": "+447911123456", "text": "%s"}""".formatted("a".repeat(3001)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("text");
    }

    @Test
    void withoutTheTenantsKeyNothingIsAccepted() {
        http.post()
                .uri("/api/make-call")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(reservation("r-x", inThreeHours(), "+34600111222", 1))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post()
                .uri("/api/make-call")
                .header("Authorization", "Bearer test-8x8-key")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(reservation("r-x", inThreeHours(), "+34600111222", 1))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/api/make-call")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("hello")
                .exchange()
                .expectStatus()
                .isEqualTo(415);
    }

    static String voiceMessage(String id, String phone) {
        return """
                {"type": "VOICE_MESSAGE", "messageId": "%s", "phone": "%s", "locale": "en-GB",
                 "text": "Your code is 4 8 2 1", "repetitions": 2, "purpose": "OTP"}""".formatted(id, phone);
    }

    @Test
    void aVoiceMessageIsDialedAtOnceAndAnsweredWithEightByEightsSession() {
        String id = "m-" + UUID.randomUUID();
        Map<String, Object> answer = post(voiceMessage(id, "+447911123456"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).containsEntry("status", "DIALING").containsEntry("type", "VOICE_MESSAGE");
        assertThat((String) answer.get("sessionId")).matches("[0-9a-f-]{36}");
        assertThat(eightByEight.requests())
                .filteredOn(r -> r.body().contains(clientRequestIdOf(answer)))
                .hasSize(1);

        Map<String, Object> again = post(voiceMessage(id, "+447911123456"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(again.get("sessionId")).isEqualTo(answer.get("sessionId"));
        assertThat(eightByEight.requests())
                .filteredOn(r -> r.body().contains(clientRequestIdOf(answer)))
                .hasSize(1);
    }

    @Test
    void anIdAlreadyUsedByTheOtherKindOfCallIsAConflictNotA500() {
        String booked = "shared-" + UUID.randomUUID();
        post(reservation(booked, inThreeHours(), "+34600111231", 1))
                .expectStatus()
                .isAccepted();
        post(voiceMessage(booked, "+447911123457"))
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Id " + booked + " is already used by a reservation call of this tenant");

        String messaged = "shared-" + UUID.randomUUID();
        post(voiceMessage(messaged, "+447911123458")).expectStatus().is2xxSuccessful();
        post(reservation(messaged, inThreeHours(), "+34600111232", 1))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Id " + messaged + " is already used by a voice message call of this tenant");
        // The message's call is untouched by the refused booking.
        http.get()
                .uri("/api/messages/" + messaged + "/calls")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].type")
                .isEqualTo("VOICE_MESSAGE");
    }

    /** Our attempt ids start with the first 8 characters of the call id. */
    private static String clientRequestIdOf(Map<String, Object> answer) {
        return "\"clientRequestId\":\"" + ((String) answer.get("callId")).substring(0, 8);
    }

    @Test
    void whenEightByEightIsSlowTheAnswerIs202AndTheCallStillGoesThrough() {
        eightByEight.answerAfter(Duration.ofSeconds(9));
        String id = "m-" + UUID.randomUUID();
        long started = System.nanoTime();
        Map<String, Object> answer = post(voiceMessage(id, "+447911123457"))
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(answer).containsEntry("status", "DIALING").doesNotContainKey("sessionId");

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(post(voiceMessage(id, "+447911123457"))
                                .expectStatus()
                                .isOk()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody())
                        .containsKey("sessionId"));
        assertThat(eightByEight.requestsTo("+447911123457")).hasSize(1);
    }

    @Test
    void aNumberEightByEightRefusesEndsTheMessageNotDeliveredWithItsCode() {
        Map<String, Object> answer = post(voiceMessage("m-" + UUID.randomUUID(), "+447911123459"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).containsEntry("status", "NOT_DELIVERED").doesNotContainKey("sessionId");
        assertThat((String) answer.get("reason")).contains("-1017");
    }

    @Test
    void theOpenApiDocumentDescribesThePlatformApi() {
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/make-call'].post")
                .exists()
                .jsonPath("$.paths['/api/reservations/{reservationId}'].delete")
                .exists()
                .jsonPath("$.paths['/api/calls/{id}'].get")
                .exists()
                .jsonPath("$.paths['/api/reservations/{subjectId}/calls'].get")
                .exists();
    }
}
