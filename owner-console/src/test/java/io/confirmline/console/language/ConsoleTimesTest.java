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

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The venue's clock in the reader's way of writing it. */
class ConsoleTimesTest {

    private final ConsoleTimes times = new ConsoleTimes();
    private final Instant evening = Instant.parse("2026-11-30T19:15:00Z");
    private final Locale spanish = Locale.forLanguageTag("es");

    @Test
    void aMomentIsWrittenOnTheVenuesClockInTheReadersLanguage() {
        assertThat(times.dateTime(evening, "Europe/Madrid", Locale.ENGLISH)).isEqualTo("Nov 30, 2026, 8:15 PM");
        assertThat(times.dateTime(evening, "Europe/Madrid", spanish)).isEqualTo("30 nov 2026 20:15");
        // The same moment is already the next morning in Singapore.
        assertThat(times.date(evening, "Asia/Singapore", spanish)).isEqualTo("1 dic 2026");
        assertThat(times.time(evening, "Asia/Singapore", spanish)).isEqualTo("3:15");
        assertThat(times.time(LocalTime.of(21, 30), Locale.ENGLISH)).isEqualTo("9:30 PM");
    }

    @Test
    void nothingToWriteIsEmptyAndAnUnknownZoneIsUtc() {
        assertThat(times.dateTime(null, "Europe/Madrid", Locale.ENGLISH)).isEmpty();
        assertThat(times.time(evening, "Mars/Olympus", spanish)).isEqualTo("19:15");
    }
}
