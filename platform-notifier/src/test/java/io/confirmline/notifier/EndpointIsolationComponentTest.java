package io.confirmline.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.Topics;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Platforms do not slow each other down: a dead one is cut off by its breaker, a gone one (410) is disabled. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@AutoConfigureMetrics
class EndpointIsolationComponentTest {

    static final PlatformStub healthy = new PlatformStub();
    static final PlatformStub dead = new PlatformStub();
    static final PlatformStub gone = new PlatformStub();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        for (String property : NotifierTestSupport.properties(healthy.url(), "0s,1s,1s,1s,1s,1s,1s,1s,1s,1s")) {
            String[] kv = property.split("=", 2);
            registry.add(kv[0], () -> kv[1]);
        }
        tenant(registry, 1, "deadco", dead.url());
        tenant(registry, 2, "goneco", gone.url());
        registry.add("confirmline.notifier.breaker.window", () -> "4");
        registry.add("confirmline.notifier.breaker.open-for", () -> "30s");
        registry.add("confirmline.notifier.concurrency", () -> "8");
    }

    static void tenant(DynamicPropertyRegistry registry, int index, String id, String url) {
        registry.add("confirmline.tenants[" + index + "].id", () -> id);
        registry.add("confirmline.tenants[" + index + "].callback-url", () -> url);
        registry.add("confirmline.tenants[" + index + "].signing-secrets[0]", () -> NotifierTestSupport.SECRET);
        registry.add("confirmline.tenants[" + index + "].platform-api-key", () -> id + "-api-key-0123456789");
    }

    @AfterAll
    static void stopPlatforms() {
        healthy.close();
        dead.close();
        gone.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    WebTestClient http;

    @Test
    void aDeadPlatformIsCutOffByItsBreakerAndTheOthersAreServedMeanwhile() {
        List<String> deadReservations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String reservation = "dead-" + UUID.randomUUID();
            deadReservations.add(reservation);
            // Every answer from the dead platform comes after the 1 s timeout.
            dead.plan(reservation, new PlatformStub.Plan(200, Duration.ofSeconds(3), Map.of()),
                    new PlatformStub.Plan(200, Duration.ofSeconds(3), Map.of()),
                    new PlatformStub.Plan(200, Duration.ofSeconds(3), Map.of()));
            kafka.send(Topics.CALL_STATUS.name(), reservation,
                    NotifierTestSupport.change("deadco", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        }
        List<String> healthyReservations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String reservation = "ok-" + UUID.randomUUID();
            healthyReservations.add(reservation);
            kafka.send(Topics.CALL_STATUS.name(), reservation,
                    NotifierTestSupport.change("luigis", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        }
        kafka.flush();

        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() ->
                healthyReservations.stream().allMatch(r -> !healthy.receivedFor(r).isEmpty()));
        Awaitility.await().atMost(Duration.ofSeconds(45)).untilAsserted(() ->
                http.get().uri("/actuator/prometheus").exchange().expectBody(String.class).value(body ->
                        assertThat(body).contains("confirmline_notifier_deliveries_total{application=\"platform-notifier\",outcome=\"postponed\"}")));
        int attemptsAtDeadPlatform = dead.received().size();
        assertThat(attemptsAtDeadPlatform).as("the breaker stopped sending after a few timeouts")
                .isLessThan(30);
        http.get().uri("/api/deliveries?status=PENDING").header("Authorization", "Bearer deadco-api-key-0123456789")
                .exchange().expectBody().jsonPath("$.length()").isEqualTo(30);
    }

    @Test
    void aPlatformAnswering410IsDisabledUntilAnOperatorEnablesIt() {
        String first = "gone-" + UUID.randomUUID();
        String second = "gone-" + UUID.randomUUID();
        gone.plan(first, PlatformStub.Plan.status(410));
        kafka.send(Topics.CALL_STATUS.name(), first,
                NotifierTestSupport.change("goneco", first, CallStatus.DIALING, CallStatus.CONFIRMED));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> gone.receivedFor(first).size() == 1);
        kafka.send(Topics.CALL_STATUS.name(), second,
                NotifierTestSupport.change("goneco", second, CallStatus.DIALING, CallStatus.CONFIRMED));

        Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(gone.receivedFor(second)).as("nothing is sent to a disabled endpoint").isEmpty());
        http.get().uri("/api/deliveries?reservationId=" + first).header("Authorization", "Bearer goneco-api-key-0123456789")
                .exchange().expectBody().jsonPath("$[0].status").isEqualTo("DEAD")
                .jsonPath("$[0].lastError").isEqualTo("410 Gone: endpoint disabled");

        http.post().uri("/api/endpoints/goneco/enable").header("Authorization", "Bearer " + NotifierTestSupport.ADMIN)
                .exchange().expectStatus().isNoContent();
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> gone.receivedFor(second).size() == 1);
    }
}
