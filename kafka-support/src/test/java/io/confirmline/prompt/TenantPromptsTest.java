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
package io.confirmline.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.SecretsProperties;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantRecords;
import io.confirmline.tenant.TenantSettings;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The tenants' prompt templates as the orchestrator says them: written in the {@code confirmline.tenants[*]} YAML
 * shape (as tests and the console's import declare them), carried by {@code TenantConfigured} and built into a
 * catalogue per tenant revision.
 */
class TenantPromptsTest {

    final SecretsCipher cipher = SecretsCipher.from(new SecretsProperties("", List.of()));
    final TenantPrompts prompts = new TenantPrompts();

    static List<String> tenant(int i, String id) {
        String p = "confirmline.tenants[" + i + "].";
        return List.of(
                p + "id=" + id,
                p + "subaccount-id=" + id + "_voice",
                p + "api-key=k-" + id,
                p + "platform-api-key=pk-" + id,
                p + "caller-id=+34910000000");
    }

    /** The tenants these properties declare, as the directory would hold them at {@code revision}. */
    List<Tenant> tenants(long revision, String... properties) {
        List<String> all = new ArrayList<>(tenant(0, "luigis"));
        all.addAll(tenant(1, "marios"));
        all.addAll(Arrays.asList(properties));
        Map<String, String> map = new HashMap<>();
        all.forEach(property ->
                map.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1)));
        List<TenantSettings> declared = new Binder(new MapConfigurationPropertySource(map))
                .bind("confirmline.tenants", Bindable.listOf(TenantSettings.class))
                .get();
        return declared.stream()
                .map(settings -> TenantRecords.toTenant(
                        TenantRecords.toEvent(
                                settings, TenantRecords.secretsOf(settings), revision, Instant.now(), cipher),
                        cipher))
                .toList();
    }

    final PromptCatalog.Booking ana = new PromptCatalog.Booking(
            "Ana", "Mario's", 2, null, Instant.parse("2026-11-21T19:00:00Z"), ZoneId.of("Europe/Madrid"), "es-MX");
    final Instant now = Instant.parse("2026-11-21T18:00:00Z");

    @Test
    void eachTenantSpeaksItsOwnTemplatesAndDigits() {
        List<Tenant> tenants = tenants(
                1,
                "confirmline.tenants[1].confirm-digit=5",
                "confirmline.tenants[1].cancel-digit=6",
                "confirmline.tenants[1].prompts.es-MX.reservation-prompt="
                        + "Buenas {name}, habla {venue}. Marque {confirmDigit} para confirmar o {cancelDigit} para cancelar.");
        PromptCatalog marios = prompts.of(tenants.get(1));
        assertThat(marios.reservationPrompt(ana, now))
                .isEqualTo("Buenas Ana, habla Mario's. Marque 5 para confirmar o 6 para cancelar.");
        assertThat(marios.noInput(ana, now))
                .isEqualTo("No hemos recibido ninguna tecla. Pulse 5 para confirmar, o 6 para cancelar.");
        assertThat(prompts.of(tenants.get(0)).reservationPrompt(ana, now))
                .startsWith("Hola Ana")
                .endsWith("Pulse 1 para confirmar, o 0 para cancelar.");
    }

    @Test
    void aNewRevisionIsHeardWithItsNewWordsAndDigits() {
        Tenant before =
                tenants(1, "confirmline.tenants[1].prompts.en.goodbye=Bye now.").get(1);
        assertThat(prompts.of(before).goodbye(ana, now))
                .as("es-MX has no template: shipped Spanish")
                .startsWith("No hemos podido");
        PromptCatalog.Booking english =
                new PromptCatalog.Booking("Ana", "Mario's", 2, null, ana.startsAt(), ana.zone(), "en-GB");
        assertThat(prompts.of(before).goodbye(english, now)).isEqualTo("Bye now.");
        assertThat(prompts.of(before)).as("kept for the revision").isSameAs(prompts.of(before));

        Tenant after = tenants(
                        2, "confirmline.tenants[1].prompts.en.goodbye=Ciao.", "confirmline.tenants[1].confirm-digit=7")
                .get(1);
        assertThat(prompts.of(after).goodbye(english, now)).isEqualTo("Ciao.");
        assertThat(prompts.of(after).invalidDigit(english, now)).contains("Press 7 to confirm");
    }

    /**
     * The console refuses such a template (PromptTemplates, tested in kafka-support); should a record carry one
     * anyway, the orchestrator still calls, saying the shipped sentence for it and the tenant's other templates.
     */
    @Test
    void aTemplateTheGrammarRefusesIsLeftOutAndTheRestIsStillSaid() {
        Tenant marios = tenants(
                        1,
                        "confirmline.tenants[1].prompts.en.no-input=Press {confirmdigit} now.",
                        "confirmline.tenants[1].prompts.en.goodbye=Bye now.")
                .get(1);
        PromptCatalog.Booking english =
                new PromptCatalog.Booking("Ana", "Mario's", 2, null, ana.startsAt(), ana.zone(), "en-GB");
        assertThat(prompts.of(marios).noInput(english, now))
                .isEqualTo("We did not hear a key. Press 1 to confirm, or 0 to cancel.");
        assertThat(prompts.of(marios).goodbye(english, now)).isEqualTo("Bye now.");
    }
}
