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
package io.confirmline.orchestrator.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.orchestrator.TestTenant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code POST /api/owner-alerts} (issue #16 item 5): the owner console's alert goes out as one text through the
 * tenant's SMS subaccount and sender, at the fake 8x8 — once per alert id, to an opted-out number too, and never on
 * conversations.v1. In the texts tests' Spring context.
 */
class OwnerAlertComponentTest extends ConversationComponentTestBase {

    private static String ownerPhone() {
        return "+346009" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    private WebTestClient.ResponseSpec post(String key, Object body) {
        WebTestClient.RequestBodySpec request =
                http.post().uri("/api/owner-alerts").contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header("Authorization", "Bearer " + key);
        }
        return request.bodyValue(body).exchange();
    }

    @Test
    void anAlertIsTextedToTheOwnerOnceWhateverTheConsoleRepeats() throws Exception {
        String phone = ownerPhone();
        String alertId = UUID.randomUUID().toString();
        Map<String, String> alert =
                Map.of("to", phone, "body", "ConfirmLine: Ana cancelled the booking for 21:00", "alertId", alertId);

        Map<String, Object> first = post(KEY, alert)
                .expectStatus()
                .isAccepted()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        Map<String, Object> again = post(KEY, alert)
                .expectStatus()
                .isAccepted()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();

        assertThat(first).containsEntry("alertId", alertId).containsEntry("state", "SENT");
        assertThat(again).containsEntry("state", "SENT").containsEntry("umid", first.get("umid"));
        Thread.sleep(500);
        assertThat(texts.to(phone)).singleElement().satisfies(sent -> {
            assertThat(sent.path()).isEqualTo("/api/v1/subaccounts/textco_sms/messages");
            assertThat(sent.authorization()).isEqualTo("Bearer textco-8x8-key");
            assertThat(sent.text()).isEqualTo("ConfirmLine: Ana cancelled the booking for 21:00");
            assertThat(sent.body().get("source").asString()).isEqualTo(SENDER);
            assertThat(sent.umid()).isEqualTo(first.get("umid"));
        });
        http.get()
                .uri("/api/owner-alerts/{id}", alertId)
                .header("Authorization", "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("SENT");
        // The owner is not a guest: nothing of it is a conversation.
        assertThat(conversation(phone)).isEmpty();
    }

    @Test
    void anOwnerWhoseNumberOptedOutAsAGuestStillGetsTheirAlerts() {
        String phone = ownerPhone();
        database.sql("INSERT INTO opt_out (tenant_id, phone, source) VALUES ('textco', :phone, 'PLATFORM')")
                .bind("phone", phone)
                .then()
                .block();

        post(
                        KEY,
                        Map.of(
                                "to",
                                phone,
                                "body",
                                "ConfirmLine: a guest has waited 20 minutes",
                                "alertId",
                                UUID.randomUUID().toString()))
                .expectStatus()
                .isAccepted();

        assertThat(texts.to(phone)).hasSize(1);
    }

    @Test
    void refusedWithoutTheTenantsKeyForATenantThatCannotTextAndForABadAlert() {
        String phone = ownerPhone();
        Map<String, String> alert = Map.of(
                "to", phone, "body", "hello", "alertId", UUID.randomUUID().toString());
        post(null, alert).expectStatus().isUnauthorized();
        post("not-a-key-of-anyone-0123456789", alert).expectStatus().isUnauthorized();
        post(KEY, Map.of("to", "612345678", "body", " ", "alertId", ""))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(3);

        String nosms = "nosms-" + UUID.randomUUID().toString().substring(0, 8);
        String nosmsKey = nosms + "-platform-key-0123456789";
        console.publish(TestTenant.settings(
                "id=" + nosms,
                "subaccount-id=nosms_voice",
                "api-key=nosms-8x8-key",
                "platform-api-key=" + nosmsKey,
                "caller-id=+34910000090"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> http.get()
                                .uri("/api/owner-alerts/none")
                                .header("Authorization", "Bearer " + nosmsKey)
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 404);

        post(nosmsKey, alert)
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("no SMS"));
        // Another tenant's alert is not found by this tenant's key.
        String alertId = UUID.randomUUID().toString();
        post(KEY, Map.of("to", phone, "body", "hello", "alertId", alertId))
                .expectStatus()
                .isAccepted();
        http.get()
                .uri("/api/owner-alerts/{id}", alertId)
                .header("Authorization", "Bearer " + nosmsKey)
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(texts.to(phone)).hasSize(1);
    }
}
