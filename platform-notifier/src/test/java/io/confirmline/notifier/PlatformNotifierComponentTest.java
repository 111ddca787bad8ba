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

import static io.confirmline.notifier.NotifierTestSupport.ADMIN;
import static io.confirmline.notifier.NotifierTestSupport.API_KEY;
import static io.confirmline.notifier.NotifierTestSupport.change;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.kafka.testing.DeadLetters;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The notifier on the real broker, registry and PostgreSQL, delivering to a platform stub over real HTTP. */
class PlatformNotifierComponentTest extends NotifierComponentContext {

    @Test
    void failuresAreRetriedWithTheSameWebhookIdAndLaterChangesWaitTheirTurn() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        platform.plan(
                reservation,
                PlatformStub.Plan.status(500),
                new PlatformStub.Plan(429, Duration.ZERO, Map.of("Retry-After", "1")),
                new PlatformStub.Plan(200, Duration.ofMillis(1500), Map.of())); // answered after the 1 s timeout
        CallStatusChanged dialing = change("luigis", reservation, CallStatus.SCHEDULED, CallStatus.DIALING);
        CallStatusChanged confirmed = change("luigis", reservation, CallStatus.DIALING, CallStatus.CONFIRMED);
        CallStatusChanged inProgress = change("luigis", reservation, CallStatus.CONFIRMED, CallStatus.CONFIRMED);
        publish(dialing);
        publish(confirmed);
        publish(inProgress);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> platform.receivedFor(reservation).stream()
                                .filter(r -> r.answered() == 200)
                                .count()
                        >= 4);
        List<PlatformStub.Received> received = platform.receivedFor(reservation);

        // First delivery: 500, 429, timeout (the stub's late 200 is not seen), then 200; all with one webhook-id.
        String firstId = received.get(0).webhookId();
        assertThat(received.subList(0, 4))
                .allSatisfy(r -> assertThat(r.webhookId()).isEqualTo(firstId));
        assertThat(received.subList(0, 4))
                .extracting(PlatformStub.Received::answered)
                .containsExactly(500, 429, 200, 200);
        assertThat(received.get(0).body()).contains(dialing.getEventId()).contains("\"type\":\"reservation.dialing\"");
        assertThat(java.time.Duration.between(
                        received.get(1).at(), received.get(2).at()))
                .as("Retry-After: 1 honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        // The later changes came after the first succeeded, once each, in order.
        assertThat(received.subList(4, received.size()))
                .extracting(r -> eventIdOf(r.body()))
                .containsExactly(confirmed.getEventId(), inProgress.getEventId());
        assertThat(received.get(4).body())
                .contains("\"type\":\"reservation.confirmed\"")
                .contains("\"digits\":\"1\"");
        assertThat(received).allSatisfy(PlatformNotifierComponentTest::signatureVerifies);

        http.get()
                .uri("/api/deliveries?reservationId=" + reservation)
                .header("Authorization", "Bearer " + API_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(3)
                .jsonPath("$[2].status")
                .isEqualTo("SUCCEEDED")
                .jsonPath("$[2].attempts")
                .isEqualTo(4)
                .jsonPath("$[2].webhookId")
                .isEqualTo(firstId)
                .jsonPath("$[0].attempts")
                .isEqualTo(1);
    }

    @Test
    void theWebhookContinuesTheTraceOfItsStatusChange() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ProducerRecord<String, org.apache.avro.specific.SpecificRecord> record = new ProducerRecord<>(
                Topics.CALL_STATUS.name(),
                reservation,
                change("luigis", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        record.headers()
                .add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get(10, java.util.concurrent.TimeUnit.SECONDS);
        // The template's own observation may have put a traceparent of its own after ours: the last one is read.
        String sent = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !platform.receivedFor(reservation).isEmpty());
        assertThat(platform.receivedFor(reservation).get(0).traceparent())
                .as("one traceparent, in the change's trace")
                .startsWith(sent.substring(0, 36))
                .hasSize(55);
    }

    @Test
    void aRedeliveredRecordCreatesNoSecondDelivery() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        CallStatusChanged change = change("luigis", reservation, CallStatus.DIALING, CallStatus.NO_RESPONSE);
        publish(change);
        publish(change);
        publish(change("luigis", reservation, CallStatus.NO_RESPONSE, CallStatus.SCHEDULED));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> platform.receivedFor(reservation).size() >= 2);
        Thread.sleep(500);
        assertThat(platform.receivedFor(reservation))
                .hasSize(2)
                .extracting(r -> r.body().contains("reservation.no_response"))
                .containsExactly(true, false);
    }

    @Test
    void aClientErrorIsDeadLetteredAtOnceAndReplayedByAnOperator() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        platform.plan(reservation, PlatformStub.Plan.status(400));
        publish(change("luigis", reservation, CallStatus.DIALING, CallStatus.CANCELLED_BY_GUEST));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> http.get()
                        .uri("/api/deliveries?status=DEAD&reservationId=" + reservation)
                        .header("Authorization", "Bearer " + API_KEY)
                        .exchange()
                        .expectBody()
                        .jsonPath("$[0].lastStatusCode")
                        .isEqualTo(400)
                        .jsonPath("$[0].attempts")
                        .isEqualTo(1));
        assertThat(platform.receivedFor(reservation)).hasSize(1);
        String id = http.get()
                .uri("/api/deliveries?reservationId=" + reservation)
                .header("Authorization", "Bearer " + API_KEY)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody()
                .replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");

        http.post()
                .uri("/api/deliveries/" + id + "/replay")
                .header("Authorization", "Bearer " + API_KEY)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/api/deliveries/" + id + "/replay")
                .header("Authorization", "Bearer " + ADMIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING");

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> platform.receivedFor(reservation).size() == 2);
        assertThat(platform.receivedFor(reservation).get(1).answered()).isEqualTo(200);
        assertThat(platform.receivedFor(reservation).get(1).body()).contains("\"type\":\"reservation.cancelled\"");
        http.post()
                .uri("/api/deliveries/" + id + "/replay")
                .header("Authorization", "Bearer " + ADMIN)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void aRedirectIsNotFollowedAndTheDeliveryIsDeadLettered() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        platform.plan(reservation, new PlatformStub.Plan(307, Duration.ZERO, Map.of("Location", platform.url())));
        publish(change("luigis", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> http.get()
                        .uri("/api/deliveries?status=DEAD&reservationId=" + reservation)
                        .header("Authorization", "Bearer " + API_KEY)
                        .exchange()
                        .expectBody()
                        .jsonPath("$[0].lastError")
                        .isEqualTo("HTTP 307: redirects are not followed"));
        assertThat(platform.receivedFor(reservation))
                .as("the Location was not requested")
                .hasSize(1);
    }

    @Test
    void theApiNeedsATenantKeyAndValidatesItsFilters() {
        http.get()
                .uri("/api/deliveries")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType("application/problem+json");
        http.get()
                .uri("/api/deliveries?status=LOST")
                .header("Authorization", "Bearer " + API_KEY)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("status must be one of"));
        http.post()
                .uri("/api/deliveries/" + UUID.randomUUID() + "/replay")
                .header("Authorization", "Bearer " + ADMIN)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aPoisonRecordAnUnknownTenantAndAnUnknownStatusGoToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(
                            Topics.CALL_STATUS.name(), reservation, "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        publish(change("nobody", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        // What a status added to the schema after this notifier's build is read as (design.md §10.2).
        publish(change("luigis", reservation, CallStatus.DIALING, CallStatus.UNKNOWN));
        publish(change("luigis", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> platform.receivedFor(reservation).size() == 1);
        List<String> reasons =
                DeadLetters.reasons(Topics.CALL_STATUS.deadLetterTopic(), reservation, found -> found.size() >= 3);
        assertThat(reasons).hasSize(3);
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("Undecodable record"));
        assertThat(reasons)
                .anySatisfy(r -> assertThat(r).isEqualTo("Tenant unknown: nobody is not in the tenant directory"));
        assertThat(reasons)
                .anySatisfy(r -> assertThat(r).startsWith("A status or subject type this notifier does not know"));
        assertThat(RegistryServer.shared().apiUrl()).isNotBlank();
    }

    private static String eventIdOf(String body) {
        return body.replaceAll("(?s).*\"eventId\":\"([^\"]+)\".*", "$1");
    }

    /** Verified the way a platform would, without the signing library. */
    static void signatureVerifies(PlatformStub.Received r) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    java.util.Base64.getDecoder().decode(NotifierTestSupport.SECRET.substring("whsec_".length())),
                    "HmacSHA256"));
            String expected = "v1,"
                    + java.util.Base64.getEncoder()
                            .encodeToString(mac.doFinal((r.webhookId() + "." + r.timestamp() + "." + r.body())
                                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(r.signature()).isEqualTo(expected);
            assertThat(Long.parseLong(r.timestamp()))
                    .isCloseTo(r.at().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
