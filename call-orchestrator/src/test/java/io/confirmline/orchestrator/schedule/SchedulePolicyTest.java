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

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.orchestrator.schedule.SchedulePolicy.Due;
import io.confirmline.orchestrator.schedule.SchedulePolicy.Skip;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SchedulePolicyTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    final SchedulePolicy policy = new SchedulePolicy(
            Duration.ofMinutes(30),
            Duration.ofMinutes(10),
            new CallingHours(LocalTime.of(9, 0), LocalTime.of(21, 0)),
            MADRID);

    static Instant madrid(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MADRID).toInstant();
    }

    @Test
    void thirtyMinutesBeforeTheBookingInsideCallingHours() {
        assertThat(policy.decide(madrid("2026-11-22T20:00"), madrid("2026-11-21T12:00")))
                .isEqualTo(new Due(madrid("2026-11-22T19:30"), madrid("2026-11-22T19:50")));
    }

    @Test
    void aCallThatWouldFallAfterClosingIsMovedToClosingTime() {
        assertThat(policy.decide(madrid("2026-11-22T21:45"), madrid("2026-11-21T12:00")))
                .isEqualTo(new Due(madrid("2026-11-22T21:00"), madrid("2026-11-22T21:35")));
    }

    @Test
    void anEarlyMorningBookingIsCalledTheEveningBefore() {
        assertThat(policy.decide(madrid("2026-11-22T09:15"), madrid("2026-11-21T12:00")))
                .isEqualTo(new Due(madrid("2026-11-21T21:00"), madrid("2026-11-22T09:05")));
    }

    @Test
    void aBookingCreatedAfterThePlannedMomentIsCalledNow() {
        Instant now = madrid("2026-11-21T19:45");
        assertThat(policy.decide(madrid("2026-11-21T20:00"), now)).isEqualTo(new Due(now, madrid("2026-11-21T19:50")));
    }

    @Test
    void tooLateToCallIsSkippedWithTheReason() {
        assertThat(policy.decide(madrid("2026-11-21T20:00"), madrid("2026-11-21T19:55")))
                .isInstanceOfSatisfying(
                        Skip.class,
                        skip -> assertThat(skip.reason())
                                .isEqualTo(
                                        "Too late to call: the booking starts in 5 min, less than the minimum notice of 10 min"));
        assertThat(policy.decide(madrid("2026-11-21T20:00"), madrid("2026-11-21T20:00")))
                .isEqualTo(new Skip("The booking has already started"));
    }

    @Test
    void aLateBookingOutsideCallingHoursWaitsForOpeningIfThatIsStillInTime() {
        assertThat(policy.decide(madrid("2026-11-22T09:20"), madrid("2026-11-22T08:55")))
                .isEqualTo(new Due(madrid("2026-11-22T09:00"), madrid("2026-11-22T09:10")));
        assertThat(policy.decide(madrid("2026-11-22T08:30"), madrid("2026-11-22T07:00")))
                .isInstanceOf(Skip.class);
    }

    @Test
    void theSpringForwardNightKeepsAbsoluteLeadTime() {
        // 2026-03-29 02:00 → 03:00 in Madrid: 30 minutes before 03:15 local is 01:45 local (CET).
        SchedulePolicy allDay = new SchedulePolicy(
                Duration.ofMinutes(30), Duration.ZERO, new CallingHours(LocalTime.MIN, LocalTime.of(23, 59)), MADRID);
        Due due = (Due) allDay.decide(madrid("2026-03-29T03:15"), madrid("2026-03-28T12:00"));
        assertThat(due.at()).isEqualTo(Instant.parse("2026-03-29T00:45:00Z"));
        assertThat(due.at().atZone(MADRID).toLocalTime()).isEqualTo(LocalTime.of(1, 45));
    }

    @Test
    void closingTimeIsLocalOnBothSidesOfTheAutumnChange() {
        // 2026-10-25: clocks go back at 03:00 CEST. 21:00 local is 19:00Z on the 24th and 20:00Z on the 25th.
        assertThat(policy.decide(madrid("2026-10-24T22:00"), madrid("2026-10-24T12:00")))
                .isEqualTo(new Due(Instant.parse("2026-10-24T19:00:00Z"), madrid("2026-10-24T21:50")));
        assertThat(policy.decide(madrid("2026-10-25T22:00"), madrid("2026-10-24T12:00")))
                .isEqualTo(new Due(Instant.parse("2026-10-25T20:00:00Z"), madrid("2026-10-25T21:50")));
    }
}
