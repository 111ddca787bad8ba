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

import io.confirmline.prompt.TextCatalog;
import io.confirmline.tenant.PromptTemplates;
import io.confirmline.tenant.Tenant;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The texts a guest gets, in English, Spanish, French and German (any other language gets English unless the
 * tenant wrote that language's text). The language is the booking's {@code guestLocale} (a BCP 47 tag; its
 * language part picks the shipped text, the whole tag formats the day and time). A tenant overrides any text
 * through its {@code prompts} with the {@code sms-} names of {@link PromptTemplates#TEXTS} and the placeholders of
 * {@link PromptTemplates#TEXT_PLACEHOLDERS}, looked up by the exact tag, then its language, then English.
 *
 * <p>The day and time are those of the venue's zone, in the guest's language ("Fri 12 Dec at 20:00", "vie 12 de
 * dic a las 20:00"), never "today": a text is read later than it is sent. The fallback asks for the tenant's
 * digits, never for the word "cancel", which would opt the guest out (docs/sms-keywords.md). The English texts
 * fit one GSM-7 segment for ordinary venue names.
 *
 * <p>Pure: no state besides the shipped texts.
 */
@Component
public class TextTemplates {

    private static final Logger log = LoggerFactory.getLogger(TextTemplates.class);
    /**
     * How English is written for a guest whose language we do not know or do not ship: day before month and a
     * 24-hour clock, read the same way almost everywhere.
     */
    private static final Locale INTERNATIONAL = Locale.UK;

    /**
     * What a text says about a booking.
     *
     * @param venueName the venue's name as the booking gives it; the tenant's name when blank
     * @param startsAt when it starts
     * @param zone the venue's zone, in which day and time are written
     * @param partySize guests, when known
     * @param guestName the guest's name, when known
     * @param locale the guest's BCP 47 tag ({@code es-ES}); null reads as English
     * @param appointment an appointment rather than a table
     * @param serviceName what the appointment is for, when known
     */
    public record Booking(
            String venueName,
            Instant startsAt,
            ZoneId zone,
            Integer partySize,
            String guestName,
            String locale,
            boolean appointment,
            String serviceName) {}

    /** The shipped words of one language. */
    record Language(
            Map<String, String> texts,
            String helpWithoutPhone,
            String table,
            String tableFor,
            String appointment,
            String dayPattern,
            String at) {}

    static final Map<String, Language> SHIPPED = Map.of(
            "en",
                    new Language(
                            TextCatalog.shipped("en"),
                            "{venue}: texts about your bookings. Reply STOP to opt out.",
                            "table",
                            "table for {party}",
                            "appointment",
                            "EEE d MMM",
                            "at"),
            "es",
                    new Language(
                            TextCatalog.shipped("es"),
                            "{venue}: mensajes sobre sus reservas. Responda STOP para darse de baja.",
                            "mesa",
                            "mesa para {party}",
                            "cita",
                            "EEE d 'de' MMM",
                            "a las"),
            "fr",
                    new Language(
                            TextCatalog.shipped("fr"),
                            "{venue} : SMS sur vos réservations. Répondez STOP pour vous désabonner.",
                            "table",
                            "table pour {party}",
                            "rendez-vous",
                            "EEE d MMM",
                            "à"),
            "de",
                    new Language(
                            TextCatalog.shipped("de"),
                            "{venue}: SMS zu Ihren Buchungen. Antworten Sie STOP zum Abmelden.",
                            "Tisch",
                            "Tisch für {party}",
                            "Termin",
                            "EEE, d. MMM",
                            "um"));

    /** The text that asks the guest to confirm or cancel by digit. */
    public String fallback(Tenant tenant, Booking b) {
        return aboutBooking(tenant, b, "sms-fallback");
    }

    /** The acknowledgement of a confirmation by text; names the booking, as a guest may have several. */
    public String confirmed(Tenant tenant, Booking b) {
        return aboutBooking(tenant, b, "sms-confirmed");
    }

    /** The acknowledgement of a cancellation by text; names the booking. */
    public String cancelled(Tenant tenant, Booking b) {
        return aboutBooking(tenant, b, "sms-cancelled");
    }

    /** The one confirmation an opt-out may get (FCC 24-24): no more texts or calls, and how to opt back in. */
    public String optedOut(Tenant tenant, String locale) {
        return aboutGuest(tenant, locale, "sms-opted-out");
    }

    /** The answer to START/UNSTOP. */
    public String optedIn(Tenant tenant, String locale) {
        return aboutGuest(tenant, locale, "sms-opted-in");
    }

    /**
     * The answer to HELP: the tenant's {@code sms-help} template for the language, else its
     * {@code texting.helpText}, else the shipped one (venue, its phone when set, how to opt out).
     */
    public String help(Tenant tenant, String locale) {
        Chosen chosen = choose(tenant, locale, "sms-help");
        if (!chosen.fromTenant()) {
            if (tenant.texting() != null
                    && tenant.texting().helpText().filter(t -> !t.isBlank()).isPresent()) {
                return fill(tenant.texting().helpText().get(), tenant, null, chosen);
            }
            if (tenant.venuePhone().filter(p -> !p.isBlank()).isEmpty()) {
                return fill(SHIPPED.get(chosen.language()).helpWithoutPhone(), tenant, null, chosen);
            }
        }
        return fill(chosen.template(), tenant, null, chosen);
    }

    /** The automatic "we'll get back to you" to a message the parser left to the owner. */
    public String holding(Tenant tenant, String locale) {
        return aboutGuest(tenant, locale, "sms-holding");
    }

    /**
     * The text-back after a missed call (issue #15): a call-back nobody at the venue answered, or one that came
     * outside opening hours. Plain punctuation, so the English text stays one GSM-7 segment.
     */
    public String missedCall(Tenant tenant, String locale) {
        return aboutGuest(tenant, locale, "sms-missed-call");
    }

    /** The answer to a clear yes or no from a number with no open booking at this tenant. */
    public String noBooking(Tenant tenant, String locale) {
        return aboutGuest(tenant, locale, "sms-no-booking");
    }

    /**
     * What is asked back when the assistant read a free text as a yes (issue #17): the booking's digits, so that only
     * the guest's own clear answer, read by the parser, confirms.
     */
    public String checkConfirm(Tenant tenant, Booking b) {
        return aboutBooking(tenant, b, "sms-check-confirm");
    }

    /** What is asked back when the assistant read a free text as a no: cancelling takes the guest's digit. */
    public String checkCancel(Tenant tenant, Booking b) {
        return aboutBooking(tenant, b, "sms-check-cancel");
    }

    /** The free times the platform offered, for the guest to pick one ({@code slots}: "20:00, 20:30 or 21:00"). */
    public String slotOffer(Tenant tenant, String locale, String slots) {
        Chosen chosen = choose(tenant, locale, "sms-slot-offer");
        return fill(chosen.template(), tenant, null, chosen).replace("{slots}", clean(slots, 80));
    }

    /** The acknowledgement of the guest's pick, sent on to the platform ({@code slot}: "20:30"). */
    public String requestSent(Tenant tenant, String locale, String slot) {
        Chosen chosen = choose(tenant, locale, "sms-request-sent");
        return fill(chosen.template(), tenant, null, chosen).replace("{slots}", clean(slot, 40));
    }

    /** How a list of times is written in the guest's language: "20:00, 20:30 or 21:00". */
    public String timeList(String locale, java.util.List<java.time.LocalTime> times) {
        Chosen chosen = choose(null, locale, "sms-slot-offer");
        DateTimeFormatter format =
                DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(chosen.format());
        java.util.List<String> written =
                times.stream().map(t -> plainSpaces(t.format(format))).toList();
        if (written.size() <= 1) {
            return String.join("", written);
        }
        String or = switch (chosen.language()) {
            case "es" -> " o ";
            case "fr" -> " ou ";
            case "de" -> " oder ";
            default -> " or ";
        };
        return String.join(", ", written.subList(0, written.size() - 1)) + or + written.get(written.size() - 1);
    }

    private String aboutBooking(Tenant tenant, Booking b, String name) {
        Chosen chosen = choose(tenant, b.locale(), name);
        return fill(chosen.template(), tenant, b, chosen).replace("{slots}", "");
    }

    private String aboutGuest(Tenant tenant, String locale, String name) {
        Chosen chosen = choose(tenant, locale, name);
        return fill(chosen.template(), tenant, null, chosen).replace("{slots}", "");
    }

    /**
     * A template and the words it is filled with.
     *
     * @param language the shipped language whose words fill it (en for a language we do not ship)
     * @param format the locale day and time are written in
     * @param fromTenant whether the tenant wrote it
     * @param ownLanguage whether the shipped words of {@code language} match the text's language, so its word for
     *     "at" may join day and time
     */
    private record Chosen(String template, String language, Locale format, boolean fromTenant, boolean ownLanguage) {}

    /** The tenant's template for the exact tag, then its language, then English; else the shipped one. */
    private Chosen choose(Tenant tenant, String tag, String name) {
        Locale guest = Locale.forLanguageTag(tag == null ? "" : tag.strip());
        if (guest.getLanguage().isEmpty()) {
            guest = INTERNATIONAL;
        }
        String language = guest.getLanguage();
        boolean shipped = SHIPPED.containsKey(language);
        String words = shipped ? language : "en";
        List<String> keys = new ArrayList<>(List.of(guest.toLanguageTag(), language));
        if (!shipped) {
            keys.add("en");
        }
        for (String key : tenant == null ? List.<String>of() : keys) {
            String template = tenantTemplate(tenant, key, name);
            if (template != null) {
                boolean english = key.equals("en") && !shipped;
                return new Chosen(template, words, english ? INTERNATIONAL : guest, true, shipped || english);
            }
        }
        return new Chosen(SHIPPED.get(words).texts().get(name), words, shipped ? guest : INTERNATIONAL, false, true);
    }

    private static String tenantTemplate(Tenant tenant, String key, String name) {
        Map<String, Map<String, String>> prompts = tenant.prompts() == null ? Map.of() : tenant.prompts();
        for (Map.Entry<String, Map<String, String>> entry : prompts.entrySet()) {
            if (Locale.forLanguageTag(entry.getKey()).toLanguageTag().equalsIgnoreCase(key)) {
                String template = entry.getValue().get(name);
                if (template == null || template.isBlank()) {
                    continue;
                }
                var problem = PromptTemplates.problem(name, template);
                if (problem.isPresent()) {
                    // The console refuses such a template; one written around it is not sent to a guest.
                    log.warn(
                            "Tenant {} template prompts.{}.{} left out: {}",
                            tenant.id(),
                            entry.getKey(),
                            name,
                            problem.get());
                    continue;
                }
                return template;
            }
        }
        return null;
    }

    private static String fill(String template, Tenant tenant, Booking b, Chosen chosen) {
        Language words = SHIPPED.get(chosen.language());
        String venue = clean(
                b != null && b.venueName() != null && !b.venueName().isBlank() ? b.venueName() : tenant.displayName(),
                60);
        String party = b == null || b.partySize() == null ? "" : Integer.toString(b.partySize());
        String service = b == null ? "" : clean(b.serviceName(), 60);
        String what = b == null ? "" : b.appointment() ? words.appointment() : words.table();
        String booking = b == null
                ? ""
                : b.appointment()
                        ? words.appointment() + (service.isEmpty() ? "" : " (" + service + ")")
                        : b.partySize() == null
                                ? words.table()
                                : words.tableFor().replace("{party}", party);
        String day = "";
        String time = "";
        String when = "";
        if (b != null) {
            ZonedDateTime start = b.startsAt().atZone(b.zone());
            day = start.format(DateTimeFormatter.ofPattern(
                    chosen.ownLanguage() ? words.dayPattern() : "EEE d MMM", chosen.format()));
            time = plainSpaces(start.format(
                    DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(chosen.format())));
            when = chosen.ownLanguage() ? day + " " + words.at() + " " + time : day + ", " + time;
        }
        return template.replace("{venue}", venue)
                .replace("{name}", b == null ? "" : clean(b.guestName(), 40))
                .replace("{booking}", booking)
                .replace("{what}", what)
                .replace("{party}", party)
                .replace("{service}", service)
                .replace("{when}", when)
                .replace("{day}", day)
                .replace("{time}", time)
                .replace("{confirmDigit}", tenant.digits().confirm())
                .replace("{cancelDigit}", tenant.digits().cancel())
                .replace("{transferDigit}", tenant.digits().transfer())
                .replace("{venuePhone}", tenant.venuePhone().orElse(""));
    }

    /**
     * The narrow and non-breaking spaces java.time puts in "8:00 PM" are not in GSM-7 and would make a text
     * UCS-2, halving what a segment holds; an ordinary space reads the same.
     */
    private static String plainSpaces(String text) {
        return text.replace('\u202F', ' ').replace('\u00A0', ' ');
    }

    /** Booking data in a text: one line, no control characters, at most {@code max} characters. */
    private static String clean(String value, int max) {
        if (value == null) {
            return "";
        }
        String line = value.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() > max ? line.substring(0, max).strip() : line;
    }
}
