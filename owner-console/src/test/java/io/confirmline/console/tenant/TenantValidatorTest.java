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
package io.confirmline.console.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.tenant.TenantSettings;
import io.confirmline.tenant.testing.TenantSamples;
import io.confirmline.web.ProblemException.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The registry's checks on their own: what passes, what is named, and the JSON round trip the database relies on. */
class TenantValidatorTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TenantValidator.Rules LOCAL = new TenantValidator.Rules(false, true);
    static final TenantValidator.Rules PRODUCTION = new TenantValidator.Rules(true, true);

    static List<String> fields(TenantSettings settings, ClearSecrets secrets, TenantValidator.Rules rules) {
        Problems problems = new Problems();
        TenantValidator.check(settings, secrets, rules, problems);
        return problems.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aTenantWithEverySettingFilledPasses() {
        TenantSettings luigis = TenantSamples.luigis();
        assertThat(fields(luigis, ClearSecrets.of(luigis), PRODUCTION)).isEmpty();
    }

    @Test
    void aVenuePhoneThatIsOneOfTheTenantsOwnNumbersIsRefused() {
        TenantSettings luigis = TenantSamples.luigis();
        TenantSettings looping = new TenantSettings(
                luigis.id(),
                luigis.displayName(),
                true,
                luigis.accountId(),
                luigis.subaccountId(),
                luigis.apiKey(),
                luigis.callerId(),
                luigis.virtualNumbers(),
                luigis.smsSubaccountId(),
                luigis.smsNumbers(),
                null,
                luigis.authTokens(),
                null,
                luigis.platformApiKeys(),
                luigis.callbackUrl(),
                luigis.signingSecrets(),
                luigis.timeZone(),
                luigis.leadTime(),
                luigis.minimumNotice(),
                luigis.callingOpens(),
                luigis.callingCloses(),
                luigis.maxAttempts(),
                luigis.retryDelay(),
                luigis.maxReprompts(),
                luigis.callsPerSecond(),
                luigis.maxConcurrentCalls(),
                "1",
                "0",
                "9",
                luigis.voices(),
                luigis.prompts(),
                luigis.virtualNumbers().get(0),
                luigis.openingHours(),
                false,
                null,
                null,
                null,
                null,
                "BOTH",
                null);
        assertThat(fields(looping, ClearSecrets.of(luigis), PRODUCTION)).containsExactly("venuePhone");
    }

    @Test
    void theDemoTenantPassesLocallyAndItsDemoValuesAreNamedInProduction() {
        TenantSettings demo = TenantSamples.builder("demo")
                .callbackUrl("http://127.0.0.1:8090/webhooks/confirmline")
                .build();
        TenantSettings demoCaller = new TenantSettings(
                demo.id(),
                demo.displayName(),
                true,
                null,
                "demo_voice",
                null,
                DemoValues.DEMO_CALLER_ID,
                List.of(),
                null,
                List.of(),
                null,
                List.of(),
                null,
                List.of(),
                demo.callbackUrl(),
                List.of(),
                "UTC",
                demo.leadTime(),
                demo.minimumNotice(),
                demo.callingOpens(),
                demo.callingCloses(),
                3,
                demo.retryDelay(),
                2,
                0,
                0,
                "1",
                "0",
                "9",
                Map.of(),
                Map.of(),
                null,
                List.of(),
                false,
                null,
                null,
                null,
                null,
                "BOTH",
                null);
        assertThat(fields(demoCaller, ClearSecrets.of(demo), LOCAL)).isEmpty();
        assertThat(fields(demoCaller, ClearSecrets.of(demo), PRODUCTION)).containsExactly("callerId", "callbackUrl");
    }

    @Test
    void keysMayBeStarOrHashAndTimesMayCarrySeconds() throws Exception {
        String body = """
                {"id": "keys", "subaccountId": "keys_voice", "callerId": "+34910000000",
                 "callbackUrl": "https://platform.example/hooks", "apiKey": "k",
                 "confirmDigit": "*", "cancelDigit": "#", "transferDigit": "0", "callingCloses": "23:59:59"}""";
        TenantJson.Parsed parsed = TenantJson.read(JSON.readTree(body), TenantJson.Mode.CREATE, null, true);
        TenantValidator.check(parsed.settings(), parsed.secrets(), LOCAL, parsed.problems());
        assertThat(parsed.problems().errors()).isEmpty();
        assertThat(parsed.settings().callingCloses()).hasToString("23:59:59");
    }

    @Test
    void storedSettingsReadBackAsWritten() throws Exception {
        TenantSettings luigis = TenantJson.withoutSecrets(TenantSamples.luigis());
        String stored = JSON.writeValueAsString(TenantJson.write(luigis));
        TenantSettings read = TenantJson.read(JSON.readTree(stored), TenantJson.Mode.STORED, "luigis", true)
                .settings();
        assertThat(read).usingRecursiveComparison().isEqualTo(luigis);
        assertThat(stored)
                .doesNotContain(TenantSamples.API_KEY, TenantSamples.PLATFORM_KEY, TenantSamples.SIGNING_SECRET);
    }

    @Test
    void onlyAddressesOfThisMachineAreLocal() {
        assertThat(DemoValues.callbackUrlProblem("http://127.0.0.2:8090/x")).isPresent();
        assertThat(DemoValues.callbackUrlProblem("http://0.0.0.0/x")).isPresent();
        assertThat(DemoValues.callbackUrlProblem("http://LOCALHOST/x")).isPresent();
        assertThat(DemoValues.callbackUrlProblem("http://10.0.0.5/x")).isEmpty();
        assertThat(DemoValues.callbackUrlProblem("https://localhost.example.com/x"))
                .isEmpty();
        assertThat(DemoValues.callbackUrlProblem("https://platform.example/x")).isEmpty();
    }

    @Test
    void theAssistantsWindowAddressAndAvailabilityUrlAreCheckedAsTheAdminApiReadsThem() throws Exception {
        assertThat(assistantProblems(
                        "\"humanWindow\": \"90s\", \"venueAddress\": \"Calle Mayor 5\", "
                                + "\"availabilityUrl\": \"https://platform.example/availability\"",
                        LOCAL))
                .isEmpty();
        assertThat(assistantProblems("\"humanWindow\": \"PT30M\"", LOCAL)).isEmpty();
        assertThat(assistantProblems("\"humanWindow\": \"14s\"", LOCAL))
                .containsExactly("humanWindow must be between 15 seconds and 30 minutes");
        assertThat(assistantProblems("\"humanWindow\": \"31m\"", LOCAL))
                .containsExactly("humanWindow must be between 15 seconds and 30 minutes");
        assertThat(assistantProblems("\"humanWindow\": \"a minute\"", LOCAL))
                .containsExactly("humanWindow is not a duration (e.g. 30m, 2h or PT30M)");
        assertThat(assistantProblems("\"venueAddress\": \"" + "x".repeat(301) + "\"", LOCAL))
                .containsExactly("venueAddress is longer than 300 characters");
        assertThat(assistantProblems("\"availabilityUrl\": \"ftp://platform.example/a\"", LOCAL))
                .containsExactly("availabilityUrl must be an http or https URL");
        assertThat(assistantProblems("\"availabilityUrl\": \"https://me:pw@platform.example/a\"", LOCAL))
                .containsExactly("availabilityUrl must not carry credentials");
        // Like the callback URL: this machine is fine for the local stack, never in production.
        String sandbox = "\"availabilityUrl\": \"http://127.0.0.1:8090/availability\"";
        assertThat(assistantProblems(sandbox, LOCAL)).isEmpty();
        assertThat(assistantProblems(sandbox, PRODUCTION))
                .singleElement()
                .asString()
                .startsWith("availabilityUrl is on this machine");
    }

    @Test
    void aTenantThatNeverSetItsWindowHasAMinuteAndTheAssistantsFieldsReadBackAsStored() throws Exception {
        String base = "{\"id\": \"win\", \"subaccountId\": \"win_voice\", \"callerId\": \"+34910000000\", "
                + "\"callbackUrl\": \"https://platform.example/hooks\", \"apiKey\": \"k\"";
        TenantSettings none = TenantJson.read(JSON.readTree(base + "}"), TenantJson.Mode.CREATE, null, true)
                .settings();
        assertThat(none.humanWindow()).isEqualTo(Duration.ofSeconds(60));
        TenantSettings set = TenantJson.read(
                        JSON.readTree(base + ", \"humanWindow\": \"2m\", \"venueAddress\": "
                                + "\"Plaza 1\", \"availabilityUrl\": \"https://p.example/a\"}"),
                        TenantJson.Mode.CREATE,
                        null,
                        true)
                .settings();
        String stored = JSON.writeValueAsString(TenantJson.write(TenantJson.withoutSecrets(set)));
        TenantSettings read = TenantJson.read(JSON.readTree(stored), TenantJson.Mode.STORED, "win", true)
                .settings();
        assertThat(read.humanWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(read.venueAddress()).isEqualTo("Plaza 1");
        assertThat(read.availabilityUrl()).isEqualTo("https://p.example/a");
    }

    /** The problems ("field message") of a minimal tenant with {@code fields} added, read as the admin API reads it. */
    private static List<String> assistantProblems(String fields, TenantValidator.Rules rules) throws Exception {
        String body = """
                {"id": "assist", "subaccountId": "assist_voice", "callerId": "+34910000000",
                 "callbackUrl": "https://platform.example/hooks", "apiKey": "k", %s}""".formatted(fields);
        TenantJson.Parsed parsed = TenantJson.read(JSON.readTree(body), TenantJson.Mode.CREATE, null, true);
        TenantValidator.check(parsed.settings(), parsed.secrets(), rules, parsed.problems());
        return parsed.problems().errors().stream()
                .map(e -> e.field() + " " + e.message())
                .toList();
    }
}
