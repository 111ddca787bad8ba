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

import io.confirmline.tenant.PromptTemplates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of a confirmation call, per language (en, es, fr, de shipped; a tenant can override any of them).
 * The booking time is spoken in the venue's time zone and the guest's language: "today at 8:00 PM", "mañana a las
 * 20:00". The keys to press are the tenant's. User data is cleaned for TTS before it is put into a sentence.
 */
public final class PromptCatalog {

    /**
     * The sentences of one language; each may use {@code {name}}, {@code {venue}}, {@code {party}},
     * {@code {service}}, {@code {when}}, {@code {confirmDigit}}, {@code {cancelDigit}} and {@code {transferDigit}}. The words {@code today},
     * {@code tomorrow} and {@code at} (used to say {@code {when}}) take none. A tenant's template may leave any of
     * them out (null or blank): the shipped text of its language is used for it.
     *
     * @param reservationPrompt the question a reservation call asks
     * @param appointmentPrompt the question an appointment call asks
     * @param confirmed the reply to the confirm key
     * @param cancelled the reply to the cancel key
     * @param invalidDigit the re-prompt after another key
     * @param noInput the re-prompt after silence
     * @param goodbye the last words when the re-prompts are spent
     * @param transferOffer said after the question and the re-prompts when the guest can be put through to the venue
     * @param putThrough said before the guest is bridged to the venue's phone
     * @param callbackReservation what a guest who calls back hears about their reservation, with its keys
     * @param callbackAppointment the same for an appointment
     * @param callbackClosed what a caller hears when nobody at the venue can take the call now (outside opening
     *     hours, no venue phone); a text follows
     */
    public record Texts(
            String reservationPrompt,
            String appointmentPrompt,
            String confirmed,
            String cancelled,
            String invalidDigit,
            String noInput,
            String goodbye,
            String today,
            String tomorrow,
            String at,
            String transferOffer,
            String putThrough,
            String callbackReservation,
            String callbackAppointment,
            String callbackClosed) {

        /** A tenant's templates of one language, by the names of {@link PromptTemplates}; absent ones are null. */
        static Texts of(Map<String, String> byName) {
            return new Texts(
                    byName.get("reservation-prompt"),
                    byName.get("appointment-prompt"),
                    byName.get("confirmed"),
                    byName.get("cancelled"),
                    byName.get("invalid-digit"),
                    byName.get("no-input"),
                    byName.get("goodbye"),
                    byName.get("today"),
                    byName.get("tomorrow"),
                    byName.get("at"),
                    byName.get("transfer-offer"),
                    byName.get("put-through"),
                    byName.get("callback-reservation"),
                    byName.get("callback-appointment"),
                    byName.get("callback-closed"));
        }

        /** This text with each sentence it leaves out taken from {@code fallback}. */
        Texts orElse(Texts fallback) {
            return new Texts(
                    pick(reservationPrompt, fallback.reservationPrompt),
                    pick(appointmentPrompt, fallback.appointmentPrompt),
                    pick(confirmed, fallback.confirmed),
                    pick(cancelled, fallback.cancelled),
                    pick(invalidDigit, fallback.invalidDigit),
                    pick(noInput, fallback.noInput),
                    pick(goodbye, fallback.goodbye),
                    pick(today, fallback.today),
                    pick(tomorrow, fallback.tomorrow),
                    pick(at, fallback.at),
                    pick(transferOffer, fallback.transferOffer),
                    pick(putThrough, fallback.putThrough),
                    pick(callbackReservation, fallback.callbackReservation),
                    pick(callbackAppointment, fallback.callbackAppointment),
                    pick(callbackClosed, fallback.callbackClosed));
        }

        private static String pick(String text, String fallback) {
            return text == null || text.isBlank() ? fallback : text;
        }
    }

