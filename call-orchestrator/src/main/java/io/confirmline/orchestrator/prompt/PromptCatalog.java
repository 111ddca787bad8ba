package io.confirmline.orchestrator.prompt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * The words of a confirmation call, per language (en, es, fr, de shipped; a tenant can override any of them).
 * The booking time is spoken in the venue's time zone and the guest's language: "today at 8:00 PM", "mañana a las
 * 20:00". User data is cleaned for TTS before it is put into a sentence.
 */
public final class PromptCatalog {

    /** The sentences of one language. {@code {name}}, {@code {venue}}, {@code {party}}, {@code {service}}, {@code {when}}. */
    public record Texts(String reservationPrompt, String appointmentPrompt, String confirmed, String cancelled,
            String invalidDigit, String noInput, String goodbye, String today, String tomorrow, String at) {
    }

    static final Map<String, Texts> SHIPPED = Map.of(
            "en", new Texts(
                    "Hello {name}, this is {venue} confirming your table for {party} {when}. Press 1 to confirm, or 0 to cancel.",
                    "Hello {name}, this is {venue} confirming your appointment{service} {when}. Press 1 to confirm, or 0 to cancel.",
                    "Thank you, your booking is confirmed. See you {when}. Goodbye.",
                    "Your booking has been cancelled. Thank you for letting us know. Goodbye.",
                    "Sorry, that is not an option. Press 1 to confirm, or 0 to cancel.",
                    "We did not hear a key. Press 1 to confirm, or 0 to cancel.",
                    "We could not get your answer. We will try again later. Goodbye.",
                    "today", "tomorrow", "at"),
            "es", new Texts(
                    "Hola {name}, le llamamos de {venue} para confirmar su mesa para {party} {when}. Pulse 1 para confirmar, o 0 para cancelar.",
                    "Hola {name}, le llamamos de {venue} para confirmar su cita{service} {when}. Pulse 1 para confirmar, o 0 para cancelar.",
                    "Gracias, su reserva está confirmada. Le esperamos {when}. Adiós.",
                    "Su reserva ha sido cancelada. Gracias por avisarnos. Adiós.",
                    "Lo sentimos, esa opción no es válida. Pulse 1 para confirmar, o 0 para cancelar.",
                    "No hemos recibido ninguna tecla. Pulse 1 para confirmar, o 0 para cancelar.",
                    "No hemos podido recibir su respuesta. Volveremos a llamar más tarde. Adiós.",
                    "hoy", "mañana", "a las"),
            "fr", new Texts(
                    "Bonjour {name}, ici {venue}, nous confirmons votre table pour {party} {when}. Appuyez sur 1 pour confirmer, ou sur 0 pour annuler.",
                    "Bonjour {name}, ici {venue}, nous confirmons votre rendez-vous{service} {when}. Appuyez sur 1 pour confirmer, ou sur 0 pour annuler.",
                    "Merci, votre réservation est confirmée. À {when}. Au revoir.",
                    "Votre réservation a été annulée. Merci de nous avoir prévenus. Au revoir.",
                    "Désolé, ce choix n'est pas valide. Appuyez sur 1 pour confirmer, ou sur 0 pour annuler.",
                    "Nous n'avons entendu aucune touche. Appuyez sur 1 pour confirmer, ou sur 0 pour annuler.",
                    "Nous n'avons pas reçu votre réponse. Nous rappellerons plus tard. Au revoir.",
                    "aujourd'hui", "demain", "à"),
            "de", new Texts(
                    "Hallo {name}, hier ist {venue}. Wir bestätigen Ihren Tisch für {party} {when}. Drücken Sie 1 zum Bestätigen oder 0 zum Stornieren.",
                    "Hallo {name}, hier ist {venue}. Wir bestätigen Ihren Termin{service} {when}. Drücken Sie 1 zum Bestätigen oder 0 zum Stornieren.",
                    "Vielen Dank, Ihre Buchung ist bestätigt. Bis {when}. Auf Wiederhören.",
                    "Ihre Buchung wurde storniert. Danke für Ihre Nachricht. Auf Wiederhören.",
                    "Das ist leider keine gültige Auswahl. Drücken Sie 1 zum Bestätigen oder 0 zum Stornieren.",
                    "Wir haben keine Taste gehört. Drücken Sie 1 zum Bestätigen oder 0 zum Stornieren.",
                    "Wir konnten Ihre Antwort nicht erhalten. Wir rufen später noch einmal an. Auf Wiederhören.",
                    "heute", "morgen", "um"));

    private final Map<String, Texts> texts;

    public PromptCatalog(Map<String, Texts> overrides) {
        java.util.HashMap<String, Texts> merged = new java.util.HashMap<>(SHIPPED);
        merged.putAll(overrides);
        this.texts = Map.copyOf(merged);
    }

    /** The texts for a BCP 47 tag: the exact tag, then its language, then English. */
    public Texts forLocale(String languageTag) {
        Locale locale = Locale.forLanguageTag(languageTag == null ? "en" : languageTag);
        Texts exact = texts.get(locale.toLanguageTag());
        if (exact != null) {
            return exact;
        }
        return texts.getOrDefault(locale.getLanguage(), texts.get("en"));
    }

    /** The details a prompt speaks about. */
    public record Booking(String guestName, String venueName, Integer partySize, String serviceName, Instant startsAt,
            ZoneId zone, String languageTag) {
    }

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

    /** "today at 8:00 PM", "tomorrow at 20:00", or "on Saturday 28 November at 20:00", in the venue's zone. */
    String when(Booking b, Instant now) {
        Texts t = forLocale(b.languageTag());
        Locale locale = Locale.forLanguageTag(b.languageTag() == null ? "en" : b.languageTag());
        ZonedDateTime start = b.startsAt().atZone(b.zone());
        LocalDate today = now.atZone(b.zone()).toLocalDate();
        String time = start.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale));
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
        String service = b.serviceName() == null || b.serviceName().isBlank() ? ""
                : " (" + SpeechText.clean(b.serviceName(), 80) + ")";
        return template.replace("{name}", SpeechText.clean(b.guestName(), 60))
                .replace("{venue}", SpeechText.clean(b.venueName(), 80))
                .replace("{party}", b.partySize() == null ? "" : Integer.toString(b.partySize()))
                .replace("{service}", service)
                .replace("{when}", when(b, now));
    }
}
