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

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's scripted availability: a table on every half hour of the asked day except the times marked full,
 * so the demo can offer the asked time, or — once it is full — the half hours around it.
 */
final class SandboxSlots {

    /** At most this many slots are answered, the contract's maximum that is used. */
    static final int MAX = 3;

    private SandboxSlots() {}

    /**
     * The free half hours of {@code date} nearest to {@code time} (the earlier first on a tie), at most
     * {@link #MAX}: {@code 20:30} gives 20:30, 20:00, 21:00; with 20:30 full, 20:00, 21:00, 19:30.
     */
    static List<OffsetDateTime> around(LocalDate date, LocalTime time, Set<LocalTime> full, ZoneId zone) {
        LocalDateTime asked = date.atTime(time.truncatedTo(ChronoUnit.MINUTES));
        List<LocalDateTime> halfHours = new ArrayList<>();
        for (LocalDateTime at = date.atStartOfDay(); at.toLocalDate().equals(date); at = at.plusMinutes(30)) {
            if (!full.contains(at.toLocalTime())) {
                halfHours.add(at);
            }
        }
        return halfHours.stream()
                .sorted(Comparator.comparingLong((LocalDateTime at) -> Math.abs(ChronoUnit.MINUTES.between(asked, at)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX)
                .map(at -> at.atZone(zone).toOffsetDateTime())
                .toList();
    }
}
