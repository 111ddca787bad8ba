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

import static io.confirmline.ingress.IngressTestSupport.LUIGIS_AUTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.SmsReceived;
import io.confirmline.events.Topics;
import io.confirmline.ingress.publish.EventSpool;
import io.confirmline.ingress.publish.SpooledKind;
import io.confirmline.testing.KafkaProcess;
import io.confirmline.testing.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The broker goes away: a separate Kafka process is stopped under the running ingress, then started again on the
 * same port and data. Also: events a crashed ingress left in its spool are sent when the next one starts, and a
 * guest's text that arrives while the broker is away is answered at once and published when it is back (8x8 gives
 * up on an SMS webhook after two minutes of retries, so the text must not wait for the broker).
 */
// Its key presses are for sessions nobody opened: answered at once, not after the wait for a late session.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "confirmline.ingress.sessions.arrival-wait=0s",
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].auth-token=" + LUIGIS_AUTH,
            "confirmline.tenants[0].sms-subaccount-id=" + IngressTestSupport.LUIGIS_SMS_SUBACCOUNT,
            "confirmline.tenants[0].sms-numbers[0]=" + IngressTestSupport.LUIGIS_SMS_NUMBER,
            "confirmline.ingress.publish.summary-timeout=2s",
            "confirmline.ingress.publish.retry-interval=500ms"
        })
@AutoConfigureWebTestClient
class IngressBrokerOutageComponentTest {

    /**
     * How long a guest may wait for the in-call reply in this test, even with the broker gone: well under the 5 s a
     * send blocks for metadata (max.block.ms), which is what a reply waiting on Kafka would take, and loose enough
     * for a loaded CI machine. The reply's usual latency is measured by the benchmark, not here.
     */
    static final Duration REPLY_BUDGET = Duration.ofSeconds(2);

    static KafkaProcess kafka;
    static String leftOverEventId = UUID.randomUUID().toString();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        kafka = KafkaProcess.start();
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add(
                "confirmline.kafka.registry-url", () -> RegistryServer.shared().apiUrl());
        Path spool = Files.createTempDirectory("ingress-spool");
        // What a previous ingress process left behind when it crashed before the broker acknowledged it.
        CallActionReceived leftOver = CallActionReceived.newBuilder()
                .setEventId(leftOverEventId)
                .setOccurredAt(Instant.now())
                .setTenantId("luigis")
                .setSessionId("crashed-session")
                .setSubAccountId("luigis_voice")
                .setDigits("0")
                .setReceivedAt(Instant.now())
                .build();
        EventSpool.appendTo(spool, SpooledKind.CALL_ACTION, leftOver);
        registry.add("confirmline.ingress.publish.spool-directory", spool::toString);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Autowired
    WebTestClient http;

    @Autowired
    KafkaTemplate<String, SpecificRecord> template;

    @Autowired
    EventSpool spool;

    @Test
    void withTheBrokerDownVssGets503VcaItsReplyAndATextItsOkAtOnceAndTheEventsArriveWhenTheBrokerIsBack()
            throws Exception {
        String sessionId = "outage-" + UUID.randomUUID();
        template.send(Topics.SESSIONS.name(), sessionId, IngressTestSupport.session(sessionId))
                .get(30, TimeUnit.SECONDS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> vca(sessionId, UUID.randomUUID().toString())
                        .expectBody(String.class)
                        .isEqualTo(IngressTestSupport.CONFIRMED_REPLY));

        kafka.stop();

        String eventId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        vca(sessionId, eventId)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo(IngressTestSupport.CONFIRMED_REPLY);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("the reply does not wait on Kafka").isLessThan(REPLY_BUDGET);
        assertThat(spool.pending()).as("the event is kept").isGreaterThanOrEqualTo(1);
        // 8x8 gives up on an SMS webhook after two minutes of retries: the text is kept and answered at once too.
        String umid = UUID.randomUUID().toString();
        postText(umid, REPLY_BUDGET);

        byte[] summary = Fixtures.text("vss-completed.json")
                .replace("1f048a84-ea6d-11ee-911b-078f7290bf52", sessionId)
                .getBytes(StandardCharsets.UTF_8);
        http.post()
                .uri("/webhooks/8x8/vss")
                .header("Authorization", LUIGIS_AUTH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(summary)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "5")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);

