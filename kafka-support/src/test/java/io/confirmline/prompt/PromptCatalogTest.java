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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptCatalogTest {

    final PromptCatalog catalog = new PromptCatalog(Map.of());
    final Instant now = Instant.parse("2026-11-21T18:00:00Z");

    PromptCatalog.Booking booking(String name, String locale, Instant startsAt) {
        return new PromptCatalog.Booking(name, "Luigi's", 4, null, startsAt, ZoneId.of("Europe/Madrid"), locale);
    }

    @Test
    void theReservationPromptSpeaksTheTimeInTheVenuesZoneAndTheGuestsLanguage() {
        Instant tonight = Instant.parse("2026-11-21T19:00:00Z"); // 20:00 in Madrid
        assertThat(catalog.reservationPrompt(booking("Ana", "en-GB", tonight), now))
                .isEqualTo(
                        "Hello Ana, this is Luigi's confirming your table for 4 today at 20:00. Press 1 to confirm, or 0 to cancel.");
        assertThat(catalog.reservationPrompt(booking("Ana", "en-US", tonight), now))
                .contains("today at 8:00");
        assertThat(catalog.reservationPrompt(booking("Ana", "es-ES", tonight.plusSeconds(86_400)), now))
                .isEqualTo("Hola Ana, le llamamos de Luigi's para confirmar su mesa para 4 mañana a las 20:00. "
                        + "Pulse 1 para confirmar, o 0 para cancelar.");
        assertThat(catalog.reservationPrompt(booking("Ana", "fr-FR", tonight), now))
                .startsWith("Bonjour Ana")
                .contains("aujourd'hui à 20:00");
        assertThat(catalog.reservationPrompt(booking("Ana", "de-DE", tonight), now))
                .startsWith("Hallo Ana")
                .contains("heute um 20:00");
    }

    @Test
    void unknownLanguagesFallBackToEnglishAndTenantsCanOverride() {
        Instant tonight = Instant.parse("2026-11-21T19:00:00Z");
        assertThat(catalog.reservationPrompt(booking("Ana", "ja-JP", tonight), now))
                .startsWith("Hello Ana");
        PromptCatalog custom = new PromptCatalog(Map.of(
                "en",
                Map.of(
                        "reservation-prompt",
                        "Hi {name}! {venue} here, {when}.",
                        "confirmed",
                        "",
                        "today",
                        "today",
                        "tomorrow",
                        "tomorrow",
                        "at",
                        "at")));
        assertThat(custom.reservationPrompt(booking("Ana", "en", tonight), now))
                .matches("Hi Ana! Luigi's here, today at 8:00\\hPM\\.");
    }

    @Test
    void everySentenceSaysTheTenantsDigits() {
        PromptCatalog fiveSix = new PromptCatalog(Map.of(), "5", "6");
        PromptCatalog.Booking ana = booking("Ana", "en-GB", Instant.parse("2026-11-21T19:00:00Z"));
        assertThat(fiveSix.reservationPrompt(ana, now)).endsWith("Press 5 to confirm, or 6 to cancel.");
        assertThat(fiveSix.appointmentPrompt(ana, now)).endsWith("Press 5 to confirm, or 6 to cancel.");
        assertThat(fiveSix.invalidDigit(ana, now))
                .isEqualTo("Sorry, that is not an option. Press 5 to confirm, or 6 to cancel.");
        assertThat(fiveSix.noInput(booking("Ana", "de-DE", ana.startsAt()), now))
                .isEqualTo("Wir haben keine Taste gehört. Drücken Sie 5 zum Bestätigen oder 6 zum Stornieren.");
        assertThat(catalog.withDigits("5", "6").reservationPrompt(ana, now))
                .endsWith("Press 5 to confirm, or 6 to cancel.");
    }

    @Test
    void theTransferOfferAndThePutThroughSayTheTransferKeyAndTheVenueInEveryShippedLanguage() {
        PromptCatalog seven = new PromptCatalog(Map.of(), "1", "0", "7");
        PromptCatalog.Booking ana = booking("Ana", "en-GB", Instant.parse("2026-11-21T19:00:00Z"));
        assertThat(seven.transferOffer(ana, now)).isEqualTo("Or press 7 to speak to Luigi's.");
        assertThat(seven.putThrough(ana, now)).isEqualTo("Putting you through to Luigi's. Please hold.");
        assertThat(catalog.transferOffer(ana, now)).as("9 by default").contains("press 9");
        for (String language : new String[] {"es", "fr", "de"}) {
            PromptCatalog.Booking b = booking("Ana", language, ana.startsAt());
            assertThat(seven.transferOffer(b, now))
                    .contains("7")
                    .contains("Luigi's")
                    .doesNotContain("{");
            assertThat(seven.putThrough(b, now)).contains("Luigi's").isNotEqualTo(seven.putThrough(ana, now));
        }
    }

    @Test
    void aGuestCallingBackHearsTheirBookingAndTheTenantsKeysInTheirLanguage() {
        PromptCatalog fiveSix = new PromptCatalog(Map.of(), "5", "6", "9");
        Instant tonight = Instant.parse("2026-11-21T19:00:00Z");
        assertThat(fiveSix.callbackReservation(booking("Ana", "en-GB", tonight), now))
                .isEqualTo(
                        "Hello Ana, you have a table for 4 today at 20:00 at Luigi's. Press 5 to confirm, or 6 to cancel.");
        assertThat(fiveSix.callbackReservation(booking("Ana", "es-ES", tonight), now))
                .isEqualTo(
                        "Hola Ana, tiene una mesa para 4 hoy a las 20:00 en Luigi's. Pulse 5 para confirmar, o 6 para cancelar.");
        PromptCatalog.Booking haircut = new PromptCatalog.Booking(
                "Ana", "Clinic", null, "Haircut", tonight, ZoneId.of("Europe/Madrid"), "en-GB");
        assertThat(fiveSix.callbackAppointment(haircut, now))
                .startsWith("Hello Ana, you have an appointment (Haircut) today at 20:00 at Clinic.");
        assertThat(fiveSix.callbackClosed(booking("", "en", tonight), now))
                .isEqualTo("Sorry, Luigi's cannot take your call right now. We will send you a text. Goodbye.");
        for (String language : new String[] {"fr", "de"}) {
            PromptCatalog.Booking b = booking("Ana", language, tonight);
            assertThat(fiveSix.callbackReservation(b, now))
                    .contains("Ana", "4", "20:00", "Luigi's", "5", "6")
                    .doesNotContain("{");
            assertThat(fiveSix.callbackClosed(b, now)).contains("Luigi's").doesNotContain("{");
        }
    }

    @Test
    void aTenantTemplateReplacesTheSentencesItNamesAndKeepsTheOthers() {
        Map<String, String> mexican = Map.of(
                "reservation-prompt",
                "Buenas, {name}. Habla {venue}: su mesa para {party} es {when}. Marque {confirmDigit} para confirmar o {cancelDigit} para cancelar.");
        PromptCatalog custom = new PromptCatalog(Map.of("es-mx", mexican), "5", "6");
        Instant tonight = Instant.parse("2026-11-21T19:00:00Z");
        assertThat(custom.reservationPrompt(booking("Ana", "es-MX", tonight), now))
                .isEqualTo(
                        "Buenas, Ana. Habla Luigi's: su mesa para 4 es hoy a las 20:00. Marque 5 para confirmar o 6 para cancelar.");
        assertThat(custom.invalidDigit(booking("Ana", "es-MX", tonight), now))
                .as("left out: Spanish as shipped")
                .isEqualTo("Lo sentimos, esa opción no es válida. Pulse 5 para confirmar, o 6 para cancelar.");
        assertThat(custom.reservationPrompt(booking("Ana", "es-ES", tonight), now))
                .as("another Spanish is not Mexican")
                .startsWith("Hola Ana");
    }

    /** The grammar is PromptTemplates' (the console checks by it): every refused template is named. */
    @Test
    void templatesThePromptGrammarRefusesAreRefusedNamingEach() {
        assertThatThrownBy(() -> new PromptCatalog(Map.of("en", Map.of("confirmed", "See you {wen}.")), "1", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prompts.en.confirmed uses unknown placeholder {wen}; known: {name}, {venue}");
        assertThatThrownBy(() -> new PromptCatalog(Map.of("en", Map.of("today", "{when}")), "1", "0"))
                .hasMessage("prompts.en.today uses unknown placeholder {when}; this word takes none");
        assertThatThrownBy(() -> new PromptCatalog(Map.of("de", Map.of("farewell", "Tschüss")), "1", "0"))
                .hasMessageStartingWith("prompts.de.farewell is not a template; known: reservation-prompt");
    }

    @Test
    void userDataIsCleanedBeforeItIsSpoken() {
        String prompt = catalog.reservationPrompt(
                booking("Ana <break time=\"9s\"/> María\u0007 {venue}", "en-GB", Instant.parse("2026-11-21T19:00:00Z")),
                now);
        assertThat(prompt)
                .as("markup, control characters and template braces are gone")
                .startsWith("Hello Ana María venue, this is Luigi's");
        assertThat(SpeechText.clean("  Zoë   O'Brien-Smith  ", 60)).isEqualTo("Zoë O'Brien-Smith");
        assertThat(SpeechText.clean("a very long name indeed", 12)).isEqualTo("a very long");
    }
}
