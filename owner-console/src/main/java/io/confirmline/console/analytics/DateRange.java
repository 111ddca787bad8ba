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
package io.confirmline.console.analytics;

import io.confirmline.web.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a report covers, both included, as the venue's calendar has them: {@code from} 00:00 to the end of
 * {@code to} in the tenant's zone (so a day that gains or loses an hour to DST is still one day). The analytics,
 * the PDF and the CSV export all read a range the same way.
 */
public record DateRange(LocalDate from, LocalDate to) {

    /** A report over more days than this is refused: a year and a day covers any yearly comparison. */
    public static final int MAX_DAYS = 366;
    /** Without dates: the last 7 days, today included. */
    public static final int DEFAULT_DAYS = 7;

    public DateRange {
        if (from.isAfter(to)) {
            throw invalid("from (" + from + ") is after to (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw invalid("a range covers at most " + MAX_DAYS + " days");
        }
    }

    /**
     * The range a request asks for: {@code from} and {@code to} as {@code YYYY-MM-DD}; either absent means the
     * last {@link #DEFAULT_DAYS} days up to {@code today} (the other one is then counted from it).
     *
     * @throws ProblemException 400 when a date cannot be read or the range is backwards or too long
     */
    public static DateRange parse(String from, String to, LocalDate today) {
        LocalDate end = date("to", to);
        LocalDate start = date("from", from);
        if (end == null) {
            end = start == null ? today : start.plusDays(DEFAULT_DAYS - 1L);
        }
        if (start == null) {
            start = end.minusDays(DEFAULT_DAYS - 1L);
        }
        return new DateRange(start, end);
    }

    /** The first instant of the range in {@code zone}. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the range in {@code zone} (exclusive end). */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Every day of the range, in order. */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be a date as YYYY-MM-DD, not '" + shorten(value) + "'");
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("console-date-range", detail);
    }
}
