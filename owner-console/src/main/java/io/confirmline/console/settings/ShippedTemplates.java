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
package io.confirmline.console.settings;

import io.confirmline.prompt.PromptCatalog;
import io.confirmline.prompt.TextCatalog;
import io.confirmline.tenant.PromptTemplates;
import java.util.Map;
import java.util.function.Function;

/**
 * What a guest hears or reads when the tenant has not written a template: the shipped call sentences
 * (kafka-support's {@link PromptCatalog}) and texts ({@link TextCatalog}) the orchestrator uses, per language,
 * English for a language not shipped.
 */
final class ShippedTemplates {

    private static final PromptCatalog SHIPPED = new PromptCatalog(Map.of());
    private static final Map<String, Function<PromptCatalog.Texts, String>> BY_NAME = Map.ofEntries(
            Map.entry("reservation-prompt", PromptCatalog.Texts::reservationPrompt),
            Map.entry("appointment-prompt", PromptCatalog.Texts::appointmentPrompt),
            Map.entry("confirmed", PromptCatalog.Texts::confirmed),
            Map.entry("cancelled", PromptCatalog.Texts::cancelled),
            Map.entry("invalid-digit", PromptCatalog.Texts::invalidDigit),
            Map.entry("no-input", PromptCatalog.Texts::noInput),
            Map.entry("goodbye", PromptCatalog.Texts::goodbye),
            Map.entry("today", PromptCatalog.Texts::today),
            Map.entry("tomorrow", PromptCatalog.Texts::tomorrow),
            Map.entry("at", PromptCatalog.Texts::at),
            Map.entry("transfer-offer", PromptCatalog.Texts::transferOffer),
            Map.entry("put-through", PromptCatalog.Texts::putThrough),
            Map.entry("callback-reservation", PromptCatalog.Texts::callbackReservation),
            Map.entry("callback-appointment", PromptCatalog.Texts::callbackAppointment),
            Map.entry("callback-closed", PromptCatalog.Texts::callbackClosed));

    private ShippedTemplates() {}

    /** The shipped text of {@code name} (a {@link PromptTemplates} name) in {@code language}; null for no such name. */
    static String of(String language, String name) {
        Function<PromptCatalog.Texts, String> sentence = BY_NAME.get(name);
        return sentence != null
                ? sentence.apply(SHIPPED.forLocale(language))
                : TextCatalog.shipped(language).get(name);
    }
}
