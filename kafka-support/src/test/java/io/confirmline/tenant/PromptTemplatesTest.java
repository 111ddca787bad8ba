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

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one grammar of a tenant's prompt templates. (Before tenants were data, the orchestrator refused to start on
 * a bad template; now the console refuses the tenant by this grammar, naming every bad template.)
 */
class PromptTemplatesTest {

    @Test
    void everyTemplateWithAnUnknownPlaceholderOrNameIsNamedWithTheLanguage() {
        Map<String, Map<String, String>> prompts = new LinkedHashMap<>();
        prompts.put("en", Map.of("no-input", "Press {confirmdigit} now."));
        prompts.put("es-MX", Map.of("today", "{when}"));
        prompts.put("de", Map.of("farewell", "Tschüss"));

        assertThat(PromptTemplates.problems(prompts))
                .containsExactly(
                        "prompts.en.no-input uses unknown placeholder {confirmdigit}; known: {name}, {venue}, {party}, "
                                + "{service}, {when}, {confirmDigit}, {cancelDigit}, {transferDigit}",
                        "prompts.es-MX.today uses unknown placeholder {when}; this word takes none",
                        "prompts.de.farewell is not a template; known: reservation-prompt, appointment-prompt, confirmed, "
                                + "cancelled, invalid-digit, no-input, goodbye, transfer-offer, put-through, callback-reservation, "
                                + "callback-appointment, callback-closed, today, tomorrow, at, "
                                + "sms-fallback, sms-confirmed, sms-cancelled, sms-opted-out, sms-opted-in, sms-help, sms-holding, "
                                + "sms-no-booking, sms-missed-call, sms-check-confirm, sms-check-cancel, sms-slot-offer, "
                                + "sms-request-sent");
    }

    @Test
    void textsTakeTheirOwnPlaceholdersWhichSentencesDoNot() {
        assertThat(PromptTemplates.problems(Map.of(
                        "es",
                        Map.of(
                                "sms-fallback",
                                "{venue}: su {booking} el {day} a las {time}. Responda {confirmDigit} o {cancelDigit}.",
                                "sms-help",
                                "{venue}: llame al {venuePhone}."))))
                .isEmpty();
        assertThat(PromptTemplates.problems(Map.of("en", Map.of("confirmed", "Your {booking} is confirmed."))))
                .containsExactly("prompts.en.confirmed uses unknown placeholder {booking}; known: {name}, {venue}, "
                        + "{party}, {service}, {when}, {confirmDigit}, {cancelDigit}, {transferDigit}");
        assertThat(PromptTemplates.problems(Map.of("en", Map.of("sms-holding", "Thanks {guest}"))))
                .singleElement()
                .asString()
                .startsWith("prompts.en.sms-holding uses unknown placeholder {guest}");
    }

    @Test
    void templatesUsingOnlyKnownPlaceholdersPass() {
        assertThat(PromptTemplates.problems(Map.of(
                        "en",
                        Map.of(
                                "reservation-prompt",
                                "Hi {name}, {venue} here for {party} {when}. {confirmDigit} or {cancelDigit}.",
                                "appointment-prompt",
                                "Your appointment{service} {when}.",
                                "tomorrow",
                                "the day after today",
                                "goodbye",
                                "Bye."))))
                .isEmpty();
        assertThat(PromptTemplates.problem("confirmed", null)).isEmpty();
    }
}
