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
import io.confirmline.ingress.session.SessionView;
import io.confirmline.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
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
 * A tombstone on voice.sessions.v1 (how the orchestrator erases a guest's session, whose replies hold their name)
 * removes the session from the view — its key presses get the safe unknown-session reply — and the view goes on
 * following the topic.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].auth-token=" + LUIGIS_AUTH
        })
@AutoConfigureWebTestClient
class SessionTombstoneComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.kafka(registry);
        String spool = Files.createTempDirectory("ingress-spool").toString();
        registry.add("confirmline.ingress.publish.spool-directory", () -> spool);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    SessionView view;

    @Autowired
    MeterRegistry meters;

    @Test
    void aTombstoneForgetsTheSessionAndTheViewGoesOn() throws Exception {
        String erased = "s-" + UUID.randomUUID();
        kafka.send(Topics.SESSIONS.name(), erased, IngressTestSupport.session(erased))
                .get(10, TimeUnit.SECONDS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> vca(erased).expectBody(String.class).isEqualTo(IngressTestSupport.CONFIRMED_REPLY));

        kafka.send(Topics.SESSIONS.name(), erased, null).get(10, TimeUnit.SECONDS);
        // A tombstone for a session this view never had is nothing either.
        kafka.send(Topics.SESSIONS.name(), "s-never-" + UUID.randomUUID(), null).get(10, TimeUnit.SECONDS);
        String later = "s-" + UUID.randomUUID();
        kafka.send(Topics.SESSIONS.name(), later, IngressTestSupport.session(later))
                .get(10, TimeUnit.SECONDS);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> view.find(later).isPresent());
        assertThat(view.find(erased)).as("the erased session").isEmpty();
        vca(erased)
                .expectBody()
                .jsonPath("$.callflow[0].action")
                .isEqualTo("say")
                .jsonPath("$.callflow[1].action")
                .isEqualTo("hangup");
        vca(later).expectBody(String.class).isEqualTo(IngressTestSupport.CONFIRMED_REPLY);
        assertThat(meters.get("confirmline.ingress.sessions.undecodable")
                        .counter()
                        .count())
                .as("tombstones are not undecodable records")
                .isZero();
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
                .exchange()
                .expectStatus()
                .isOk();
    }
}
