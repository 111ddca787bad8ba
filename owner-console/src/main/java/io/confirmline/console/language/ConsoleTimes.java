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
package io.confirmline.console.language;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Dates and times as a page shows them: in the tenant's zone (the venue's clock, not the server's or the browser's)
 * and written the way the reader's language writes them ("30 Nov 2026, 20:15", "30 nov 2026, 20:15"). Pages call it
 * as {@code ${@consoleTimes.dateTime(instant, tenantZone, #locale)}}; an absent value is an empty string.
 */
@Component("consoleTimes")
public class ConsoleTimes {

    /** Day and time, e.g. "30 Nov 2026, 20:15". */
    public String dateTime(Instant at, String zone, Locale locale) {
        return format(at, zone, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT), locale);
    }

    /** The day only, e.g. "30 Nov 2026". */
    public String date(Instant at, String zone, Locale locale) {
        return format(at, zone, DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM), locale);
    }

    /** The time of day only, e.g. "20:15" or "8:15 PM". */
    public String time(Instant at, String zone, Locale locale) {
        return format(at, zone, DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT), locale);
    }

    /** A wall-clock time (opening hours, calling hours) in the reader's way. */
    public String time(LocalTime time, Locale locale) {
        return time == null
                ? ""
                : time.format(
                        DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale));
    }

    private static String format(Instant at, String zone, DateTimeFormatter formatter, Locale locale) {
        if (at == null) {
            return "";
        }
        return formatter.withLocale(locale).withZone(zoneOf(zone)).format(at);
    }

    /** A tenant's zone; UTC when it has none or an unknown one (the registry refuses those, so a stale row only). */
    static ZoneId zoneOf(String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