    static final Map<String, Texts> SHIPPED = Map.of(
            "en",
                    new Texts(
                            "Hello {name}, this is {venue} confirming your table for {party} {when}. Press {confirmDigit} to confirm, or {cancelDigit} to cancel.",
                            "Hello {name}, this is {venue} confirming your appointment{service} {when}. Press {confirmDigit} to confirm, or {cancelDigit} to cancel.",
                            "Thank you, your booking is confirmed. See you {when}. Goodbye.",
                            "Your booking has been cancelled. Thank you for letting us know. Goodbye.",
                            "Sorry, that is not an option. Press {confirmDigit} to confirm, or {cancelDigit} to cancel.",
                            "We did not hear a key. Press {confirmDigit} to confirm, or {cancelDigit} to cancel.",
                            "We could not get your answer. We will try again later. Goodbye.",
                            "today",
                            "tomorrow",
                            "at",
                            "Or press {transferDigit} to speak to {venue}.",
                            "Putting you through to {venue}. Please hold.",
                            "Hello {name}, you have a table for {party} {when} at {venue}. Press {confirmDigit} to confirm, or {cancelDigit} to cancel.",
                            "Hello {name}, you have an appointment{service} {when} at {venue}. Press {confirmDigit} to confirm, or {cancelDigit} to cancel.",
                            "Sorry, {venue} cannot take your call right now. We will send you a text. Goodbye."),
            "es",
                    new Texts(
                            "Hola {name}, le llamamos de {venue} para confirmar su mesa para {party} {when}. Pulse {confirmDigit} para confirmar, o {cancelDigit} para cancelar.",
                            "Hola {name}, le llamamos de {venue} para confirmar su cita{service} {when}. Pulse {confirmDigit} para confirmar, o {cancelDigit} para cancelar.",
                            "Gracias, su reserva está confirmada. Le esperamos {when}. Adiós.",
                            "Su reserva ha sido cancelada. Gracias por avisarnos. Adiós.",
                            "Lo sentimos, esa opción no es válida. Pulse {confirmDigit} para confirmar, o {cancelDigit} para cancelar.",
                            "No hemos recibido ninguna tecla. Pulse {confirmDigit} para confirmar, o {cancelDigit} para cancelar.",
                            "No hemos podido recibir su respuesta. Volveremos a llamar más tarde. Adiós.",
                            "hoy",
                            "mañana",
                            "a las",
                            "O pulse {transferDigit} para hablar con {venue}.",
                            "Le pasamos con {venue}. Un momento, por favor.",
                            "Hola {name}, tiene una mesa para {party} {when} en {venue}. Pulse {confirmDigit} para confirmar, o {cancelDigit} para cancelar.",
                            "Hola {name}, tiene una cita{service} {when} en {venue}. Pulse {confirmDigit} para confirmar, o {cancelDigit} para cancelar.",
                            "Lo sentimos, en {venue} no pueden atender su llamada ahora. Le enviaremos un mensaje. Adiós."),
            "fr",
                    new Texts(
                            "Bonjour {name}, ici {venue}, nous confirmons votre table pour {party} {when}. Appuyez sur {confirmDigit} pour confirmer, ou sur {cancelDigit} pour annuler.",
                            "Bonjour {name}, ici {venue}, nous confirmons votre rendez-vous{service} {when}. Appuyez sur {confirmDigit} pour confirmer, ou sur {cancelDigit} pour annuler.",
                            "Merci, votre réservation est confirmée. À {when}. Au revoir.",
                            "Votre réservation a été annulée. Merci de nous avoir prévenus. Au revoir.",
                            "Désolé, ce choix n'est pas valide. Appuyez sur {confirmDigit} pour confirmer, ou sur {cancelDigit} pour annuler.",
                            "Nous n'avons entendu aucune touche. Appuyez sur {confirmDigit} pour confirmer, ou sur {cancelDigit} pour annuler.",
                            "Nous n'avons pas reçu votre réponse. Nous rappellerons plus tard. Au revoir.",
                            "aujourd'hui",
                            "demain",
                            "à",
                            "Ou appuyez sur {transferDigit} pour parler à {venue}.",
                            "Nous vous mettons en relation avec {venue}. Veuillez patienter.",
                            "Bonjour {name}, vous avez une table pour {party} {when} chez {venue}. Appuyez sur {confirmDigit} pour confirmer, ou sur {cancelDigit} pour annuler.",
                            "Bonjour {name}, vous avez un rendez-vous{service} {when} chez {venue}. Appuyez sur {confirmDigit} pour confirmer, ou sur {cancelDigit} pour annuler.",
                            "Désolé, {venue} ne peut pas prendre votre appel pour le moment. Nous vous enverrons un SMS. Au revoir."),
            "de",
                    new Texts(
                            "Hallo {name}, hier ist {venue}. Wir bestätigen Ihren Tisch für {party} {when}. Drücken Sie {confirmDigit} zum Bestätigen oder {cancelDigit} zum Stornieren.",
                            "Hallo {name}, hier ist {venue}. Wir bestätigen Ihren Termin{service} {when}. Drücken Sie {confirmDigit} zum Bestätigen oder {cancelDigit} zum Stornieren.",
                            "Vielen Dank, Ihre Buchung ist bestätigt. Bis {when}. Auf Wiederhören.",
                            "Ihre Buchung wurde storniert. Danke für Ihre Nachricht. Auf Wiederhören.",
                            "Das ist leider keine gültige Auswahl. Drücken Sie {confirmDigit} zum Bestätigen oder {cancelDigit} zum Stornieren.",
                            "Wir haben keine Taste gehört. Drücken Sie {confirmDigit} zum Bestätigen oder {cancelDigit} zum Stornieren.",
                            "Wir konnten Ihre Antwort nicht erhalten. Wir rufen später noch einmal an. Auf Wiederhören.",
                            "heute",
                            "morgen",
                            "um",
                            "Oder drücken Sie {transferDigit}, um mit {venue} zu sprechen.",
                            "Wir verbinden Sie mit {venue}. Bitte bleiben Sie dran.",
                            "Hallo {name}, Sie haben einen Tisch für {party} {when} bei {venue}. Drücken Sie {confirmDigit} zum Bestätigen oder {cancelDigit} zum Stornieren.",
                            "Hallo {name}, Sie haben einen Termin{service} {when} bei {venue}. Drücken Sie {confirmDigit} zum Bestätigen oder {cancelDigit} zum Stornieren.",
                            "Leider kann {venue} Ihren Anruf gerade nicht annehmen. Wir schicken Ihnen eine SMS. Auf Wiederhören."));

