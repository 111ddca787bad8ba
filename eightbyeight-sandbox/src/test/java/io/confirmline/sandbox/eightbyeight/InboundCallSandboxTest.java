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
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Call-backs over real HTTP: a person rings a virtual number, the sandbox posts CALL_RECEIVED to the subaccount's VCA
 * webhook and plays its reply (a menu, a key, a bridge to the restaurant), then the session summary.
 */
class InboundCallSandboxTest extends SandboxHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    String place(String request) {
        return (String) http.post()
                .uri("/sandbox/inbound-calls")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("sessionId");
    }

    /** The session as the sandbox tells it, once it has ended and its summary was posted. */
    JsonNode ended(String path) {
        JsonNode[] view = new JsonNode[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    view[0] = JSON.readTree(http.get()
                            .uri(path)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody());
                    return view[0].path("ended").asBoolean();
                });
        return view[0];
    }

    List<Webhook> webhooksOf(String session) {
        return received.stream().filter(w -> w.body().contains(session)).toList();
    }

    static JsonNode payload(Webhook webhook) {
        return JSON.readTree(webhook.body()).path("payload");
    }

    @Test
    void aCallerHearsTheMenuAndConfirmsWithTheKeyPressCarryingTheMenusClientActionId() {
        String session = place("{\"from\": \"+34600100001\", \"to\": \"" + MENU_NUMBER + "\", \"digits\": [\"1\"]}");
        JsonNode view = ended("/sandbox/inbound-calls/" + session);

        List<Webhook> webhooks = webhooksOf(session);
        assertThat(webhooks).extracting(Webhook::path).containsExactly("/vca", "/vca", "/vss");
        assertThat(webhooks).extracting(Webhook::authorization).containsOnly("webhook-secret");
        JsonNode received = JSON.readTree(webhooks.get(0).body());
        assertThat(received.path("eventType").asString()).isEqualTo("CALL_ACTION");
        assertThat(received.path("payload").path("callStatus").asString()).isEqualTo("CALL_RECEIVED");
        assertThat(received.path("payload").path("callDirection").asString()).isEqualTo("INBOUND");
        assertThat(received.path("payload").path("source").asString()).isEqualTo("+34600100001");
        assertThat(received.path("payload").path("destination").asString()).isEqualTo(MENU_NUMBER);
        assertThat(received.path("payload").path("subAccountId").asString()).isEqualTo("luigis_voice");
        JsonNode key = payload(webhooks.get(1));
        assertThat(key.path("callStatus").asString()).isEqualTo("ACTION_COMPLETED");
        assertThat(key.path("eventData").path("dtmf").asString()).isEqualTo("1");
        assertThat(key.path("clientActionId").asString()).isEqualTo("menu:booking-42");
        JsonNode summary = payload(webhooks.get(2));
        assertThat(summary.path("sessionStatus").asString()).isEqualTo("COMPLETED");
        assertThat(summary.path("lastAction").asString()).isEqualTo("HANGUP");
        assertThat(summary.path("callCount").asInt()).isEqualTo(1);
        assertThat(summary.path("details").path("callA").path("callDirection").asString())
                .isEqualTo("INBOUND");
        assertThat(summary.path("details")
                        .path("callA")
                        .path("connectedTimestamp")
                        .isString())
                .isTrue();
        assertThat(summary.path("details").has("callB")).isFalse();

        assertThat(view.path("webhooks")).hasSize(3);
        assertThat(view.path("webhooks")
                        .get(0)
                        .path("reply")
                        .path("clientActionId")
                        .asString())
                .isEqualTo("menu:booking-42");
        assertThat(view.path("webhooks")
                        .get(1)
                        .path("reply")
                        .path("callflow")
                        .get(0)
                        .path("params")
                        .path("text")
                        .asString())
                .isEqualTo("Bye");
        assertThat(view.path("webhooks").get(2).path("httpStatus").asInt()).isEqualTo(200);
        assertThat(view.path("bridge").isNull()).isTrue();
        assertThat(view.path("sessionStatus").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aCallerWhoPressesNineIsPutThroughAndTheRestaurantAnswers() {
        String session = place("{\"from\": \"+34600100002\", \"to\": \"" + MENU_NUMBER + "\", \"digits\": [\"9\"]}");
        JsonNode view = ended("/sandbox/inbound-calls/" + session);

        JsonNode summary = payload(webhooksOf(session).get(2));
        assertThat(summary.path("lastAction").asString()).isEqualTo("MAKE_CALL");
        assertThat(summary.path("callCount").asInt()).isEqualTo(2);
        JsonNode restaurant = summary.path("details").path("callB");
        assertThat(restaurant.path("callStatus").asString()).isEqualTo("COMPLETED");
        assertThat(restaurant.path("connectedTimestamp").isString()).isTrue();
        assertThat(restaurant.path("source").asString()).isEqualTo(MENU_NUMBER);
        assertThat(restaurant.path("destination").asString()).isEqualTo(restaurantOf("+34600100002"));
        assertThat(view.path("bridge").path("callStatus").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aCallAnsweredWithMakeCallToARestaurantThatDoesNotAnswerEndsWithCallBNoAnswer() {
        String session = place("{\"from\": \"+34600100003\", \"to\": \"" + PUT_THROUGH_NUMBER + "\", \"digits\": [],"
                + " \"restaurantAnswers\": false}");
        JsonNode view = ended("/sandbox/inbound-calls/" + session);

        List<Webhook> webhooks = webhooksOf(session);
        assertThat(webhooks).extracting(Webhook::path).containsExactly("/vca", "/vss");
        JsonNode summary = payload(webhooks.get(1));
        assertThat(summary.path("sessionStatus").asString()).isEqualTo("COMPLETED");
        assertThat(summary.path("details").path("callA").path("callStatus").asString())
                .isEqualTo("COMPLETED");
        JsonNode restaurant = summary.path("details").path("callB");
        assertThat(restaurant.path("callStatus").asString()).isEqualTo("NO_ANSWER");
        assertThat(restaurant.has("connectedTimestamp")).isFalse();
        assertThat(restaurant.path("callDuration").asInt()).isZero();
        assertThat(restaurant.path("destination").asString()).isEqualTo(restaurantOf("+34600100003"));
        assertThat(view.path("bridge").path("callStatus").asString()).isEqualTo("NO_ANSWER");
    }

    @Test
    void aGuestPressingNineInAConfirmationCallIsBridgedToARestaurantSwitchedOffByNumber() {
        String guest = "+34600100004";
        http.put()
                .uri("/sandbox/guests/" + guest)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"behaviour\": \"PRESSES_9\"}")
                .exchange()
                .expectStatus()
                .isOk();
        http.put()
                .uri("/sandbox/restaurants/" + restaurantOf(guest))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"answers\": false}")
                .exchange()
                .expectStatus()
                .isOk();
        String session = (String) http.post()
                .uri("/api/v1/subaccounts/luigis_voice/callflows")
                .header("Authorization", "Bearer key-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(EightByEightSandboxTest.confirmation(guest))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("sessionId");
        JsonNode view = ended("/sandbox/calls/" + session);

        List<Webhook> webhooks = webhooksOf(session);
        assertThat(webhooks).extracting(Webhook::path).containsExactly("/vca", "/vss");
        assertThat(payload(webhooks.get(0)).path("eventData").path("dtmf").asString())
                .isEqualTo("9");
        JsonNode summary = payload(webhooks.get(1));
        assertThat(summary.path("clientRequestId").asString()).isEqualTo("c-1");
        assertThat(summary.path("details").path("callA").path("callDirection").asString())
                .isEqualTo("OUTBOUND");
        assertThat(summary.path("details").path("callA").path("callStatus").asString())
                .isEqualTo("COMPLETED");
        assertThat(summary.path("details").path("callB").path("callStatus").asString())
                .isEqualTo("NO_ANSWER");
        assertThat(view.path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(view.path("bridge").path("destination").asString()).isEqualTo(restaurantOf(guest));
        // An outbound session is not an inbound call.
        http.get()
                .uri("/sandbox/inbound-calls/" + session)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void callReceivedInTheCallStatusShapeIsDeliveredTwiceAndACallerWhoPressesNothingSendsANoInputVca() {
        String session = place("{\"from\": \"34600100005\", \"to\": \"" + MENU_NUMBER + "\", \"digits\": [],"
                + " \"shape\": \"CALL_STATUS\", \"duplicate\": true}");
        JsonNode view = ended("/sandbox/inbound-calls/" + session);

        List<Webhook> webhooks = webhooksOf(session);
        assertThat(webhooks).extracting(Webhook::path).containsExactly("/vca", "/vca", "/vca", "/vca", "/vss", "/vss");
        // A redelivery: the very same event, twice.
        assertThat(webhooks.get(1).body()).isEqualTo(webhooks.get(0).body());
        JsonNode received = JSON.readTree(webhooks.get(0).body());
        assertThat(received.path("eventType").asString()).isEqualTo("CALL_STATUS");
        assertThat(received.path("description").asString()).isEqualTo("Status update of a call");
        assertThat(received.path("payload").path("callStatus").asString()).isEqualTo("CALL_RECEIVED");
        assertThat(received.path("payload").path("source").asString()).isEqualTo("+34600100005");
        assertThat(received.path("payload").has("eventData")).isFalse();
        JsonNode noInput = payload(webhooks.get(2));
        assertThat(noInput.path("eventData").has("dtmf")).isTrue();
        assertThat(noInput.path("eventData").path("dtmf").isNull()).isTrue();
        assertThat(noInput.path("clientActionId").asString()).isEqualTo("menu:booking-42");
        assertThat(webhooks.get(5).body()).isEqualTo(webhooks.get(4).body());
        assertThat(view.path("shape").asString()).isEqualTo("CALL_STATUS");
        assertThat(view.path("duplicate").asBoolean()).isTrue();
        assertThat(view.path("webhooks")).hasSize(6);
    }

    @Test
    void refusesACallNobodyCouldPlace() {
        for (String bad : List.of(
                "{\"from\": \"12ab\", \"to\": \"" + MENU_NUMBER + "\"}",
                "{\"from\": \"+34600100006\", \"to\": \"+34910009999\"}",
                "{\"from\": \"+34600100006\", \"to\": \"" + MENU_NUMBER + "\", \"digits\": [\"x\"]}",
                "{\"from\": \"+34600100006\", \"to\": \"" + MENU_NUMBER + "\", \"digits\": \"1\"}",
                "{\"from\": \"+34600100006\", \"to\": \"" + MENU_NUMBER + "\", \"shape\": \"CALL_UPDATED\"}",
                "{\"from\": \"+34600100006\", \"to\": \"" + MENU_NUMBER + "\", \"duplicate\": \"yes\"}")) {
            http.post()
                    .uri("/sandbox/inbound-calls")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(bad)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.error")
                    .exists();
        }
        assertThat(received).noneMatch(w -> w.body().contains("+34600100006"));
        http.get()
                .uri("/sandbox/inbound-calls/no-such-session")
                .exchange()
                .expectStatus()
                .isNotFound();
        http.put()
                .uri("/sandbox/restaurants/+34700100006")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"answers\": \"no\"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
