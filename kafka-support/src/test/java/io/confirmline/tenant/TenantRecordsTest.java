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
package io.confirmline.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.TenantConfigured;
import io.confirmline.kafka.AvroBinary;
import io.confirmline.tenant.testing.TenantSamples;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantRecordsTest {

    private final SecretsCipher cipher = SecretsCipher.from(new SecretsProperties("", List.of()));

    @Test
    void aTenantSurvivesTheTripThroughItsEventSettingForSetting() {
        TenantSettings settings = TenantSamples.luigis();
        TenantConfigured event = TenantRecords.toEvent(
                settings, TenantRecords.secretsOf(settings), 3, Instant.parse("2026-11-30T10:00:00Z"), cipher);

        Tenant tenant =
                TenantRecords.toTenant(AvroBinary.decode(TenantConfigured.class, AvroBinary.encode(event)), cipher);

        assertThat(tenant.id()).isEqualTo("luigis");
        assertThat(tenant.revision()).isEqualTo(3);
        assertThat(tenant.enabled()).isTrue();
        assertThat(tenant.timeZone()).isEqualTo(ZoneId.of("Europe/Rome"));
        assertThat(tenant.account().apiKey().value()).isEqualTo(TenantSamples.API_KEY);
        assertThat(tenant.account().voiceSubaccountId()).isEqualTo("luigis_voice");
        assertThat(tenant.account().smsNumbers()).containsExactly("+6568880002");
        assertThat(tenant.acceptsWebhookToken(TenantSamples.WEBHOOK_TOKEN)).isTrue();
        assertThat(tenant.acceptsWebhookToken("Bearer something-else")).isFalse();
        assertThat(tenant.acceptsPlatformKey(TenantSamples.PLATFORM_KEY)).isTrue();
        assertThat(tenant.signingSecrets())
                .extracting(NamedSecret::value)
                .containsExactly(TenantSamples.SIGNING_SECRET);
        assertThat(tenant.calling().callingCloses()).isEqualTo(LocalTime.of(21, 30));
        assertThat(tenant.calling().leadTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(tenant.calling().callsPerSecond()).isEqualTo(5.0);
        assertThat(tenant.digits()).isEqualTo(new Tenant.Digits("1", "0", "9"));
        assertThat(tenant.voiceFor("it-IT")).isEqualTo("it-IT-Standard-A");
        assertThat(tenant.prompts().get("it")).containsEntry("goodbye", "Arrivederci");
        assertThat(tenant.openingHours())
                .containsExactly(new Tenant.OpeningPeriod(DayOfWeek.FRIDAY, LocalTime.of(18, 0), LocalTime.of(1, 0)));
        assertThat(tenant.assistant().faq()).contains("Parking behind the restaurant.");
        assertThat(tenant.assistant().venueAddress()).contains("Via Roma 1, Milano");
        assertThat(tenant.assistant().humanWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(tenant.assistant().availabilityUrl())
                .contains(java.net.URI.create("https://platform.example/availability"));
        assertThat(tenant.ownsNumber("+6568880001")).isTrue();
    }

    @Test
    void theEventsBytesHoldNoSecretInClear() {
        TenantSettings settings = TenantSamples.luigis();
        byte[] bytes = AvroBinary.encode(
                TenantRecords.toEvent(settings, TenantRecords.secretsOf(settings), 1, Instant.now(), cipher));
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);

        for (String secret : List.of(
                TenantSamples.API_KEY,
                TenantSamples.WEBHOOK_TOKEN,
                TenantSamples.PLATFORM_KEY,
                TenantSamples.SIGNING_SECRET,
                "plain-")) {
            assertThat(raw).as("raw bytes contain %s", secret).doesNotContain(secret);
        }
        assertThat(raw)
                .as("a non-secret setting is readable, so the check above is not vacuous")
                .contains("luigis_voice");
    }

    @Test
    void singularAndPluralSpellingsOfRotatingSecretsAreOneListAndACommaListIsSeveral() {
        TenantSettings settings = new TenantSettings(
                "t",
                null,
                true,
                null,
                "s",
                "k",
                "+6568880001",
                List.of(),
                null,
                List.of(),
                "tok-a",
                List.of("tok-b", "tok-a"),
                "pk",
                List.of(),
                "http://x",
                List.of("whsec_a,whsec_b"),
                "UTC",
                Duration.ofMinutes(30),
                Duration.ofMinutes(10),
                LocalTime.of(9, 0),
                LocalTime.of(21, 0),
                3,
                Duration.ofMinutes(10),
                2,
                0,
                0,
                "1",
                "0",
                "9",
                java.util.Map.of(),
                java.util.Map.of(),
                null,
                List.of(),
                false,
                null,
                null,
                null,
                null,
                "BOTH",
                null);
        assertThat(settings.allAuthTokens()).containsExactly("tok-a", "tok-b");
        assertThat(settings.allPlatformApiKeys()).containsExactly("pk");
        assertThat(settings.allSigningSecrets()).containsExactly("whsec_a", "whsec_b");
    }
}
