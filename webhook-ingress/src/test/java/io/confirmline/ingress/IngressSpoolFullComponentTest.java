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

import io.confirmline.events.Topics;
import io.confirmline.ingress.publish.EventSpool;
import io.confirmline.testing.KafkaProcess;
import io.confirmline.testing.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A broker outage long enough to fill the spool ({@code spool-max-events}, 3 here): the guest still hears every
 * reply, events beyond the bound are counted as dropped instead of growing memory and disk, VSS is told at once to
 * come back later, and once the broker is back the spool drains and takes events again.
 */
// Its key presses are for sessions nobody opened: answered at once, not after the wait for a late session.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "confirmline.ingress.sessions.arrival-wait=0s",
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].auth-token=" + LUIGIS_AUTH,
            "confirmline.tenants[0].sms-numbers[0]=" + IngressTestSupport.LUIGIS_SMS_NUMBER,
            "confirmline.ingress.publish.summary-timeout=20s",
            "confirmline.ingress.publish.retry-interval=500ms",
            "confirmline.ingress.publish.spool-max-events=3"
        })
@AutoConfigureWebTestClient
@AutoConfigureMetrics
class IngressSpoolFullComponentTest {

    static KafkaProcess kafka;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        kafka = KafkaProcess.start();
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add(
                "confirmline.kafka.registry-url", () -> RegistryServer.shared().apiUrl());
        registry.add(
                "confirmline.ingress.publish.spool-directory", Files.createTempDirectory("ingress-spool")::toString);
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
    void aFullSpoolStillRepliesDropsTheEventAndAnswersVss503AtOnce() throws Exception {
        String sessionId = "full-" + UUID.randomUUID();
        template.send(Topics.SESSIONS.name(), sessionId, IngressTestSupport.session(sessionId))
                .get(30, TimeUnit.SECONDS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> vca(sessionId).expectBody(String.class).isEqualTo(IngressTestSupport.CONFIRMED_REPLY));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> spool.pending() == 0);

        kafka.stop();
        for (int i = 0; i < 5; i++) {
            vca(sessionId).expectStatus().isOk().expectBody(String.class).isEqualTo(IngressTestSupport.CONFIRMED_REPLY);
        }
        assertThat(spool.pending()).as("bounded").isEqualTo(3);
        assertThat(spool.full()).isTrue();

        long started = System.nanoTime();
        vss(sessionId)
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "5")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Spool full");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("not after the 20 s summary timeout")
                .isLessThan(Duration.ofSeconds(5));
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .contains("confirmline_ingress_call_actions_dropped_total{application=\"webhook-ingress\"} 2.0")
                        .contains("outcome=\"dropped\",type=\"CALL_ACTION\"} 2"));
        // A text cannot be kept either: 8x8 is told to deliver it again, and its redelivery is taken later.
        String umid = UUID.randomUUID().toString();
        text(umid)
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "5")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        kafka.startAgain();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> spool.pending() == 0);
        vss(sessionId).expectStatus().isOk();
        text(umid).expectStatus().isOk();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> spool.pending() == 0);
    }

    private WebTestClient.ResponseSpec text(String umid) {
        byte[] body = Fixtures.text("sms-mo.json")
                .replace("9e09ac86-bd74-5465-851d-1eb5a5fdbb9a", umid)
                .replace("SubAccount-1", "*")
                .getBytes(StandardCharsets.UTF_8);
        return http.post()
                .uri("/webhooks/8x8/sms/inbound")
                .header("Authorization", LUIGIS_AUTH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec vca(String sessionId) {
        String body = Fixtures.text("vca-event-data-object.json")
                .replace("a4fad4b3-b388-12ee-b217-2fb8260fcf59", sessionId)
                .replace(
                        "77e6a667-133a-11ef-9dd4-e911cc6fc82f",
                        UUID.randomUUID().toString());
        return http.post()
                .uri("/webhooks/8x8/vca")
                .header("Authorization", LUIGIS_AUTH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    private WebTestClient.ResponseSpec vss(String sessionId) {
        byte[] summary = Fixtures.text("vss-completed.json")
                .replace("1f048a84-ea6d-11ee-911b-078f7290bf52", sessionId)
                .getBytes(StandardCharsets.UTF_8);
        return http.post()
                .uri("/webhooks/8x8/vss")
                .header("Authorization", LUIGIS_AUTH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(summary)
                .exchange();
    }
}
