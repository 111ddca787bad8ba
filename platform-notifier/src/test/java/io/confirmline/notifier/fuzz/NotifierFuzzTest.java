package io.confirmline.notifier.fuzz;

import static io.confirmline.notifier.NotifierTestSupport.ADMIN;
import static io.confirmline.notifier.NotifierTestSupport.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.Topics;
import io.confirmline.notifier.NotifierTestSupport;
import io.confirmline.notifier.PlatformStub;
import io.confirmline.testing.TestInfrastructure;
import io.confirmline.testing.fuzz.ErrorLog;
import io.confirmline.testing.fuzz.Fuzz;
import io.confirmline.testing.fuzz.HostileClient;
import io.confirmline.testing.fuzz.HostileClient.Answer;
import io.confirmline.testing.fuzz.HostileInput;
import io.confirmline.testing.fuzz.HostileRequest;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
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
class NotifierFuzzTest {

    static final String OTHER_API_KEY = "marios-api-key-0123456789";
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
            kafka.send(Topics.CALL_STATUS.name(), reservation, NotifierTestSupport.change(i % 4 == 0 ? "marios" : "luigis",
                    reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        }
        kafka.flush();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/api/deliveries?status=DEAD").header("Authorization", "Bearer " + API_KEY).exchange()
                        .expectBody().jsonPath("$.length()").isEqualTo(15));
        List<String> deliveryIds = new ArrayList<>();
        for (String key : List.of(API_KEY, OTHER_API_KEY)) {
            http.get().uri("/api/deliveries").header("Authorization", "Bearer " + key).exchange()
                    .expectBody().jsonPath("$[*].id").value(ids -> ((List<?>) ids).forEach(id -> deliveryIds.add((String) id)));
        }
        assertThat(deliveryIds).hasSize(20);

        long seed = Fuzz.seed();
        System.out.println("NotifierFuzzTest: " + Fuzz.tries() + " requests per route, -Dconfirmline.fuzz.seed=" + seed);
        Random random = new Random(seed);
        long started = System.nanoTime();
        List<Answer> answers = new ArrayList<>();
        try (ErrorLog errors = ErrorLog.attach();
                HostileClient client = new HostileClient("http://localhost:" + port, 32)) {
            // Headers and bodies are the costly part to generate (two cores build and serve all this): one set is
            // generated and each route's requests wear it, with targets and methods of their own.
            List<Decoration> decorations = Fuzz.sample(decorations(), Fuzz.tries(), random);
            for (Arbitrary<Target> route : List.of(list(reservations), replay(deliveryIds), enable())) {
                answers.addAll(client.sendAll(requests(route, decorations, client, random)));
            }
            List<String> violations = answers.stream()
                    .map(answer -> answer.violation() == null ? null : answer.violation() + ":\n" + answer.describe())
                    .filter(Objects::nonNull).toList();
            assertThat(violations).as("seed " + seed + "; first of " + violations.size() + " failures").isEmpty();
            assertThat(errors.lines()).as("ERROR lines logged (seed " + seed + ")").isEmpty();
        }
        assertThat(answers).hasSizeGreaterThanOrEqualTo(3 * Fuzz.tries());
        System.out.println("NotifierFuzzTest: " + answers.size() + " requests in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, statuses " + answers.stream()
                .collect(Collectors.groupingBy(Answer::status, java.util.TreeMap::new, Collectors.counting())));
        assertThat(answers).as("some requests are valid").anyMatch(answer -> answer.status() == 200)
                .anyMatch(answer -> answer.status() == 204);
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    /** What the fuzzer found (a 500 each): PostgreSQL text cannot hold NUL, so such values are refused up front. */
    @Test
    void aNulCharacterInAnIdIsA400() {
        for (String parameter : List.of("reservationId", "messageId")) {
            http.get().uri(uri -> uri.path("/api/deliveries").queryParam(parameter, "{id}").build("r-1\u0000x"))
                    .header("Authorization", "Bearer " + API_KEY)
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.detail").isEqualTo(parameter + " must not contain NUL characters");
        }
        http.post().uri("/api/endpoints/{tenant}/enable", "luigis\u0000").header("Authorization", "Bearer " + ADMIN)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("tenantId must not contain NUL characters");
    }

