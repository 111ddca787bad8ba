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

import java.util.List;

/**
 * A tenant's analytics over a date range. Every figure is about the bookings whose start falls in the range
 * (the venue's days) and about their current state in the console's read model:
 * <ul>
 * <li><b>final outcome</b>: the booking's status is CONFIRMED, CANCELLED_BY_GUEST, NO_RESPONSE, UNREACHABLE or
 * FAILED (WITHDRAWN and SKIPPED bookings were never put to the guest; SCHEDULED, DIALING, IN_PROGRESS and TEXTED
 * are still open);</li>
 * <li><b>confirmation rate</b> = CONFIRMED / final outcomes; <b>no-response rate</b> and <b>unreachable rate</b>
 * likewise with NO_RESPONSE and UNREACHABLE;</li>
 * <li><b>cancellations caught in time</b>: CANCELLED_BY_GUEST bookings whose deciding status change (the first
 * change into their current status) happened before the booking started; <b>seats freed</b> = the sum of their
 * party sizes (a booking without one counts 0);</li>
 * <li><b>attempts per confirmation</b> = the sum of the attempt numbers (calls placed) of CONFIRMED bookings /
 * CONFIRMED;</li>
 * <li><b>time to answer</b> of a CONFIRMED or CANCELLED_BY_GUEST booking: from its first attempt's dialling (or,
 * never dialled, the first text sent about it) to its deciding status change; median and 90th percentile in
 * seconds, interpolated between neighbours as PostgreSQL's {@code percentile_cont} does;</li>
 * <li><b>text cost</b>: the price on the delivery receipts of the tenant's texts that arrived in the range, summed
 * per currency.</li>
 * </ul>
 * A rate or average whose denominator is 0 is null ("—" on the page).
 *
 * @param totals all bookings of the range
 * @param cancelledInTime cancellations caught in time
 * @param seatsFreed their party sizes, summed
 * @param confirmedAttempts attempt numbers of the confirmed bookings, summed
 * @param answered bookings with a time to answer
 * @param medianAnswerSeconds median time to answer; null without any
 * @param p90AnswerSeconds 90th percentile of the time to answer; null without any
 * @param byDay one entry per day of the range (days without bookings too), in order
 * @param byHour one entry per hour of day 00–23 (the booking's start in the venue's zone)
 * @param byChannel outcomes per channel, channels without any left out
 * @param textCosts text cost per currency, in currency order
 */
public record Figures(
        ReportTenant tenant,
        DateRange range,
        Outcomes totals,
        long cancelledInTime,
        long seatsFreed,
        long confirmedAttempts,
        long answered,
        Double medianAnswerSeconds,
        Double p90AnswerSeconds,
        List<Outcomes> byDay,
        List<Outcomes> byHour,
        List<ChannelOutcomes> byChannel,
        List<TextCost> textCosts) {

    /** The statuses that count as a final outcome, as stored in the read model. */
    public static final List<String> FINAL_STATUSES =
            List.of("CONFIRMED", "CANCELLED_BY_GUEST", "NO_RESPONSE", "UNREACHABLE", "FAILED");

    public Double confirmationRate() {
        return totals.confirmationRate();
    }

    public Double noResponseRate() {
        return totals.noResponseRate();
    }

    public Double unreachableRate() {
        return totals.unreachableRate();
    }

    public Double attemptsPerConfirmation() {
        return ratio(confirmedAttempts, totals.confirmed());
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
