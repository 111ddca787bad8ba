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
package io.confirmline.sandbox.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sandbox's scripted availability. */
class SandboxSlotsTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    static List<String> around(String time, Set<LocalTime> full) {
        return SandboxSlots.around(DAY, LocalTime.parse(time), full, MADRID).stream()
                .map(OffsetDateTime::toString)
                .toList();
    }

    @Test
    void theAskedHalfHourFirstThenTheOnesAroundIt() {
        assertThat(around("20:30", Set.of()))
                .containsExactly("2026-12-01T20:30+01:00", "2026-12-01T20:00+01:00", "2026-12-01T21:00+01:00");
    }

    @Test
    void aFullTimeIsNotOfferedAndTheNextNearestIs() {
        assertThat(around("20:30", Set.of(LocalTime.of(20, 30))))
                .containsExactly("2026-12-01T20:00+01:00", "2026-12-01T21:00+01:00", "2026-12-01T19:30+01:00");
    }

    @Test
    void aTimeBetweenHalfHoursGetsTheTwoAroundIt() {
        assertThat(around("20:15", Set.of()))
                .containsExactly("2026-12-01T20:00+01:00", "2026-12-01T20:30+01:00", "2026-12-01T19:30+01:00");
    }

    @Test
    void theDayEndsAtMidnightAndTheOffsetIsTheVenuesOnThatDate() {
        assertThat(around("23:45", Set.of()))
                .containsExactly("2026-12-01T23:30+01:00", "2026-12-01T23:00+01:00", "2026-12-01T22:30+01:00");
        assertThat(SandboxSlots.around(LocalDate.of(2026, 7, 1), LocalTime.of(20, 30), Set.of(), MADRID)
                        .get(0))
                .hasToString("2026-07-01T20:30+02:00");
    }
}