    /** {@code GET /api/deliveries} with any mix of its query parameters, good and bad. */
    static Arbitrary<Target> list(List<String> reservations) {
        Arbitrary<String> status = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("PENDING", "SUCCEEDED", "DEAD")),
                Tuple.of(1, Arbitraries.of("pending", "LOST", "", "DEAD,PENDING", "%00", "%C3%28")),
                // Below Netty's own request-line limit, which answers with a bare 414 (README, "Errors").
                Tuple.of(1, HostileInput.strings().filter(text -> text.length() < 300).map(HostileInput::encode)));
        Arbitrary<String> subject = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(reservations)),
                Tuple.of(2, HostileInput.idSegments()));
        Arbitrary<String> limit = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-5, 1_005).map(String::valueOf)),
                Tuple.of(2, Arbitraries.of("0", "1000", "1001", "99999999999", "-2147483649", "1e3", "1.5", "abc", "",
                        "%20", "0x10", "+5", "%00")),
                Tuple.of(1, HostileInput.numbers().map(io.confirmline.testing.fuzz.Json::write).map(HostileInput::encode)));
        Arbitrary<Map.Entry<String, String>> parameter = Arbitraries.frequencyOf(
                Tuple.of(3, status.map(v -> entry("status", v))),
                Tuple.of(3, subject.map(v -> entry("reservationId", v))),
                Tuple.of(1, subject.map(v -> entry("messageId", v))),
                Tuple.of(3, limit.map(v -> entry("limit", v))),
                Tuple.of(1, Combinators.combine(HostileInput.idSegments(), HostileInput.idSegments()).as(NotifierFuzzTest::entry)));
        Arbitrary<String> query = parameter.list().ofMaxSize(5).map(parameters -> parameters.isEmpty() ? ""
                : "?" + parameters.stream().map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining("&")));
        return targets("GET", query.map(q -> "/api/deliveries" + q), "/api/deliveries");
    }

    /** {@code POST /api/deliveries/{id}/replay} with real, unknown and garbage ids. */
    static Arbitrary<Target> replay(List<String> deliveryIds) {
        Arbitrary<String> id = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(deliveryIds)),
                Tuple.of(2, HostileInput.idSegments()));
        return targets("POST", id.map(i -> "/api/deliveries/" + i + "/replay"), "/api/deliveries/" + deliveryIds.get(0) + "/replay");
    }

    /** {@code POST /api/endpoints/{tenantId}/enable} with real, unknown and garbage tenant ids. */
    static Arbitrary<Target> enable() {
        Arbitrary<String> tenant = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("luigis", "marios", "nobody")),
                Tuple.of(2, HostileInput.idSegments()));
        return targets("POST", tenant.map(t -> "/api/endpoints/" + t + "/enable"), "/api/endpoints/luigis/enable");
    }

    /** What a route's requests are sent to: mostly the route's own method and path, anything else now and then. */
    record Target(String method, String path) {
    }

    /** Everything of a request but its target: any auth, headers and body. */
    record Decoration(String authorization, String contentType, String accept, List<Map.Entry<String, String>> odd,
            byte[] body) {
    }

    static Arbitrary<Target> targets(String routeMethod, Arbitrary<String> paths, String plainPath) {
        Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(routeMethod)),
                Tuple.of(1, HostileInput.methods()));
        Arbitrary<String> path = Arbitraries.frequencyOf(Tuple.of(9, paths),
                Tuple.of(1, HostileInput.mangledPaths(plainPath)));
        return Combinators.combine(method, path).as(Target::new);
    }

    static Arbitrary<Decoration> decorations() {
        Arbitrary<String> authorization = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("Bearer " + API_KEY)),
                Tuple.of(4, Arbitraries.just("Bearer " + ADMIN)),
                Tuple.of(1, Arbitraries.just("Bearer " + OTHER_API_KEY)),
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.of("Bearer", "Bearer ", "bearer " + ADMIN, "Bearer  " + API_KEY + " ",
                        "Bearer " + API_KEY.toUpperCase(), "Basic dXNlcjpwYXNz", "", "Bearer " + "x".repeat(9_000),
                        "Bearer " + ADMIN.substring(1), ADMIN, "Bearer " + API_KEY + "," + ADMIN)));
        // The routes read no body; one now and then still has to be refused or ignored cleanly.
        Arbitrary<byte[]> body = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(null)),
                Tuple.of(1, HostileInput.bodies()));
        Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(null)),
                Tuple.of(1, HostileInput.contentTypes()));
        return Combinators.combine(authorization, contentType, HostileInput.accepts(), HostileInput.oddHeaders(), body)
                .as(Decoration::new);
    }

    /** {@link Fuzz#tries()} requests to one route that the client can put on the wire. */
    static List<HostileRequest> requests(Arbitrary<Target> route, List<Decoration> decorations, HostileClient client,
            Random random) {
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
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (decoration.authorization() != null) {
            headers.add(entry("Authorization", decoration.authorization()));
        }
        if (decoration.contentType() != null) {
            headers.add(entry("Content-Type", decoration.contentType()));
        }
        if (decoration.accept() != null) {
            headers.add(entry("Accept", decoration.accept()));
        }
        headers.addAll(decoration.odd());
        return new HostileRequest(target.method(), target.path(), headers, decoration.body());
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new AbstractMap.SimpleEntry<>(name, value);
    }
}