        kafka.startAgain();

        try (KafkaConsumer<String, CallActionReceived> consumer = IngressTestSupport.consumer(
                kafka.bootstrapServers(), RegistryServer.shared().apiUrl(), Topics.CALL_ACTIONS.name())) {
            var arrived = IngressTestSupport.await(
                    consumer, r -> r.value().getEventId().equals(eventId), 1, Duration.ofSeconds(90));
            assertThat(arrived.get(0).value().getDigits()).isEqualTo("1");
        }
        awaitText(umid);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> spool.pending() == 0);
    }

    @Test
    void eventsSpooledByACrashedIngressArePublishedAtTheNextStart() {
        kafka.startAgain();
        try (KafkaConsumer<String, CallActionReceived> consumer = IngressTestSupport.consumer(
                kafka.bootstrapServers(), RegistryServer.shared().apiUrl(), Topics.CALL_ACTIONS.name())) {
            var arrived = IngressTestSupport.await(
                    consumer, r -> r.value().getEventId().equals(leftOverEventId), 1, Duration.ofSeconds(60));
            assertThat(arrived.get(0).key()).isEqualTo("crashed-session");
        }
    }

    /** The case: three minutes, longer than 8x8's retries of an SMS webhook. Run outside verify. */
    @Test
    @Tag("long")
    void aTextArrivingDuringAThreeMinuteOutageIsPublishedWhenTheBrokerIsBack() throws Exception {
        textSurvivesAnOutageOf(Duration.ofMinutes(3));
    }

    /** Stops the broker, delivers a text, keeps the broker away for {@code outage} more, then starts it again. */
    private void textSurvivesAnOutageOf(Duration outage) throws InterruptedException {
        kafka.startAgain();
        String umid = UUID.randomUUID().toString();
        kafka.stop();
        postText(umid, REPLY_BUDGET);
        // The outage itself is what is tested: the relay keeps trying meanwhile, and the producer gives up on each
        // attempt after its delivery timeout (two minutes).
        Thread.sleep(outage.toMillis());
        kafka.startAgain();
        awaitText(umid);
    }

    /** Delivers a guest's STOP as 8x8 does and checks it was answered 200 within {@code budget}. */
    private void postText(String umid, Duration budget) {
        byte[] text = Fixtures.text("sms-mo.json")
                .replace("9e09ac86-bd74-5465-851d-1eb5a5fdbb9a", umid)
                .replace("Test MO message", "STOP")
                .getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        http.post()
                .uri("/webhooks/8x8/sms/inbound")
                .header("Authorization", LUIGIS_AUTH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(text)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"status\":\"ok\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("answered without waiting on Kafka")
                .isLessThan(budget);
    }

    private void awaitText(String umid) {
        try (KafkaConsumer<String, SmsReceived> consumer = IngressTestSupport.consumer(
                kafka.bootstrapServers(), RegistryServer.shared().apiUrl(), Topics.SMS_INBOUND.name())) {
            var arrived = IngressTestSupport.await(
                    consumer, r -> r.value().getUmid().equals(umid), 1, Duration.ofSeconds(90));
            assertThat(arrived.get(0).key()).isEqualTo("luigis:+6581968289");
            assertThat(arrived.get(0).value().getBody()).isEqualTo("STOP");
        }
    }

    private WebTestClient.ResponseSpec vca(String sessionId, String eventId) {
        String body = Fixtures.text("vca-event-data-object.json")
                .replace("a4fad4b3-b388-12ee-b217-2fb8260fcf59", sessionId)
                .replace("77e6a667-133a-11ef-9dd4-e911cc6fc82f", eventId);
        return http.post()
                .uri("/webhooks/8x8/vca")
                .header("Authorization", LUIGIS_AUTH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }
}
