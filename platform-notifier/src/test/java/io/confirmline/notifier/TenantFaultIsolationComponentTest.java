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
import io.confirmline.tenant.TenantDirectory;
import io.confirmline.tenant.testing.TestTenantPublisher;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One tenant whose webhooks cannot be prepared costs only its own deliveries: they are dead-lettered with the
 * reason, and every other tenant keeps receiving everything — well past the 32 attempts in flight that a failure
 * thrown while preparing used to leak, one slot each, until the worker stopped for every tenant. Tenant settings
 * change while the service runs ({@code tenants.v1}), so an unusable secret or URL is found at delivery time, not
 * at start-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TenantFaultIsolationComponentTest {

    static final int ROUNDS = 100;
    static final String BROKEN_API_KEY = "brokenco-api-key-0123456789";
    static final String BAD_SECRET = "whsec_not*base64!";
    static final PlatformStub healthy = new PlatformStub();
    static final PlatformStub broken = new PlatformStub();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        for (String property : NotifierTestSupport.properties(healthy.url())) {
            String[] kv = property.split("=", 2);
            registry.add(kv[0], () -> kv[1]);
        }
        registry.add("confirmline.tenants[1].id", () -> "brokenco");
        registry.add("confirmline.tenants[1].callback-url", broken::url);
        registry.add("confirmline.tenants[1].signing-secrets[0]", () -> NotifierTestSupport.SECRET);
        registry.add("confirmline.tenants[1].platform-api-key", () -> BROKEN_API_KEY);
    }

    @AfterAll
    static void stopPlatforms() {
        healthy.close();
        broken.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    WebTestClient http;

    @Autowired
    TestTenantPublisher tenants;

    @Autowired
    TenantDirectory directory;

    @Test
    void aSecretThatGoesBadWhileRunningDeadLettersThatTenantsDeliveriesAndTheOthersReceiveEverything() {
        String before = "broken-" + UUID.randomUUID();
        kafka.send(
                Topics.CALL_STATUS.name(),
                before,
                NotifierTestSupport.change("brokenco", before, CallStatus.DIALING, CallStatus.CONFIRMED));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> broken.receivedFor(before).size() == 1);

        // The owner console publishes a secret that cannot sign (not base64 after whsec_).
        tenants.publish(NotifierTestSupport.tenant("brokenco", broken.url(), BROKEN_API_KEY, true, BAD_SECRET));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> directory
                        .byId("brokenco")
                        .map(t -> t.signingSecrets().get(0).value().equals(BAD_SECRET))
                        .orElse(false));

        List<String> healthyReservations = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String brokenReservation = "broken-" + UUID.randomUUID();
            kafka.send(
                    Topics.CALL_STATUS.name(),
                    brokenReservation,
                    NotifierTestSupport.change(
                            "brokenco", brokenReservation, CallStatus.DIALING, CallStatus.CONFIRMED));
            String reservation = "ok-" + UUID.randomUUID();
            healthyReservations.add(reservation);
            kafka.send(
                    Topics.CALL_STATUS.name(),
                    reservation,
                    NotifierTestSupport.change("luigis", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        }
        kafka.flush();

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(healthyReservations.stream()
                                .filter(r -> healthy.receivedFor(r).isEmpty())
                                .toList())
                        .as("healthy tenant's reservations not delivered")
                        .isEmpty());
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http.get()
                        .uri("/api/deliveries?status=DEAD&limit=1000")
                        .header("Authorization", "Bearer " + BROKEN_API_KEY)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.length()")
                        .isEqualTo(ROUNDS)
                        .jsonPath("$[0].attempts")
                        .isEqualTo(1)
                        .jsonPath("$[0].lastError")
                        .isEqualTo("Could not prepare the webhook: Tenant brokenco: "
                                + "signing secret signing-secret-1 is not valid base64 after whsec_"));
        http.get()
                .uri("/api/deliveries?status=PENDING")
                .header("Authorization", "Bearer " + BROKEN_API_KEY)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
        assertThat(broken.received()).as("nothing unsigned went out").hasSize(1);
        http.get()
                .uri("/api/deliveries?status=SUCCEEDED&limit=1000")
                .header("Authorization", "Bearer " + NotifierTestSupport.API_KEY)
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(ROUNDS);
    }

    @Test
    void aCallbackUrlThatIsNotHttpFailsOnlyThatTenantsDeliveryWithoutPrintingIt() {
        tenants.publish(NotifierTestSupport.tenant(
                "ftpco",
                "ftp://ftpco.example/hooks?token=s3cr3t",
                "ftpco-api-key-0123",
                true,
                NotifierTestSupport.SECRET));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> directory.byId("ftpco").isPresent());
        String reservation = "ftp-" + UUID.randomUUID();
        String healthyReservation = "ok-" + UUID.randomUUID();
        kafka.send(
                Topics.CALL_STATUS.name(),
                reservation,
                NotifierTestSupport.change("ftpco", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        kafka.send(
                Topics.CALL_STATUS.name(),
                healthyReservation,
                NotifierTestSupport.change("luigis", healthyReservation, CallStatus.DIALING, CallStatus.CONFIRMED));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> http.get()
                        .uri("/api/deliveries?reservationId=" + reservation)
                        .header("Authorization", "Bearer ftpco-api-key-0123")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$[0].status")
                        .isEqualTo("DEAD")
                        .jsonPath("$[0].lastError")
                        .isEqualTo("Could not prepare the webhook: Tenant ftpco: callback-url must be http(s)"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> healthy.receivedFor(healthyReservation).size() == 1);
    }
}
