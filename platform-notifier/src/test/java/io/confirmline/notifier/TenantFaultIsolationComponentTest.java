package io.confirmline.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.Topics;
import io.confirmline.notifier.delivery.Delivery;
import io.confirmline.notifier.delivery.WebhookRequest;
import io.confirmline.notifier.delivery.WebhookRequests;
import io.confirmline.notifier.signing.WebhookSigner;
import io.confirmline.notifier.tenant.NotifierTenantProperties.Tenant;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One tenant whose webhooks cannot be prepared costs only its own deliveries: they are dead-lettered with the
 * reason, and every other tenant keeps receiving everything — well past the 32 attempts in flight that a failure
 * thrown while preparing used to leak, one slot each, until the worker stopped for every tenant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TenantFaultIsolationComponentTest {

    static final int ROUNDS = 100;
    static final String BROKEN_API_KEY = "brokenco-api-key-0123456789";
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

    /**
     * brokenco's secret "went bad" after start-up (start-up validation refuses such a secret, so it is swapped in
     * at the preparation step): signing with it throws exactly what the library throws for a secret that is not
     * base64.
     */
    @TestConfiguration
    static class BrokenSecret {
        @Bean
        @Primary
        WebhookRequests brokenSecretForBrokenco() {
            return new WebhookRequests() {
                @Override
                public WebhookRequest prepare(Tenant tenant, Delivery delivery, Instant now) {
                    if (tenant.id().equals("brokenco")) {
                        new WebhookSigner(List.of("whsec_not*base64!"));
                    }
                    return super.prepare(tenant, delivery, now);
                }
            };
        }
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

    @Test
    void aTenantWhoseWebhooksCannotBePreparedHasThemDeadLetteredAndTheOthersReceiveEverything() {
        List<String> healthyReservations = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String brokenReservation = "broken-" + UUID.randomUUID();
            kafka.send(Topics.CALL_STATUS.name(), brokenReservation,
                    NotifierTestSupport.change("brokenco", brokenReservation, CallStatus.DIALING, CallStatus.CONFIRMED));
            String reservation = "ok-" + UUID.randomUUID();
            healthyReservations.add(reservation);
            kafka.send(Topics.CALL_STATUS.name(), reservation,
                    NotifierTestSupport.change("luigis", reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        }
        kafka.flush();

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                healthyReservations.stream().filter(r -> healthy.receivedFor(r).isEmpty()).toList())
                .as("healthy tenant's reservations not delivered").isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/api/deliveries?status=DEAD&limit=1000").header("Authorization", "Bearer " + BROKEN_API_KEY)
                        .exchange().expectStatus().isOk().expectBody()
                        .jsonPath("$.length()").isEqualTo(ROUNDS)
                        .jsonPath("$[0].attempts").isEqualTo(1)
                        .jsonPath("$[0].lastError").isEqualTo(
                                "Could not prepare the webhook: IllegalArgumentException: Illegal base64 character 2a"));
        http.get().uri("/api/deliveries?status=PENDING").header("Authorization", "Bearer " + BROKEN_API_KEY)
                .exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
        assertThat(broken.received()).as("nothing unsigned went out").isEmpty();
        http.get().uri("/api/deliveries?status=SUCCEEDED&limit=1000").header("Authorization", "Bearer " + NotifierTestSupport.API_KEY)
                .exchange().expectBody().jsonPath("$.length()").isEqualTo(ROUNDS);
    }
}
