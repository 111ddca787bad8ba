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
package io.confirmline.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.notifier.NotifierTestSupport;
import io.confirmline.notifier.delivery.WebhookRequests.UnusableTenantSettings;
import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.SecretsProperties;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantRecords;
import io.confirmline.tenant.TenantSettings;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A tenant whose webhooks could never be signed or sent fails at delivery time, with a reason that names the tenant
 * and the secret's id, never the secret (settings arrive while the service runs, so nothing stops start-up); the
 * tenant's latest revision is the one that signs.
 */
class WebhookRequestsTest {

    static final String GOOD = NotifierTestSupport.SECRET;
    static final Instant NOW = Instant.parse("2026-11-21T20:00:00Z");
    static final SecretsCipher CIPHER = SecretsCipher.from(new SecretsProperties("", List.of()));
    static final Delivery DELIVERY = new Delivery(
            UUID.randomUUID(),
            1,
            "marios",
            "r-1",
            "e-1",
            "reservation.confirmed",
            "{\"type\":\"reservation.confirmed\"}",
            NOW,
            Delivery.PENDING,
            0,
            NOW,
            null,
            null,
            NOW,
            null,
            null,
            null);

    final WebhookRequests requests = new WebhookRequests();

    /** The tenant as the notifier gets it from tenants.v1: through the event, secrets sealed and opened. */
    static Tenant tenant(long revision, String url, String... secrets) {
        TenantSettings settings = NotifierTestSupport.tenant("marios", url, "key", true, secrets);
        return TenantRecords.toTenant(
                TenantRecords.toEvent(settings, TenantRecords.secretsOf(settings), revision, Instant.now(), CIPHER),
                CIPHER);
    }

    @Test
    void aSecretThatIsNotBase64FailsTheDeliveryNamingTheTenantAndTheSecretsIdButNotTheSecret() {
        assertThatThrownBy(() -> requests.prepare(
                        tenant(1, "https://marios.example/hooks", GOOD, "whsec_sEcr3t*not!base64"),
                        DELIVERY,
                        Instant.now()))
                .isInstanceOf(UnusableTenantSettings.class)
                .hasMessage("Tenant marios: signing secret signing-secret-2 is not valid base64 after whsec_")
                .hasMessageNotContaining("sEcr3t");
    }

    @Test
    void aSecretWithoutThePrefixOrWithoutAKeyOrNoSecretAtAllFailsTheDelivery() {
        assertThatThrownBy(() -> requests.prepare(
                        tenant(1, "https://marios.example/hooks", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                        DELIVERY,
                        Instant.now()))
                .hasMessageStartingWith("Tenant marios: signing secret signing-secret-1 does not start with whsec_");
        assertThatThrownBy(() ->
                        requests.prepare(tenant(2, "https://marios.example/hooks", "whsec_"), DELIVERY, Instant.now()))
                .hasMessage("Tenant marios: signing secret signing-secret-1 has no key after whsec_");
        assertThatThrownBy(() -> requests.prepare(tenant(3, "https://marios.example/hooks"), DELIVERY, Instant.now()))
                .hasMessage("Tenant marios has no signing secret");
    }

    @Test
    void aCallbackUrlThatIsNotHttpOrHasNoHostFailsTheDeliveryWithoutPrintingTheUrl() {
        assertThatThrownBy(() -> requests.prepare(
                        tenant(1, "ftp://marios.example/hooks?token=t0p", GOOD), DELIVERY, Instant.now()))
                .hasMessage("Tenant marios: callback-url must be http(s)");
        assertThatThrownBy(() -> requests.prepare(tenant(1, "https:/hooks", GOOD), DELIVERY, Instant.now()))
                .hasMessage("Tenant marios: callback-url has no host");
        assertThatThrownBy(() -> requests.prepare(tenant(1, "", GOOD), DELIVERY, Instant.now()))
                .hasMessage("Tenant marios: callback-url must be http(s)");
    }

    @Test
    void everyActiveSecretSignsAndANewRevisionSignsWithItsOwnSecrets() {
        String next = NotifierTestSupport.newSecret();
        WebhookRequest both = requests.prepare(tenant(1, "https://marios.example/hooks", GOOD, next), DELIVERY, NOW);
        assertThat(both.url()).hasToString("https://marios.example/hooks");
        assertThat(both.headers().get("webhook-signature").split(" ")).hasSize(2);

        WebhookRequest rotated = requests.prepare(tenant(2, "https://marios.example/v2/hooks", next), DELIVERY, NOW);
        assertThat(rotated.url()).hasToString("https://marios.example/v2/hooks");
        assertThat(rotated.headers().get("webhook-signature").split(" "))
                .hasSize(1)
                .containsExactly(both.headers().get("webhook-signature").split(" ")[1]);

        assertThatThrownBy(() -> requests.prepare(tenant(3, "https://marios.example/hooks", "whsec_"), DELIVERY, NOW))
                .isInstanceOf(UnusableTenantSettings.class);
        assertThat(requests.prepare(tenant(4, "https://marios.example/hooks", GOOD), DELIVERY, NOW)
                        .headers()
                        .get("webhook-signature"))
                .as("a repaired secret signs again")
                .startsWith("v1,");
    }
}
