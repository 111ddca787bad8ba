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
package io.confirmline.ingress.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.SecretsProperties;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantRecords;
import io.confirmline.tenant.TenantSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OpeningHoursTest {

    /** Luigi's in Madrid: Fridays 12:00–15:00 and 20:00–01:00 (past midnight into Saturday). */
    static Tenant luigis() {
        Map<String, String> yaml = Map.of(
                "t.id",
                "luigis",
                "t.subaccount-id",
                "luigis_voice",
                "t.time-zone",
                "Europe/Madrid",
                "t.opening-hours[0].day",
                "FRIDAY",
                "t.opening-hours[0].opens",
                "12:00",
                "t.opening-hours[0].closes",
                "15:00",
                "t.opening-hours[1].day",
                "FRIDAY",
                "t.opening-hours[1].opens",
                "20:00",
                "t.opening-hours[1].closes",
                "01:00");
        TenantSettings settings = new Binder(new MapConfigurationPropertySource(yaml))
                .bind("t", TenantSettings.class)
                .get();
        SecretsCipher cipher = SecretsCipher.from(new SecretsProperties("", List.of()));
        return TenantRecords.toTenant(
                TenantRecords.toEvent(settings, TenantRecords.secretsOf(settings), 1, Instant.now(), cipher), cipher);
    }

    @Test
    void openWithinAPeriodInTheVenuesZoneIncludingPastMidnight() {
        Tenant luigis = luigis();
        // 2026-11-27 is a Friday; Madrid is UTC+1 in November.
        assertThat(OpeningHours.isOpen(luigis, Instant.parse("2026-11-27T11:00:00Z")))
                .as("12:00 Friday")
                .isTrue();
        assertThat(OpeningHours.isOpen(luigis, Instant.parse("2026-11-27T13:59:00Z")))
                .as("14:59")
                .isTrue();
        assertThat(OpeningHours.isOpen(luigis, Instant.parse("2026-11-27T14:00:00Z")))
                .as("15:00")
                .isFalse();
        assertThat(OpeningHours.isOpen(luigis, Instant.parse("2026-11-27T18:00:00Z")))
                .as("19:00")
                .isFalse();
        assertThat(OpeningHours.isOpen(luigis, Instant.parse("2026-11-27T23:30:00Z")))
                .as("00:30 Saturday")
                .isTrue();
        assertThat(OpeningHours.isOpen(luigis, Instant.parse("2026-11-28T00:00:00Z")))
                .as("01:00 Saturday")
                .isFalse();
        assertThat(OpeningHours.isOpen(luigis, Instant.parse("2026-11-28T11:00:00Z")))
                .as("12:00 Saturday")
                .isFalse();
        assertThat(OpeningHours.isOpen(luigis, Instant.parse("2026-11-26T23:30:00Z")))
                .as("00:30 Friday")
                .isFalse();
    }
}
