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
package io.confirmline.orchestrator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a confirmation call is due (design.md §4, issue #4): the booking time minus the tenant's lead time, moved
 * earlier into the tenant's calling hours (in the venue's time zone) when it falls outside them. A booking too
 * close to call, or with no calling hours left before it, is skipped with the reason.
 *
 * <p>Instants are absolute; only the calling-hours check is done in local time, so a DST change between the call
 * and the booking moves nothing but the wall-clock reading.
 *
 * @param leadTime how long before the booking the call is placed (30 min by default)
 * @param minimumNotice a booking that starts sooner than this after the call could be placed is not called
 * @param hours when calls may start, in {@code zone}
 * @param zone the venue's IANA time zone
 */
public record SchedulePolicy(Duration leadTime, Duration minimumNotice, CallingHours hours, ZoneId zone) {

    public SchedulePolicy {
        Objects.requireNonNull(leadTime, "leadTime");
        Objects.requireNonNull(minimumNotice, "minimumNotice");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(zone, "zone");
        if (leadTime.isNegative() || minimumNotice.isNegative()) {
            throw new IllegalArgumentException("lead time and minimum notice cannot be negative");
        }
    }

    /** The outcome for one booking: call at an instant, or do not call and why. */
    public sealed interface Decision permits Due, Skip {}

    /** Call at {@code at}; the call makes no sense after {@code validUntil}. */
    public record Due(Instant at, Instant validUntil) implements Decision {}

    /** Do not call. */
    public record Skip(String reason) implements Decision {}

    /** Decides for a booking starting at {@code bookingStart}, as of {@code now}. */
    public Decision decide(Instant bookingStart, Instant now) {
        if (!bookingStart.isAfter(now)) {
            return new Skip("The booking has already started");
        }
        Instant latestUseful = bookingStart.minus(minimumNotice);
        if (!latestUseful.isAfter(now)) {
            return new Skip("Too late to call: the booking starts in " + minutes(Duration.between(now, bookingStart))
                    + ", less than the minimum notice of " + minutes(minimumNotice));
        }
        Instant target = bookingStart.minus(leadTime);
        Instant candidate = latestAllowedAtOrBefore(target.isBefore(latestUseful) ? target : latestUseful);
        if (candidate == null || candidate.isBefore(now)) {
            // The planned moment has passed (a late booking or a move): call now if the hours allow it.
            if (allowed(now)) {
                return new Due(now, latestUseful);
            }
            Instant next = earliestAllowedAtOrAfter(now);
            if (next != null && !next.isAfter(latestUseful)) {
                return new Due(next, latestUseful);
            }
            return new Skip("No calling hours left before the booking (calling hours " + hours.opens() + "–"
                    + hours.closes() + " " + zone + ")");
        }
        return new Due(candidate, latestUseful);
    }

    /** Whether a call may start at this instant. */
    public boolean allowed(Instant instant) {
        return hours.contains(instant.atZone(zone).toLocalTime());
    }

    /** The latest instant at or before {@code instant} inside calling hours (looking back up to a week). */
    Instant latestAllowedAtOrBefore(Instant instant) {
        if (allowed(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalDate day = local.toLocalTime().isAfter(hours.closes())
                ? local.toLocalDate()
                : local.toLocalDate().minusDays(1);
        for (int i = 0; i < 7; i++, day = day.minusDays(1)) {
            Instant close = ZonedDateTime.of(day, hours.closes(), zone).toInstant();
            if (!close.isAfter(instant)) {
                return close;
            }
        }
        return null;
    }

    /** The earliest instant at or after {@code instant} inside calling hours. */
    public Instant earliestAllowedAtOrAfter(Instant instant) {
        if (allowed(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalDate day = local.toLocalTime().isBefore(hours.opens())
                ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        for (int i = 0; i < 7; i++, day = day.plusDays(1)) {
            Instant open = ZonedDateTime.of(day, hours.opens(), zone).toInstant();
            if (!open.isBefore(instant)) {
                return open;
            }
        }
        return null;
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() + " min";
    }
}
