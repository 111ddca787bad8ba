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
package io.confirmline.sandbox.eightbyeight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The sandbox over real HTTP: 8x8's validation answers, then calls played against a local webhook receiver. */
class EightByEightSandboxTest extends SandboxHttpTest {

    static String confirmation(String destination) {
        return """
                {"clientRequestId": "c-1", "callflow": [
                  {"action": "makeCall", "params": {"source": "+34910000000", "destination": "%s"}},
                  {"action": "sayAndCapture", "params": {"promptMessage": "Press 1", "voiceProfile": "es-ES-Standard-A",
                   "minDigits": 1, "maxDigits": 1, "digitTimeout": 10000, "overallTimeout": 20000,
                   "completeOnHash": false, "noOfTries": 1}}]}""".formatted(destination);
    }

    WebTestClient.ResponseSpec send(String body) {
        return http.post()
                .uri("/api/v1/subaccounts/luigis_voice/callflows")
                .header("Authorization", "Bearer key-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    void override(String number, String behaviour) {
        http.put()
                .uri("/sandbox/guests/" + number)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"behaviour\":\"" + behaviour + "\"}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aHeldAnswerComesLateWhileTheCallIsAlreadyPlayedAndItsSummaryEchoesTheRequestId() {
        override("+34600900001", "PLACED_ANSWER_HELD");
        long started = System.nanoTime();
        send(confirmation("+34600900001"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.sessionStatus")
                .isEqualTo("CREATED");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> received.stream()
                        .anyMatch(w -> w.path().equals("/vss")
                                && w.body().contains("+34600900001")
                                && w.body().contains("\"clientRequestId\":\"c-1\"")));
        assertThat(received)
                .anyMatch(w -> w.path().equals("/vca")
                        && w.body().contains("+34600900001")
                        && w.body().contains("\"dtmf\":\"1\""));
    }

    @Test
    void aRequestHeldAndNotPlacedAnswers500WithoutSayingWhetherASessionExistsAndIsListed() {
        override("+34600900002", "NOT_PLACED_ANSWER_HELD");
        send(confirmation("+34600900002"))
                .expectStatus()
                .isEqualTo(500)
                .expectBody()
                .jsonPath("$.sessionStatus")
                .doesNotExist()
                .jsonPath("$.sessionId")
                .doesNotExist();
        String calls = http.get()
                .uri("/sandbox/calls")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(calls)
                .contains("{\"sessionId\":null,\"subaccountId\":\"luigis_voice\",\"destination\":\"+34600900002\"");
        assertThat(received).noneMatch(w -> w.body().contains("+34600900002"));
    }

    @Test
    void refusesAsEightByEightDoes() {
        send("{\"callflow\":[{\"action\":\"say\",\"params\":{\"text\":\"hi\",\"voiceProfile\":\"v\"}}]}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.statusCode")
                .isEqualTo(-1013)
                .jsonPath("$.sessionStatus")
                .isEqualTo("NOT_CREATED");
        send(confirmation("+34600000009"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.statusCode")
                .isEqualTo(-1017);
        send(confirmation("12ab"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.statusCode")
                .isEqualTo(-1017);
        send("{\"callflow\":[{\"action\":\"makeCall\",\"params\":{\"source\":\"+34910000000\"}}]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.statusCode")
                .isEqualTo(-1009)
                .jsonPath("$.statusMessage")
                .value(m -> assertThat((String) m).contains("$.callflow[0].params.destination"));
        send(confirmation("+34600000001")
                        .replace(
                                "\"digitTimeout\": 10000, \"overallTimeout\": 20000",
                                "\"digitTimeout\": 10000, \"overallTimeout\": 5000"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.statusCode")
                .isEqualTo(-1006);
        send("not json")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.statusCode")
                .isEqualTo(-1001);
        http.post()
                .uri("/api/v1/subaccounts/luigis_voice/callflows")
                .header("Authorization", "Bearer wrong")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(confirmation("+34600000001"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.statusCode")
                .isEqualTo(401);
        http.post()
                .uri("/api/v1/subaccounts/nobody/callflows")
                .header("Authorization", "Bearer key-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(confirmation("+34600000001"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    String sessionOf(String destination) {
        return (String) send(confirmation(destination))
                .expectStatus()
                .isOk()
                .expectBody(java.util.Map.class)
                .returnResult()
                .getResponseBody()
                .get("sessionId");
    }

    List<Webhook> webhooksOf(String session) {
        return received.stream().filter(w -> w.body().contains(session)).toList();
    }

    @Test
    void aGuestWhoPressesAWrongKeyIsAskedAgainThenConfirmsAndTheSummaryFollows() {
        String session = sessionOf("+34600000005");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> webhooksOf(session).size() == 3);
        List<Webhook> webhooks = webhooksOf(session);
        assertThat(webhooks).extracting(Webhook::path).containsExactly("/vca", "/vca", "/vss");
        assertThat(webhooks).allSatisfy(w -> assertThat(w.authorization()).isEqualTo("webhook-secret"));
        assertThat(webhooks.get(0).body())
                .contains("\"eventType\":\"CALL_ACTION\"")
                .contains("\"eventData\":{\"dtmf\":\"7\"}");
        assertThat(webhooks.get(1).body()).contains("\"eventData\":{\"dtmf\":\"1\"}");
        assertThat(webhooks.get(2).body())
                .contains("\"eventType\":\"SESSION_SUMMARY\"")
                .contains("\"sessionStatus\":\"COMPLETED\"")
                .contains("\"connectedTimestamp\"")
                .contains("\"clientRequestId\":\"c-1\"")
                .contains("\"lastAction\":\"HANGUP\"");
    }

    @Test
    void unansweredBusySilentAndLostSummaryGuestsBehaveByTheirLastDigit() {
        String noAnswer = sessionOf("+34600000002");
        String busy = sessionOf("+34600000003");
        String silent = sessionOf("+34600000004");
        String lost = sessionOf("+34600000008");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> webhooksOf(noAnswer).size() == 1
                        && webhooksOf(busy).size() == 1
                        && webhooksOf(silent).size() == 2
                        && webhooksOf(lost).size() == 1);
        assertThat(webhooksOf(noAnswer).get(0).body())
                .contains("\"sessionStatus\":\"NO_ANSWER\"")
                .doesNotContain("\"connectedTimestamp\"");
        assertThat(webhooksOf(busy).get(0).body()).contains("\"sessionStatus\":\"BUSY\"");
        assertThat(webhooksOf(silent).get(0).body()).contains("\"eventData\":{\"dtmf\":null}");
        assertThat(webhooksOf(lost).get(0).path()).isEqualTo("/vca");
        Awaitility.await()
                .during(Duration.ofMillis(800))
                .atMost(Duration.ofSeconds(3))
                .until(() -> webhooksOf(lost).size() == 1);
    }

    @Test
    void aGuestMissingTheFirstCallAnswersTheSecondAndOverridesWin() {
        String first = sessionOf("+34600000007");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> webhooksOf(first).size() == 1);
        assertThat(webhooksOf(first).get(0).body()).contains("NO_ANSWER");
        String second = sessionOf("+34600000007");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> webhooksOf(second).size() == 2);
        assertThat(webhooksOf(second).get(0).body()).contains("\"dtmf\":\"1\"");

        http.put()
                .uri("/sandbox/guests/+34600000011")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"behaviour\": \"BUSY\"}")
                .exchange()
                .expectStatus()
                .isOk();
        String overridden = sessionOf("+34600000011");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> webhooksOf(overridden).size() == 1);
        assertThat(webhooksOf(overridden).get(0).body()).contains("\"sessionStatus\":\"BUSY\"");
        http.get()
                .uri("/sandbox/calls")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.sessionId == '" + overridden + "')].behaviour")
                .isEqualTo("BUSY");
    }

    WebTestClient.ResponseSpec registerWebhook(String key, String body) {
        return http.post()
                .uri("/api/v1/subaccounts/hooks_voice/webhooks")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void webhooksRegisteredThroughTheApiReceiveTheSubaccountsCallsWithTheirAuthorization() {
        String base = "http://127.0.0.1:" + receiver.port();
        registerWebhook("wrong", "{\"type\":\"VCA\",\"url\":\"" + base + "/registered-vca\"}")
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/api/v1/subaccounts/nobody/webhooks")
                .header("Authorization", "Bearer key-2")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isNotFound();
        registerWebhook("key-2", "{\"type\":\"VXX\",\"url\":\"" + base + "/registered-vca\"}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.statusCode")
                .isEqualTo("1001")
                .jsonPath("$.errorId")
                .exists()
                .jsonPath("$.timestamp")
                .exists();
        registerWebhook("key-2", "{\"type\":\"VCA\",\"url\":\"ftp://example.com/vca\"}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.statusCode")
                .isEqualTo("1001");
        registerWebhook("key-2", "{\"type\":\"VCA\",\"url\":\"" + base + "/registered-vca\",\"enabled\":\"yes\"}")
                .expectStatus()
                .isEqualTo(422);

        registerWebhook(
                        "key-2",
                        "{\"type\":\"VCA\",\"url\":\"" + base + "/registered-vca\","
                                + "\"httpAuthHeader\":\"Bearer registered-token\",\"enabled\":true}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.subAccountId")
                .isEqualTo("hooks_voice")
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.webhooks[0].type")
                .isEqualTo("VCA")
                .jsonPath("$.webhooks[0].httpAuthHeaderAvailable")
                .isEqualTo(true)
                .jsonPath("$.webhooks[0].httpAuthHeader")
                .doesNotExist()
                .jsonPath("$.statusCode")
                .isEqualTo(0);
        registerWebhook(
                        "key-2",
                        "{\"type\":\"VSS\",\"url\":\"" + base + "/registered-vss\","
                                + "\"httpAuthHeader\":\"Bearer registered-token\",\"enabled\":true}")
                .expectStatus()
                .isOk();
        http.get()
                .uri("/api/v1/subaccounts/hooks_voice/webhooks")
                .header("Authorization", "Bearer key-2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(2)
                .jsonPath("$.webhooks[*].type")
                .value(types -> assertThat((List<Object>) types).containsExactly("VCA", "VSS"));
        http.get()
                .uri("/sandbox/webhook-registrations")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.body.type == 'VSS')].authorization")
                .isEqualTo("Bearer key-2")
                .jsonPath("$[?(@.body.type == 'VSS')].body.httpAuthHeader")
                .isEqualTo("Bearer registered-token");

        // A call of the subaccount now goes to the registered URLs with the registered Authorization value.
        String session = (String) http.post()
                .uri("/api/v1/subaccounts/hooks_voice/callflows")
                .header("Authorization", "Bearer key-2")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(confirmation("+34600000001"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(java.util.Map.class)
                .returnResult()
                .getResponseBody()
                .get("sessionId");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> webhooksOf(session).size() == 2);
        assertThat(webhooksOf(session)).extracting(Webhook::path).containsExactly("/registered-vca", "/registered-vss");
        assertThat(webhooksOf(session)).extracting(Webhook::authorization).containsOnly("Bearer registered-token");

        http.delete()
                .uri("/api/v1/subaccounts/hooks_voice/webhooks/VSS")
                .header("Authorization", "Bearer key-2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
        http.delete()
                .uri("/api/v1/subaccounts/hooks_voice/webhooks/VSS")
                .header("Authorization", "Bearer key-2")
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
