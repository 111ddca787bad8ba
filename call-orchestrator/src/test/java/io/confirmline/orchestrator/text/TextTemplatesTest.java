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

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.sms.SmsParts;
import io.confirmline.tenant.PromptTemplates;
import io.confirmline.tenant.Tenant;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The texts guests read: their booking in their language and the venue's zone, the tenant's digits and words. */
class TextTemplatesTest {

    final TextTemplates templates = new TextTemplates();
    final Tenant luigis = TextTenants.luigis();
    /** Friday 12 December 2025, 20:00 in Rome (19:00 UTC). */
    final Instant friday8pm = Instant.parse("2025-12-12T19:00:00Z");

    final ZoneId rome = ZoneId.of("Europe/Rome");

    TextTemplates.Booking table(String locale) {
        return new TextTemplates.Booking("Luigi's", friday8pm, rome, 4, "Ana", locale, false, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en-GB | Luigi's: your table for 4 on Fri 12 Dec at 20:00. Reply 1 to confirm or 0 to cancel your table.
            en-US | Luigi's: your table for 4 on Fri 12 Dec at 8:00 PM. Reply 1 to confirm or 0 to cancel your table.
            es-ES | Luigi's: su mesa para 4 el vie 12 de dic a las 20:00. Responda 1 para confirmar o 0 para cancelar su mesa.
            fr-FR | Luigi's : votre table pour 4 le ven. 12 déc. à 20:00. Répondez 1 pour confirmer ou 0 pour annuler votre table.
            de-DE | Luigi's: Ihr Tisch für 4 am Fr., 12. Dez. um 20:00. Antworten Sie 1 zum Bestätigen oder 0 zum Stornieren.
            """)
    void theFallbackCarriesTheBookingInTheGuestsLanguageAndTheVenuesZone(String locale, String expected) {
        assertThat(templates.fallback(luigis, table(locale))).isEqualTo(expected);
    }

    @Test
    void theDayAndTimeAreTheVenuesNotUtcs() {
        // 23:30 UTC on Friday is already Saturday in Rome.
        TextTemplates.Booking late = new TextTemplates.Booking(
                "Luigi's", Instant.parse("2025-12-12T23:30:00Z"), rome, 2, null, "en-GB", false, null);
        assertThat(templates.fallback(luigis, late)).contains("table for 2 on Sat 13 Dec at 00:30");
    }

    @Test
    void anAppointmentSaysAppointmentAndItsServiceAndAskForTheTenantsDigits() {
        Tenant salon = TextTenants.tenant(Map.of(), Optional.empty(), Optional.empty(), "5", "6");
        TextTemplates.Booking haircut =
                new TextTemplates.Booking("Salon Rosa", friday8pm, rome, null, "Ana", "en-GB", true, "Haircut");
        assertThat(templates.fallback(salon, haircut))
                .isEqualTo("Salon Rosa: your appointment (Haircut) on Fri 12 Dec"
                        + " at 20:00. Reply 5 to confirm or 6 to cancel your appointment.");
        assertThat(templates.fallback(
                        salon, new TextTemplates.Booking("Salon Rosa", friday8pm, rome, null, null, "es", true, null)))
                .startsWith("Salon Rosa: su cita el vie 12 de dic a las 20:00. Responda 5 para confirmar o 6");
    }

    @Test
    void noPartySizeIsJustATable() {
        TextTemplates.Booking b =
                new TextTemplates.Booking("Luigi's", friday8pm, rome, null, null, "en-GB", false, null);
        assertThat(templates.fallback(luigis, b)).startsWith("Luigi's: your table on Fri 12 Dec at 20:00.");
    }

    @Test
    void acknowledgementsNameTheBookingInEachLanguage() {
        assertThat(templates.confirmed(luigis, table("en-GB")))
                .isEqualTo("Luigi's: thanks, your table for 4 on Fri 12 Dec at 20:00 is confirmed. See you then!");
        assertThat(templates.cancelled(luigis, table("en-GB")))
                .isEqualTo(
                        "Luigi's: your table for 4 on Fri 12 Dec at 20:00 is cancelled. Thanks for letting us know.");
        assertThat(templates.confirmed(luigis, table("es-MX")))
                .contains("mesa para 4", "12 de dic", "20:00", "confirmada");
        assertThat(templates.cancelled(luigis, table("fr")))
                .contains("table pour 4", "ven. 12 déc.", "20:00", "annulé");
        assertThat(templates.confirmed(luigis, table("de-AT"))).contains("Tisch für 4", "12.", "20:00", "bestätigt");
    }

    @Test
    void textsAboutTheGuestNameTheVenueAndTheKeywords() {
        assertThat(templates.optedOut(luigis, "en"))
                .isEqualTo("You won't get any more texts or calls from Luigi's. Reply START to opt back in.");
        assertThat(templates.optedIn(luigis, "en")).contains("Luigi's", "STOP");
        assertThat(templates.holding(luigis, "en"))
                .isEqualTo("Thanks, we've passed your message to Luigi's; they'll get back to you.");
        assertThat(templates.noBooking(luigis, "de")).startsWith("Luigi's: Wir haben keine anstehende Buchung");
        assertThat(templates.missedCall(luigis, "en"))
                .isEqualTo("Sorry we missed you at Luigi's. Reply here and we'll get back to you.");
        assertThat(templates.missedCall(luigis, "es-MX")).contains("Luigi's", "Responda");
        assertThat(templates.missedCall(luigis, "fr")).contains("Luigi's", "Répondez");
        assertThat(templates.missedCall(luigis, "de")).contains("Luigi's", "verpasst");
        assertThat(templates.optedOut(luigis, "es")).contains("Luigi's", "START");
        assertThat(templates.optedOut(luigis, "fr")).contains("Luigi's", "START");
    }

    @Test
    void helpIsTheTenantsHelpTextElseTheVenueWithItsPhoneAndHowToOptOut() {
        assertThat(templates.help(luigis, "en"))
                .isEqualTo("Luigi's: texts about your bookings. For help call +390212345678. Reply STOP to opt out.");
        Tenant noPhone = TextTenants.tenant(Map.of(), Optional.empty(), Optional.empty(), "1", "0");
        assertThat(templates.help(noPhone, "fr"))
                .isEqualTo("Luigi's : SMS sur vos réservations. Répondez STOP pour vous désabonner.");
        Tenant ownHelp = TextTenants.tenant(
                Map.of(),
                Optional.of("+390212345678"),
                Optional.of("Luigi's: call us on 02 1234 5678. Text STOP to opt out."),
                "1",
                "0");
        assertThat(templates.help(ownHelp, "es")).isEqualTo("Luigi's: call us on 02 1234 5678. Text STOP to opt out.");
    }

    @Test
    void theTenantsTemplateWinsByTagThenLanguageAndTheRestStayShipped() {
        Tenant custom = TextTenants.tenant(
                Map.of(
                        "es-MX",
                                Map.of(
                                        "sms-fallback",
                                        "{venue} (MX): {booking}, {day} a las {time}. {confirmDigit} sí / {cancelDigit} no"),
                        "es",
                                Map.of(
                                        "sms-fallback",
                                        "{venue}: {booking} el {when}. {confirmDigit} o {cancelDigit}",
                                        "sms-help",
                                        "{venue}: llame al {venuePhone}."),
                        "it", Map.of("sms-confirmed", "{venue}: confermato per {party} persone, {when}.")),
                Optional.of("+390212345678"),
                Optional.of("Tenant help"),
                "1",
                "0");

        assertThat(templates.fallback(custom, table("es-MX")))
                .isEqualTo(
                        "Luigi's (MX): mesa para 4, vie 12 de dic. a las 20:00. 1 sí / 0 no"); // es-MX abbreviates with
        // a dot
        assertThat(templates.fallback(custom, table("es-ES")))
                .isEqualTo("Luigi's: mesa para 4 el vie 12 de dic a las 20:00. 1 o 0");
        assertThat(templates.help(custom, "es")).isEqualTo("Luigi's: llame al +390212345678.");
        assertThat(templates.help(custom, "en")).isEqualTo("Tenant help");
        assertThat(templates.confirmed(custom, table("es-ES"))).contains("queda confirmada");
        // A language we do not ship, written by the tenant: its words, the day in Italian, no English "at".
        assertThat(templates.confirmed(custom, table("it-IT")))
                .isEqualTo("Luigi's: confermato per 4 persone, ven 12 dic, 20:00.");
        assertThat(templates.fallback(custom, table("it-IT")))
                .startsWith("Luigi's: your table for 4 on Fri 12 Dec at 20:00.");
    }

    @Test
    void aTemplateTheGrammarRefusesIsNotSentAndTheShippedTextIs() {
        Tenant broken = TextTenants.tenant(
                Map.of("en", Map.of("sms-holding", "Thanks {guest}!")), Optional.empty(), Optional.empty(), "1", "0");
        assertThat(templates.holding(broken, "en"))
                .isEqualTo("Thanks, we've passed your message to Luigi's; they'll get back to you.");
    }

    @ParameterizedTest
    @CsvSource({"it-IT", "pt", "zh-Hans-CN", "''", "not a tag"})
    void anUnknownOrMissingLocaleGetsEnglish(String locale) {
        assertThat(templates.fallback(luigis, table(locale.isEmpty() ? null : locale)))
                .startsWith("Luigi's: your table for 4 on Fri 12 Dec at")
                .endsWith("Reply 1 to confirm or 0 to cancel your table.");
        assertThat(templates.holding(luigis, locale)).startsWith("Thanks, we've passed your message");
    }

    @Test
    void everyShippedTextExistsInEveryLanguageAndUsesOnlyKnownPlaceholders() {
        TextTemplates.SHIPPED.forEach((language, words) -> {
            assertThat(words.texts().keySet()).containsExactlyInAnyOrderElementsOf(PromptTemplates.TEXTS);
            words.texts()
                    .forEach((name, text) ->
                            assertThat(PromptTemplates.problem(name, text)).isEmpty());
        });
    }

    @Test
    void theEnglishTextsFitOneGsmSegmentAndNoneAsksForTheWordCancel() {
        String venue = "The Long Venue Name Trattoria";
        TextTemplates.Booking b =
                new TextTemplates.Booking(venue, friday8pm, rome, 12, "Ana", "en-US", true, "Colour and cut");
        Tenant tenant = TextTenants.tenant(Map.of(), Optional.of("+390212345678"), Optional.empty(), "1", "0");
        List<String> english = List.of(
                templates.fallback(tenant, b),
                templates.confirmed(tenant, b),
                templates.cancelled(tenant, b),
                templates.optedOut(tenant, "en"),
                templates.optedIn(tenant, "en"),
                templates.help(tenant, "en"),
                templates.holding(tenant, "en"),
                templates.noBooking(tenant, "en"),
                templates.missedCall(tenant, "en"));
        assertThat(english).allSatisfy(text -> {
            assertThat(SmsParts.of(text))
                    .as(text)
                    .isEqualTo(new SmsParts(
                            SmsParts.Encoding.GSM7, 1, SmsParts.of(text).characters()));
            assertThat(text).doesNotContainIgnoringCase("reply cancel").doesNotContainIgnoringCase("text cancel");
        });
    }
}
