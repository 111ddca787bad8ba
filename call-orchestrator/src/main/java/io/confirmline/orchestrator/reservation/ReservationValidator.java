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
package io.confirmline.orchestrator.reservation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.confirmline.events.BookingKind;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a booking must pass before it is scheduled (issue #4): a known tenant, an E.164 phone number that
 * libphonenumber considers valid, a booking in the future, a real IANA zone and language tag, a party size above
 * zero for reservations, and texts 8x8 can say. Each problem names the field.
 */
public final class ReservationValidator {

    /** Names and venues are spoken inside a sentence; 8x8 allows 3,000 characters for the whole prompt. */
    static final int MAX_NAME = 200;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private ReservationValidator() {}

    /** The problems with this event, empty when it can be scheduled. */
    public static List<String> problems(ReservationEvent event, Set<String> knownTenants, Instant now) {
        List<String> problems = new ArrayList<>();
        if (!knownTenants.contains(event.getTenantId())) {
            problems.add("tenantId: unknown tenant " + event.getTenantId());
        }
        // UNKNOWN is how Avro reads a type or kind added to the schema after this build (design.md §10.2): we cannot
        // guess what it means, so the event is dead-lettered with the reason and can be replayed after an upgrade.
        if (event.getType() == ReservationEventType.UNKNOWN) {
            problems.add("type: a value this version of ConfirmLine does not know (read as UNKNOWN)");
            return problems;
        }
        if (event.getType() == ReservationEventType.CANCELLED) {
            return problems;
        }
        if (event.getKind() == BookingKind.UNKNOWN) {
            problems.add("kind: a value this version of ConfirmLine does not know (read as UNKNOWN)");
        }
        phone(event.getGuestPhone(), "guestPhone", problems);
        if (!event.getStartsAt().isAfter(now)) {
            problems.add("startsAt: the booking is not in the future (" + event.getStartsAt() + ")");
        }
        try {
            ZoneId.of(event.getTimeZone());
        } catch (DateTimeException e) {
            problems.add("timeZone: not an IANA time zone: " + event.getTimeZone());
        }
        if (Locale.forLanguageTag(event.getGuestLocale()).getLanguage().isEmpty()) {
            problems.add("guestLocale: not a BCP 47 language tag: " + event.getGuestLocale());
        }
        if (event.getKind() == BookingKind.RESERVATION && (event.getPartySize() == null || event.getPartySize() <= 0)) {
            problems.add("partySize: must be greater than 0 for a reservation");
        }
        text(event.getGuestName(), "guestName", problems);
        text(event.getVenueName(), "venueName", problems);
        return problems;
    }

    /** Adds a problem unless {@code phone} is a valid E.164 number ({@code +} and 8–15 digits). */
    public static void phone(String phone, String field, List<String> problems) {
        if (phone == null || !phone.matches("\\+[1-9]\\d{6,14}")) {
            problems.add(field + ": not an E.164 number (+ and country code): " + masked(phone));
            return;
        }
        try {
            if (!PHONES.isValidNumber(PHONES.parse(phone, null))) {
                problems.add(field + ": not a valid phone number: " + masked(phone));
            }
        } catch (NumberParseException e) {
            problems.add(field + ": not a phone number: " + masked(phone));
        }
    }

    private static void text(String value, String field, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": is required");
        } else if (value.length() > MAX_NAME) {
            problems.add(field + ": longer than " + MAX_NAME + " characters");
        }
    }

    private static String masked(String phone) {
        return io.confirmline.logging.SensitiveText.maskPhone(phone);
    }
}
