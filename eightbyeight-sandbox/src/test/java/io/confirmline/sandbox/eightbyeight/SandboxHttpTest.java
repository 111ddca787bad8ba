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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one sandbox context the sandbox's tests share (voice and SMS), with a local webhook receiver that records
 * every webhook. Its loop is a daemon: it lives as long as the test JVM, as the cached context does.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "sandbox.ring-time=100ms", "sandbox.speech-time=100ms", "sandbox.reaction-time=50ms",
            "sandbox.held-answer-time=1s", "sandbox.sms.receipt-time=50ms", "sandbox.sms.reply-time=100ms",
            "sandbox.sms.retry-delays=100ms,200ms", "sandbox.sms.webhook-timeout=2s"
        })
@AutoConfigureWebTestClient
abstract class SandboxHttpTest {

    record Webhook(String path, String authorization, String body) {}

    static final String SMS_ACCOUNT = "6f1c2a9e-0b7d-4c3e-9a51-2d8f0e4b7c11";
    static final String OTHER_SMS_ACCOUNT = "0b8e4d2c6a1f4e3b8c7d9a5e1f2b3c4d";

    static final List<Webhook> received = new CopyOnWriteArrayList<>();
    /** Paths that answered 500 once already: {@code /flaky...} fails the first time, then answers 200. */
    static final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    static final LoopResources loops = LoopResources.create("webhooks", 1, true);
    /**
     * Answers webhooks as our ingress would, simplified: an inbound call to {@link #MENU_NUMBER} hears a menu (its level
     * in the reply's clientActionId), one to {@link #PUT_THROUGH_NUMBER} is bridged to the restaurant at once; "9"
     * is bridged too, "7" is asked again, anything else gets a goodbye and hangup. A caller's restaurant is
     * {@link #restaurantOf} the guest's number.
     */
    static final DisposableServer receiver = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .runOn(loops)
            .handle((request, response) -> request.receive()
                    .aggregate()
                    .asString(StandardCharsets.UTF_8)
                    .defaultIfEmpty("")
                    .flatMap(body -> {
                        received.add(new Webhook(
                                request.uri(), request.requestHeaders().get("Authorization"), body));
                        if (request.uri().startsWith("/flaky") && failedOnce.add(request.uri())) {
                            return response.status(500).send().then();
                        }
                        return response.header("Content-Type", "application/json")
                                .sendString(Mono.just(reply(body)))
                                .then();
                    }))
            .bindNow();

    static final String MENU_NUMBER = "+34910000001";
    static final String PUT_THROUGH_NUMBER = "+34910000002";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The restaurant a guest's call is put through to: +347 and the guest number's last eight digits. */
    static String restaurantOf(String guest) {
        return "+347" + guest.substring(guest.length() - 8);
    }

    private static String reply(String body) {
        JsonNode payload = body.startsWith("{") ? JSON.readTree(body).path("payload") : null;
        if (payload == null || !payload.has("callStatus")) {
            return "{}";
        }
        boolean inbound = "INBOUND".equals(payload.path("callDirection").asString(""));
        String virtualNumber = payload.path(inbound ? "destination" : "source").asString("");
        String restaurant =
                restaurantOf(payload.path(inbound ? "source" : "destination").asString(""));
        String putThrough = "{\"action\":\"makeCall\",\"params\":{\"source\":\"" + virtualNumber
                + "\",\"destination\":\"" + restaurant + "\"}}";
        if ("CALL_RECEIVED".equals(payload.path("callStatus").asString(""))) {
            return PUT_THROUGH_NUMBER.equals(virtualNumber)
                    ? "{\"clientActionId\":\"put-through\",\"callflow\":[" + putThrough + "]}"
                    : "{\"clientActionId\":\"menu:booking-42\",\"callflow\":[{\"action\":\"sayAndCapture\",\"params\":"
                            + "{\"promptMessage\":\"Hello Ana, press 1 to confirm, 0 to cancel, 9 for the restaurant\","
                            + "\"voiceProfile\":\"v\",\"minDigits\":1,\"maxDigits\":1}}]}";
        }
        String dtmf = payload.path("eventData").path("dtmf").asString("");
        return switch (dtmf) {
            case "7" ->
                "{\"callflow\":[{\"action\":\"sayAndCapture\",\"params\":{\"promptMessage\":\"Again\",\"voiceProfile\":\"v\"}}]}";
            case "9" ->
                "{\"callflow\":[{\"action\":\"say\",\"params\":{\"text\":\"Putting you through\",\"voiceProfile\":\"v\"}},"
                        + putThrough + "]}";
            default ->
                "{\"callflow\":[{\"action\":\"say\",\"params\":{\"text\":\"Bye\",\"voiceProfile\":\"v\"}},{\"action\":\"hangup\"}]}";
        };
    }

    @DynamicPropertySource
    static void subaccounts(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + receiver.port();
        registry.add("sandbox.subaccounts[0].id", () -> "luigis_voice");
        registry.add("sandbox.subaccounts[0].api-key", () -> "key-1");
        registry.add("sandbox.subaccounts[0].vca-url", () -> base + "/vca");
        registry.add("sandbox.subaccounts[0].vss-url", () -> base + "/vss");
        registry.add("sandbox.subaccounts[0].webhook-authorization", () -> "webhook-secret");
        registry.add("sandbox.subaccounts[0].numbers", () -> MENU_NUMBER + "," + PUT_THROUGH_NUMBER.substring(1));
        // A subaccount of its own for the webhook API test: what it registers changes where its calls go.
        registry.add("sandbox.subaccounts[1].id", () -> "hooks_voice");
        registry.add("sandbox.subaccounts[1].api-key", () -> "key-2");
        registry.add("sandbox.subaccounts[1].vca-url", () -> base + "/vca");
        registry.add("sandbox.subaccounts[1].vss-url", () -> base + "/vss");
        registry.add("sandbox.subaccounts[1].webhook-authorization", () -> "portal-secret");
        // SMS: two subaccounts in one account with portal-set webhooks, and another account for registrations.
        sms(registry, 0, "luigis_sms", SMS_ACCOUNT, "sms-key-1", "+34910000099", base);
        sms(registry, 1, "luigis_promo", SMS_ACCOUNT, "sms-key-1", "+34910000098", base);
        sms(registry, 2, "other_sms", OTHER_SMS_ACCOUNT, "sms-key-2", "+34910000097", null);
    }

    private static void sms(
            DynamicPropertyRegistry registry,
            int i,
            String id,
            String account,
            String key,
            String number,
            String base) {
        String at = "sandbox.sms.subaccounts[" + i + "].";
        registry.add(at + "id", () -> id);
        registry.add(at + "account-id", () -> account);
        registry.add(at + "api-key", () -> key);
        registry.add(at + "numbers", () -> number);
        if (base != null) {
            registry.add(at + "mo-url", () -> base + "/mo");
            registry.add(at + "dr-url", () -> base + "/dr");
            registry.add(at + "webhook-authorization", () -> "portal-sms-secret");
        }
    }

    @Autowired
    WebTestClient http;
}
