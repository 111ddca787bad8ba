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
package io.confirmline.orchestrator.text;

import io.confirmline.tenant.NamedSecret;
import io.confirmline.tenant.Tenant;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Luigi's as the text classes see it, with the few settings their tests vary. */
final class TextTenants {

    static final String API_KEY = "sms-api-key-luigis";

    private TextTenants() {}

    static Tenant luigis() {
        return tenant(Map.of(), Optional.of("+390212345678"), Optional.empty(), "1", "0");
    }

    static Tenant tenant(
            Map<String, Map<String, String>> prompts,
            Optional<String> venuePhone,
            Optional<String> helpText,
            String confirmDigit,
            String cancelDigit) {
        return new Tenant(
                "luigis",
                1,
                true,
                "Luigi's",
                ZoneId.of("Europe/Rome"),
                new Tenant.Account(
                        Optional.of("acc-1"),
                        "luigis_voice",
                        new NamedSecret("key-1", API_KEY),
                        "+390212340000",
                        List.of("+390212340000"),
                        Optional.of("luigis_sms"),
                        List.of("+390212349999", "+390212348888")),
                List.of(),
                List.of(),
                URI.create("https://platform.example/hooks"),
                List.of(),
                new Tenant.Calling(
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(10),
                        LocalTime.of(9, 0),
                        LocalTime.of(21, 30),
                        3,
                        Duration.ofMinutes(10),
                        2,
                        0,
                        0),
                new Tenant.Digits(confirmDigit, cancelDigit, "9"),
                Map.of(),
                prompts,
                venuePhone,
                List.of(),
                Tenant.Assistant.OFF,
                new Tenant.Texting(Tenant.TextFallback.BOTH, helpText));
    }
}
