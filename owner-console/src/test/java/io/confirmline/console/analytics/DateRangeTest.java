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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DateRangeTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-30");

    @Test
    void withoutDatesItIsTheLastSevenDaysTodayIncluded() {
        assertThat(DateRange.parse(null, "", TODAY)).isEqualTo(new DateRange(LocalDate.parse("2026-11-24"), TODAY));
        assertThat(DateRange.parse("2026-11-01", null, TODAY).to()).isEqualTo(LocalDate.parse("2026-11-07"));
        assertThat(DateRange.parse(null, "2026-11-10", TODAY).from()).isEqualTo(LocalDate.parse("2026-11-04"));
    }

    @Test
    void daysAreTheVenuesSoADstDayHas23Hours() {
        DateRange range = DateRange.parse("2026-03-29", "2026-03-29", TODAY);
        ZoneId madrid = ZoneId.of("Europe/Madrid");
        assertThat(range.start(madrid)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(Duration.between(range.start(madrid), range.end(madrid))).isEqualTo(Duration.ofHours(23));
        assertThat(range.days()).containsExactly(LocalDate.parse("2026-03-29"));
    }

    @Test
    void aBackwardsTooLongOrUnreadableRangeIsA400() {
        assertThatThrownBy(() -> DateRange.parse("2026-11-30", "2026-11-01", TODAY))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.status().value()).isEqualTo(400))
                .hasMessageContaining("after");
        assertThatThrownBy(() -> DateRange.parse("2025-01-01", "2026-11-30", TODAY))
                .hasMessageContaining("366");
        assertThatThrownBy(() -> DateRange.parse("30/11/2026", null, TODAY)).hasMessageContaining("YYYY-MM-DD");
        assertThat(DateRange.parse("2025-12-01", "2026-11-30", TODAY).days()).hasSize(365);
    }
}
