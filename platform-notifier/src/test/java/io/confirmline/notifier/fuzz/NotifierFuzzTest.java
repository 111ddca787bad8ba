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
package io.confirmline.notifier.fuzz;

import static io.confirmline.notifier.NotifierTestSupport.ADMIN;
import static io.confirmline.notifier.NotifierTestSupport.API_KEY;
import static io.confirmline.testing.fuzz.Gen.weight;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.Topics;
import io.confirmline.notifier.NotifierTestSupport;
import io.confirmline.notifier.PlatformStub;
import io.confirmline.testing.TestInfrastructure;
import io.confirmline.testing.fuzz.ErrorLog;
import io.confirmline.testing.fuzz.Fuzz;
import io.confirmline.testing.fuzz.Gen;
import io.confirmline.testing.fuzz.HostileClient;
import io.confirmline.testing.fuzz.HostileClient.Answer;
import io.confirmline.testing.fuzz.HostileInput;
import io.confirmline.testing.fuzz.HostileRequest;
import io.confirmline.testing.fuzz.Json;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Hostile requests, {@link Fuzz#tries()} to each route of the notifier's API, over real HTTP to the notifier on
 * the real broker and PostgreSQL, with real deliveries to list and replay: whatever arrives, no 5xx, every refusal
 * a problem+json with its status, no ERROR line in the log, and the service healthy afterwards.
 * {@code -Dconfirmline.fuzz.tries=100000} runs longer; a failure prints the seed ({@code -Dconfirmline.fuzz.seed=...}
 * repeats the run) and the requests that failed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Tag("long") // its own Spring context and a long run of hostile requests: run by .ci/run after verify (README "Tests")
class NotifierFuzzTest {

    static final String OTHER_API_KEY = "marios-api-key-0123456789";
    static final String NUL_REFUSED = "The request path or query contains a NUL character";
    static final PlatformStub platform = new PlatformStub();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        // One attempt, then dead: replays always find dead deliveries to put back, and the platform says 503.
        for (String property : NotifierTestSupport.properties(platform.url(), "0s")) {
            String[] kv = property.split("=", 2);
            registry.add(kv[0], () -> kv[1]);
        }
        registry.add("confirmline.tenants[1].id", () -> "marios");
        registry.add("confirmline.tenants[1].callback-url", platform::url);
        registry.add("confirmline.tenants[1].signing-secrets[0]", () -> NotifierTestSupport.SECRET);
        registry.add("confirmline.tenants[1].platform-api-key", () -> OTHER_API_KEY);
        platform.failRandomly(1.0);
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Test
    void noHostileRequestGetsA5xxOrAnErrorLineAndTheNotifierStaysHealthy() throws Exception {
        List<String> reservations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String reservation = "r-" + UUID.randomUUID();
            reservations.add(reservation);
            kafka.send(
                    Topics.CALL_STATUS.name(),
                    reservation,
                    NotifierTestSupport.change(
                            i % 4 == 0 ? "marios" : "luigis", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        }
        kafka.flush();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> http.get()
                        .uri("/api/deliveries?status=DEAD")
                        .header("Authorization", "Bearer " + API_KEY)
                        .exchange()
                        .expectBody()
                        .jsonPath("$.length()")
                        .isEqualTo(15));
        List<String> deliveryIds = new ArrayList<>();
        for (String key : List.of(API_KEY, OTHER_API_KEY)) {
            http.get()
                    .uri("/api/deliveries")
                    .header("Authorization", "Bearer " + key)
                    .exchange()
                    .expectBody()
                    .jsonPath("$[*].id")
                    .value(ids -> ((List<?>) ids).forEach(id -> deliveryIds.add((String) id)));
        }
        assertThat(deliveryIds).hasSize(20);

        long seed = Fuzz.seed();
        System.out.println(
                "NotifierFuzzTest: " + Fuzz.tries() + " requests per route, -Dconfirmline.fuzz.seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        long started = System.nanoTime();
        List<Answer> answers = new ArrayList<>();
        try (ErrorLog errors = ErrorLog.attach();
                HostileClient client = new HostileClient("http://localhost:" + port, 32)) {
            // Headers and bodies are the costly part to generate (two cores build and serve all this): one set is
            // generated and each route's requests wear it, with targets and methods of their own.
            List<Decoration> decorations = Fuzz.sample(decorations(), Fuzz.tries(), random);
            for (Gen<Target> route : List.of(list(reservations), replay(deliveryIds), enable())) {
                answers.addAll(client.sendAll(requests(route, decorations, client, random)));
            }
            List<String> violations = answers.stream()
                    .map(answer -> answer.violation() == null ? null : answer.violation() + ":\n" + answer.describe())
                    .filter(Objects::nonNull)
                    .toList();
            assertThat(violations)
                    .as("seed " + seed + "; first of " + violations.size() + " failures")
                    .isEmpty();
            // A kept-alive connection that stops being served (a known defect, README "Tests") is retried on a fresh
            // one;
            // how often is reported and bounded, and what the retry got is checked like any answer.
            long stalled = HostileClient.stalled(answers);
            System.out.println("NotifierFuzzTest: " + stalled + " of " + answers.size()
                    + " requests answered only on a fresh connection");
            assertThat(stalled)
                    .as("requests stalled on a kept-alive connection")
                    .isLessThanOrEqualTo(answers.size() / 100);
            assertThat(errors.lines())
                    .as("ERROR lines logged (seed " + seed + ")")
                    .isEmpty();
        }
        assertThat(answers).hasSizeGreaterThanOrEqualTo(3 * Fuzz.tries());
        System.out.println("NotifierFuzzTest: " + answers.size() + " requests in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, statuses "
                + answers.stream()
                        .collect(Collectors.groupingBy(Answer::status, java.util.TreeMap::new, Collectors.counting())));
        assertThat(answers)
                .as("some requests are valid")
                .anyMatch(answer -> answer.status() == 200)
                .anyMatch(answer -> answer.status() == 204);
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    /**
     * What the fuzzer found (a 500 each): PostgreSQL text cannot hold NUL, so such values are refused up front — by
     * the filter every service shares (kafka-support's {@code NulCharacterFilter}), before the notifier's own checks.
     */
    @Test
    void aNulCharacterInAnIdIsA400() {
        for (String parameter : List.of("reservationId", "messageId")) {
            http.get()
                    .uri(uri -> uri.path("/api/deliveries")
                            .queryParam(parameter, "{id}")
                            .build("r-1\u0000x"))
                    .header("Authorization", "Bearer " + API_KEY)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType("application/problem+json")
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo(NUL_REFUSED);
        }
        http.post()
                .uri("/api/endpoints/{tenant}/enable", "luigis\u0000")
                .header("Authorization", "Bearer " + ADMIN)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo(NUL_REFUSED);
    }

    /** {@code GET /api/deliveries} with any mix of its query parameters, good and bad. */
    static Gen<Target> list(List<String> reservations) {
        Gen<String> status = Gen.frequency(
                weight(4, Gen.of("PENDING", "SUCCEEDED", "DEAD")),
                weight(1, Gen.of("pending", "LOST", "", "DEAD,PENDING", "%00", "%C3%28")),
                // Below Netty's own request-line limit, which answers with a bare 414 (README, "Errors").
                weight(
                        1,
                        HostileInput.strings()
                                .filter(text -> text.length() < 300)
                                .map(HostileInput::encode)));
        Gen<String> subject = Gen.frequency(weight(3, Gen.of(reservations)), weight(2, HostileInput.idSegments()));
        Gen<String> limit = Gen.frequency(
                weight(3, Gen.ints(-5, 1_005).map(String::valueOf)),
                weight(
                        2,
                        Gen.of(
                                "0",
                                "1000",
                                "1001",
                                "99999999999",
                                "-2147483649",
                                "1e3",
                                "1.5",
                                "abc",
                                "",
                                "%20",
                                "0x10",
                                "+5",
                                "%00")),
                weight(1, HostileInput.numbers().map(Json::write).map(HostileInput::encode)));
        Gen<Map.Entry<String, String>> parameter = Gen.frequency(
                weight(3, status.map(v -> entry("status", v))),
                weight(3, subject.map(v -> entry("reservationId", v))),
                weight(1, subject.map(v -> entry("messageId", v))),
                weight(3, limit.map(v -> entry("limit", v))),
                weight(1, Gen.combine(HostileInput.idSegments(), HostileInput.idSegments(), NotifierFuzzTest::entry)));
        Gen<String> query = parameter
                .lists(5)
                .map(parameters -> parameters.isEmpty()
                        ? ""
                        : "?"
                                + parameters.stream()
                                        .map(p -> p.getKey() + "=" + p.getValue())
                                        .collect(Collectors.joining("&")));
        return targets("GET", query.map(q -> "/api/deliveries" + q), "/api/deliveries");
    }

    /** {@code POST /api/deliveries/{id}/replay} with real, unknown and garbage ids. */
    static Gen<Target> replay(List<String> deliveryIds) {
        Gen<String> id = Gen.frequency(weight(3, Gen.of(deliveryIds)), weight(2, HostileInput.idSegments()));
        return targets(
                "POST",
                id.map(i -> "/api/deliveries/" + i + "/replay"),
                "/api/deliveries/" + deliveryIds.get(0) + "/replay");
    }

    /** {@code POST /api/endpoints/{tenantId}/enable} with real, unknown and garbage tenant ids. */
    static Gen<Target> enable() {
        Gen<String> tenant =
                Gen.frequency(weight(3, Gen.of("luigis", "marios", "nobody")), weight(2, HostileInput.idSegments()));
        return targets("POST", tenant.map(t -> "/api/endpoints/" + t + "/enable"), "/api/endpoints/luigis/enable");
    }

    /** What a route's requests are sent to: mostly the route's own method and path, anything else now and then. */
    record Target(String method, String path) {}

    /** Everything of a request but its target: any auth, headers and body. */
    record Decoration(
            String authorization,
            String contentType,
            String accept,
            List<Map.Entry<String, String>> odd,
            byte[] body) {}

    static Gen<Target> targets(String routeMethod, Gen<String> paths, String plainPath) {
        return Gen.combine(HostileInput.methods(routeMethod), HostileInput.paths(paths, plainPath), Target::new);
    }

    static Gen<Decoration> decorations() {
        Gen<String> authorization = Gen.frequency(
                weight(4, Gen.just("Bearer " + API_KEY)),
                weight(4, Gen.just("Bearer " + ADMIN)),
                weight(1, Gen.just("Bearer " + OTHER_API_KEY)),
                weight(1, Gen.just(null)),
                weight(
                        1,
                        Gen.of(
                                "Bearer",
                                "Bearer ",
                                "bearer " + ADMIN,
                                "Bearer  " + API_KEY + " ",
                                "Bearer " + API_KEY.toUpperCase(Locale.ROOT),
                                "Basic dXNlcjpwYXNz",
                                "",
                                "Bearer " + "x".repeat(9_000),
                                "Bearer " + ADMIN.substring(1),
                                ADMIN,
                                "Bearer " + API_KEY + "," + ADMIN)));
        // The routes read no body; one now and then still has to be refused or ignored cleanly.
        Gen<byte[]> body = Gen.frequency(weight(6, Gen.just(null)), weight(1, HostileInput.bodies()));
        Gen<String> contentType = Gen.frequency(weight(3, Gen.just(null)), weight(1, HostileInput.contentTypes()));
        Gen<String> accept = HostileInput.accepts();
        Gen<List<Map.Entry<String, String>>> odd = HostileInput.oddHeaders();
        return random -> new Decoration(
                authorization.next(random),
                contentType.next(random),
                accept.next(random),
                odd.next(random),
                body.next(random));
    }

    /** {@link Fuzz#tries()} requests to one route that the client can put on the wire. */
    static List<HostileRequest> requests(
            Gen<Target> route, List<Decoration> decorations, HostileClient client, SplittableRandom random) {
        List<HostileRequest> requests = new ArrayList<>(decorations.size());
        int next = 0;
        while (requests.size() < decorations.size()) {
            for (Target target : Fuzz.sample(route, decorations.size() - requests.size(), random)) {
                HostileRequest request = request(target, decorations.get(next++ % decorations.size()));
                if (client.sendable(request)) {
                    requests.add(request);
                }
            }
        }
        return requests;
    }

    static HostileRequest request(Target target, Decoration decoration) {
        return HostileRequest.of(
                target.method(),
                target.path(),
                decoration.authorization(),
                decoration.contentType(),
                decoration.accept(),
                decoration.odd(),
                decoration.body());
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new AbstractMap.SimpleEntry<>(name, value);
    }
}
