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
package io.confirmline.console.board;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the board shows: bookings starting from two hours ago (tonight's table stays visible) to {@code hours}
 * ahead, of one status or all. Read from the query string, so the filters work without JavaScript; anything
 * else than the offered values falls back to the default.
 */
record BoardFilter(String status, int hours) {

    static final List<Integer> HOURS = List.of(3, 6, 12, 24);
    static final int DEFAULT_HOURS = 24;
    static final Duration STARTED = Duration.ofHours(2);

    static BoardFilter of(String status, String hours) {
        String chosen = status != null && BoardStatuses.ALL.contains(status) ? status : "";
        int window = DEFAULT_HOURS;
        try {
            if (hours != null && HOURS.contains(Integer.parseInt(hours))) {
                window = Integer.parseInt(hours);
            }
        } catch (NumberFormatException ignored) {
            // the default window
        }
        return new BoardFilter(chosen, window);
    }

    Instant from(Instant now) {
        return now.minus(STARTED);
    }

    /** The end of the widest window: the page holds every row of it, so widening the window needs no reload. */
    Instant latest(Instant now) {
        return now.plus(Duration.ofHours(HOURS.get(HOURS.size() - 1)));
    }

    boolean within(Instant startsAt, Instant now) {
        return !startsAt.isBefore(from(now)) && startsAt.isBefore(now.plus(Duration.ofHours(hours)));
    }

    boolean shows(String rowStatus) {
        return status.isEmpty() || status.equals(rowStatus);
    }
}