    /** The keys the prompts tell the guest to press. */
    private record Digits(String confirm, String cancel, String transfer) {}

    private final Map<String, Texts> texts;
    private final Digits digits;

    /** The shipped texts with {@code overrides}, for the default digits (1 confirms, 0 cancels). */
    public PromptCatalog(Map<String, Map<String, String>> overrides) {
        this(overrides, "1", "0");
    }

    /**
     * @param overrides a tenant's templates by BCP 47 tag or language, then by template name as
     *     {@link PromptTemplates} names them ({@code reservation-prompt}...); a sentence left out comes from the
     *     shipped text of that tag's language, then English
     * @param confirmDigit the key that confirms, said wherever a sentence has {@code {confirmDigit}}
     * @param cancelDigit the key that cancels, said wherever a sentence has {@code {cancelDigit}}
     * @throws IllegalArgumentException naming every template {@link PromptTemplates} refuses (an unknown template
     *     or placeholder)
     */
    public PromptCatalog(Map<String, Map<String, String>> overrides, String confirmDigit, String cancelDigit) {
        this(overrides, confirmDigit, cancelDigit, "9");
    }

    /** As above, also saying {@code transferDigit} wherever a sentence has {@code {transferDigit}}. */
    public PromptCatalog(
            Map<String, Map<String, String>> overrides, String confirmDigit, String cancelDigit, String transferDigit) {
        this(merged(overrides), new Digits(confirmDigit, cancelDigit, transferDigit));
    }

    private PromptCatalog(Map<String, Texts> texts, Digits digits) {
        this.texts = texts;
        this.digits = digits;
    }

    private static Map<String, Texts> merged(Map<String, Map<String, String>> overrides) {
        // The console accepts a tenant by the same grammar, so what it accepted is what is said here.
        List<String> problems = PromptTemplates.problems(overrides);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        java.util.HashMap<String, Texts> merged = new java.util.HashMap<>(SHIPPED);
        // Tags are stored as Locale writes them, so "es-mx" from a property file is found for a guest's "es-MX".
        overrides.forEach((tag, override) -> merged.put(
                Locale.forLanguageTag(tag).toLanguageTag(), Texts.of(override).orElse(lookup(SHIPPED, tag))));
        return Map.copyOf(merged);
    }

