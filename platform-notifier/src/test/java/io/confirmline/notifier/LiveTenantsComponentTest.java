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

import static io.confirmline.notifier.NotifierTestSupport.change;
import static io.confirmline.notifier.NotifierTestSupport.newSecret;
import static io.confirmline.notifier.NotifierTestSupport.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.confirmline.events.CallStatus;
import io.confirmline.tenant.TenantDirectory;
import io.confirmline.tenant.TenantSettings;
import io.confirmline.tenant.testing.TestTenantPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tenants changed while the notifier runs, as the owner console publishes them on {@code tenants.v1}: a new tenant,
 * a new callback URL, a rotated secret and a disabled tenant each count from the next delivery or API request, with
 * no restart. Signatures are checked the way a platform would, with the Standard Webhooks library.
 */
class LiveTenantsComponentTest extends NotifierComponentContext {

    static final PlatformStub first = new PlatformStub();
    static final PlatformStub second = new PlatformStub();

    @Autowired
    TestTenantPublisher tenants;

    @Autowired
    TenantDirectory directory;

    @AfterAll
    static void stopPlatforms() {
        first.close();
        second.close();
    }

    /** Publishes the tenant and waits until the notifier holds these settings. */
    private void publishTenant(TenantSettings settings, Predicate<io.confirmline.tenant.Tenant> applied) {
        tenants.publish(settings);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> directory.byId(settings.id()).filter(applied).isPresent());
    }

    private PlatformStub.Received deliveredOnce(PlatformStub platform, String tenantId) throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        publish(change(tenantId, reservation, CallStatus.DIALING, CallStatus.CONFIRMED));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> platform.receivedFor(reservation).size() == 1);
        return platform.receivedFor(reservation).get(0);
    }

    @Test
    void aTenantPublishedWhileRunningIsServedWithinSecondsAndANewCallbackUrlAndSecretCountFromTheNextDelivery()
            throws Exception {
        String secret = newSecret();
        publishTenant(tenant("newco", first.url(), "newco-api-key-0123", true, secret), t -> true);

        PlatformStub.Received delivered = deliveredOnce(first, "newco");
        assertThat(signatures(delivered)).hasSize(1);
        verifies(delivered, secret);

        String rotated = newSecret();
        publishTenant(
                tenant("newco", second.url(), "newco-api-key-0123", true, rotated),
                t -> t.callbackUrl().toString().equals(second.url()));
        PlatformStub.Received moved = deliveredOnce(second, "newco");
        verifies(moved, rotated);
        assertThatThrownBy(() -> verifies(moved, secret)).isInstanceOf(WebhookVerificationException.class);
        assertThat(first.receivedFor(moved.subject()))
                .as("nothing went to the old URL")
                .isEmpty();
    }

    @Test
    void duringRotationEverySecretSignsAndEachSignatureVerifiesWithItsOwnSecretThenOnlyTheNewOneSigns()
            throws Exception {
        String oldSecret = newSecret();
        String newSecret = newSecret();
        publishTenant(tenant("rotaco", first.url(), "rotaco-api-key-0123", true, oldSecret, newSecret), t -> true);

        PlatformStub.Received both = deliveredOnce(first, "rotaco");
        List<String> signatures = signatures(both);
        assertThat(signatures).hasSize(2);
        verifies(withSignature(both, signatures.get(0)), oldSecret);
        verifies(withSignature(both, signatures.get(1)), newSecret);
        assertThatThrownBy(() -> verifies(withSignature(both, signatures.get(0)), newSecret))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifies(withSignature(both, signatures.get(1)), oldSecret))
                .isInstanceOf(WebhookVerificationException.class);

        publishTenant(
                tenant("rotaco", first.url(), "rotaco-api-key-0123", true, newSecret),
                t -> t.signingSecrets().size() == 1);
        PlatformStub.Received after = deliveredOnce(first, "rotaco");
        assertThat(signatures(after)).hasSize(1);
        verifies(after, newSecret);
        assertThatThrownBy(() -> verifies(after, oldSecret)).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aDisabledTenantsOutcomesAreStillDeliveredButItsApiIsRefused() throws Exception {
        String secret = newSecret();
        publishTenant(tenant("closedco", first.url(), "closedco-api-key-0123", true, secret), t -> true);
        http.get()
                .uri("/api/deliveries")
                .header("Authorization", "Bearer closedco-api-key-0123")
                .exchange()
                .expectStatus()
                .isOk();

        publishTenant(tenant("closedco", first.url(), "closedco-api-key-0123", false, secret), t -> !t.enabled());
        verifies(deliveredOnce(first, "closedco"), secret);

        http.get()
                .uri("/api/deliveries")
                .header("Authorization", "Bearer closedco-api-key-0123")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(403)
                .jsonPath("$.type")
                .isEqualTo("https://confirmline.io/problems/deliveries-403")
                .jsonPath("$.detail")
                .isEqualTo("The tenant is disabled");
        http.get()
                .uri("/api/deliveries")
                .header("Authorization", "Bearer no-such-key-0123")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private static List<String> signatures(PlatformStub.Received received) {
        return List.of(received.signature().split(" "));
    }

    private static PlatformStub.Received withSignature(PlatformStub.Received r, String signature) {
        return new PlatformStub.Received(
                r.at(), r.webhookId(), r.timestamp(), signature, r.body(), r.answered(), r.subject(), r.traceparent());
    }

    /** What the platform runs: the reference library's verification (signature, and timestamp within 5 min). */
    private static void verifies(PlatformStub.Received received, String secret) throws WebhookVerificationException {
        new Webhook(secret)
                .verify(
                        received.body(),
                        Map.of(
                                "webhook-id",
                                List.of(received.webhookId()),
                                "webhook-timestamp",
                                List.of(received.timestamp()),
                                "webhook-signature",
                                List.of(received.signature())));
    }
}
