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
package io.confirmline.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.Topics;
import io.confirmline.notifier.delivery.Delivery;
import io.confirmline.notifier.delivery.DeliveryStore;
import io.confirmline.tenant.TenantDirectory;
import io.confirmline.tenant.testing.TestTenantPublisher;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Platforms do not slow each other down: a dead one is cut off by its breaker, a gone one (410) is disabled; a
 * tenant deleted while its deliveries are pending costs them nothing unless it never comes back.
 */
// About 30 s of breakers and timeouts: .ci/run runs it after verify, kept under 15 minutes (README "Tests")
@Tag("long")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@AutoConfigureMetrics
class EndpointIsolationComponentTest {

    static final PlatformStub healthy = new PlatformStub();
    static final PlatformStub dead = new PlatformStub();
    static final PlatformStub gone = new PlatformStub();
    static final PlatformStub deleted = new PlatformStub();

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
        deleted.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    WebTestClient http;

    @Autowired
    TestTenantPublisher tenants;

    @Autowired
    TenantDirectory directory;

    @Autowired
    DeliveryStore store;

    @Test
    void aDeadPlatformIsCutOffByItsBreakerAndTheOthersAreServedMeanwhile() {
        for (int i = 0; i < 30; i++) {
            String reservation = "dead-" + UUID.randomUUID();
            // Every answer from the dead platform comes after the 1 s timeout.
            dead.plan(
                    reservation,
                    new PlatformStub.Plan(200, Duration.ofSeconds(3), Map.of()),
                    new PlatformStub.Plan(200, Duration.ofSeconds(3), Map.of()),
                    new PlatformStub.Plan(200, Duration.ofSeconds(3), Map.of()));
            kafka.send(
                    Topics.CALL_STATUS.name(),
                    reservation,
                    NotifierTestSupport.change("deadco", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        }
        List<String> healthyReservations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String reservation = "ok-" + UUID.randomUUID();
            healthyReservations.add(reservation);
            kafka.send(
                    Topics.CALL_STATUS.name(),
                    reservation,
                    NotifierTestSupport.change("luigis", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        }
        kafka.flush();

        Awaitility.await()
                .atMost(Duration.ofSeconds(45))
                .until(() -> healthyReservations.stream()
                        .allMatch(r -> !healthy.receivedFor(r).isEmpty()));
        Awaitility.await()
                .atMost(Duration.ofSeconds(45))
                .untilAsserted(
                        () -> http.get()
                                .uri("/actuator/prometheus")
                                .exchange()
                                .expectBody(String.class)
                                .value(
                                        body -> assertThat(body)
                                                .contains(
                                                        "confirmline_notifier_deliveries_total{application=\"platform-notifier\",outcome=\"postponed\"}")));
        int attemptsAtDeadPlatform = dead.received().size();
        assertThat(attemptsAtDeadPlatform)
                .as("the breaker stopped sending after a few timeouts")
                .isLessThan(30);
        http.get()
                .uri("/api/deliveries?status=PENDING")
                .header("Authorization", "Bearer deadco-api-key-0123456789")
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(30);
    }

    @Test
    void aPlatformAnswering410IsDisabledUntilAnOperatorEnablesIt() {
        String first = "gone-" + UUID.randomUUID();
        String second = "gone-" + UUID.randomUUID();
        gone.plan(first, PlatformStub.Plan.status(410));
        kafka.send(
                Topics.CALL_STATUS.name(),
                first,
                NotifierTestSupport.change("goneco", first, CallStatus.DIALING, CallStatus.CONFIRMED));
        Awaitility.await()
                .atMost(Duration.ofSeconds(45))
                .until(() -> gone.receivedFor(first).size() == 1);
        kafka.send(
                Topics.CALL_STATUS.name(),
                second,
                NotifierTestSupport.change("goneco", second, CallStatus.DIALING, CallStatus.CONFIRMED));

        Awaitility.await()
                .pollDelay(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(gone.receivedFor(second))
                        .as("nothing is sent to a disabled endpoint")
                        .isEmpty());
        http.get()
                .uri("/api/deliveries?reservationId=" + first)
                .header("Authorization", "Bearer goneco-api-key-0123456789")
                .exchange()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("DEAD")
                .jsonPath("$[0].lastError")
                .isEqualTo("410 Gone: endpoint disabled");

        http.post()
                .uri("/api/endpoints/goneco/enable")
                .header("Authorization", "Bearer " + NotifierTestSupport.ADMIN)
                .exchange()
                .expectStatus()
                .isNoContent();
        Awaitility.await()
                .atMost(Duration.ofSeconds(45))
                .until(() -> gone.receivedFor(second).size() == 1);
    }

    @Test
    void aDeliveryWhoseTenantIsDeletedWaitsOnTheScheduleForItsReturnAndIsDeadLetteredIfItNeverComesBack()
            throws Exception {
        String returning = queuedBehindA410("backco");
        String abandoned = queuedBehindA410("leftco");
        tenants.remove("backco");
        tenants.remove("leftco");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> directory.byId("backco").isEmpty()
                        && directory.byId("leftco").isEmpty());
        for (String tenant : List.of("backco", "leftco")) {
            http.post()
                    .uri("/api/endpoints/" + tenant + "/enable")
                    .header("Authorization", "Bearer " + NotifierTestSupport.ADMIN)
                    .exchange()
                    .expectStatus()
                    .isNoContent();
        }

        // Attempted without its tenant: nothing sent, the delivery waits for the next attempt on the schedule.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> pending("backco", returning)
                        .filter(d -> d.attempts() >= 1
                                && "Tenant unknown: backco is not in the tenant directory".equals(d.lastError()))
                        .isPresent());
        tenants.publish(NotifierTestSupport.tenant(
                "backco", deleted.url(), "backco-api-key-0123456789", true, NotifierTestSupport.SECRET));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> deleted.receivedFor(returning).size() == 2);
        assertThat(deleted.receivedFor(returning).get(1).answered()).isEqualTo(200);
        PlatformNotifierComponentTest.signatureVerifies(
                deleted.receivedFor(returning).get(1));

        // Never back: every attempt on the schedule (10) finds no tenant, then the delivery is dead-lettered.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(store.list("leftco", Delivery.DEAD, abandoned, 10)
                                .collectList()
                                .block(Duration.ofSeconds(5)))
                        .anySatisfy(d -> {
                            assertThat(d.lastError())
                                    .isEqualTo("Tenant unknown: leftco is not in the tenant directory");
                            assertThat(d.attempts()).isEqualTo(10);
                        }));
        assertThat(deleted.receivedFor(abandoned)).as("only the 410 went out").hasSize(1);
    }

    /**
     * A tenant whose endpoint answered 410 (so is disabled) with a second change of the same reservation queued
     * behind: that delivery is pending, and not yet attempted, whatever happens to the tenant next.
     */
    private String queuedBehindA410(String tenantId) {
        tenants.publish(NotifierTestSupport.tenant(
                tenantId, deleted.url(), tenantId + "-api-key-0123456789", true, NotifierTestSupport.SECRET));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> directory.byId(tenantId).isPresent());
        String reservation = tenantId + "-" + UUID.randomUUID();
        deleted.plan(reservation, PlatformStub.Plan.status(410));
        kafka.send(
                Topics.CALL_STATUS.name(),
                reservation,
                NotifierTestSupport.change(tenantId, reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        kafka.send(
                Topics.CALL_STATUS.name(),
                reservation,
                NotifierTestSupport.change(tenantId, reservation, CallStatus.CONFIRMED, CallStatus.CONFIRMED));
        kafka.flush();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> store.list(tenantId, Delivery.DEAD, reservation, 10)
                                .hasElements()
                                .block(Duration.ofSeconds(5))
                        && pending(tenantId, reservation).isPresent());
        return reservation;
    }

    private java.util.Optional<Delivery> pending(String tenantId, String reservation) {
        return store.list(tenantId, Delivery.PENDING, reservation, 10).next().blockOptional(Duration.ofSeconds(5));
    }
}