    /** The same sentences for another digit map, so what is said always matches the keys that act. */
    public PromptCatalog withDigits(String confirm, String cancel) {
        return withDigits(confirm, cancel, digits.transfer());
    }

    /** The same sentences for another digit map, the transfer key included. */
    public PromptCatalog withDigits(String confirm, String cancel, String transfer) {
        Digits wanted = new Digits(confirm, cancel, transfer);
        return wanted.equals(digits) ? this : new PromptCatalog(texts, wanted);
    }

    /** The texts for a BCP 47 tag: the exact tag, then its language, then English. */
    public Texts forLocale(String languageTag) {
        return lookup(texts, languageTag);
    }

    private static Texts lookup(Map<String, Texts> texts, String languageTag) {
        Locale locale = Locale.forLanguageTag(languageTag == null ? "en" : languageTag);
        Texts exact = texts.get(locale.toLanguageTag());
        if (exact != null) {
            return exact;
        }
        return texts.getOrDefault(locale.getLanguage(), texts.get("en"));
    }

    /** The details a prompt speaks about. */
    public record Booking(
            String guestName,
            String venueName,
            Integer partySize,
            String serviceName,
            Instant startsAt,
            ZoneId zone,
            String languageTag) {}

    public String reservationPrompt(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).reservationPrompt(), b, now);
    }

    public String appointmentPrompt(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).appointmentPrompt(), b, now);
    }

    public String confirmed(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).confirmed(), b, now);
    }

    public String cancelled(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).cancelled(), b, now);
    }

    public String invalidDigit(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).invalidDigit(), b, now);
    }

    public String noInput(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).noInput(), b, now);
    }

    public String goodbye(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).goodbye(), b, now);
    }

    /** "Or press 9 to speak to Luigi's." — only for a call whose transfer key works. */
    public String transferOffer(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).transferOffer(), b, now);
    }

    /** "Putting you through to Luigi's. Please hold." — said before the guest is bridged to the venue. */
    public String putThrough(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).putThrough(), b, now);
    }

    /**
     * "Hello Ana, you have a table for 4 today at 8:00 PM at Luigi's. Press 1 to confirm, or 0 to cancel." — the
     * menu a guest hears calling the venue's number back (add {@link #transferOffer} when the venue takes calls).
     */
    public String callbackReservation(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).callbackReservation(), b, now);
    }

    /** The call-back menu of an appointment. */
    public String callbackAppointment(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).callbackAppointment(), b, now);
    }

    /** "Sorry, Luigi's cannot take your call right now. We will send you a text. Goodbye." */
    public String callbackClosed(Booking b, Instant now) {
        return fill(forLocale(b.languageTag()).callbackClosed(), b, now);
    }

    /** "today at 8:00 PM", "tomorrow at 20:00", or "on Saturday 28 November at 20:00", in the venue's zone. */
    String when(Booking b, Instant now) {
        Texts t = forLocale(b.languageTag());
        Locale locale = Locale.forLanguageTag(b.languageTag() == null ? "en" : b.languageTag());
        ZonedDateTime start = b.startsAt().atZone(b.zone());
        LocalDate today = now.atZone(b.zone()).toLocalDate();
        String time = start.format(
                DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale));
        String day;
        if (start.toLocalDate().equals(today)) {
            day = t.today();
        } else if (start.toLocalDate().equals(today.plusDays(1))) {
            day = t.tomorrow();
        } else {
            day = start.format(DateTimeFormatter.ofPattern("EEEE d MMMM", locale));
        }
        return day + " " + t.at() + " " + time;
    }

    private String fill(String template, Booking b, Instant now) {
        String service = b.serviceName() == null || b.serviceName().isBlank()
                ? ""
                : " (" + SpeechText.clean(b.serviceName(), 80) + ")";
        return template.replace("{name}", SpeechText.clean(b.guestName(), 60))
                .replace("{venue}", SpeechText.clean(b.venueName(), 80))
                .replace("{party}", b.partySize() == null ? "" : Integer.toString(b.partySize()))
                .replace("{service}", service)
                .replace("{when}", when(b, now))
                .replace("{confirmDigit}", digits.confirm())
                .replace("{cancelDigit}", digits.cancel())
                .replace("{transferDigit}", digits.transfer());
    }
}
