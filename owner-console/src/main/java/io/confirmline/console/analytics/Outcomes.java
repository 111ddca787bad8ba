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

/**
 * How a set of bookings ended: how many there were, how many reached a final outcome (see {@link Figures}), and
 * how many of each. The totals, each day and each hour of day are one of these.
 *
 * @param label what the set is: empty for the totals, {@code YYYY-MM-DD} for a day, {@code HH} for an hour of day
 */
public record Outcomes(
        String label,
        long bookings,
        long outcomes,
        long confirmed,
        long cancelled,
        long noResponse,
        long unreachable,
        long failed) {

    public Double confirmationRate() {
        return Figures.ratio(confirmed, outcomes);
    }

    public Double noResponseRate() {
        return Figures.ratio(noResponse, outcomes);
    }

    public Double unreachableRate() {
        return Figures.ratio(unreachable, outcomes);
    }

    static Outcomes empty(String label) {
        return new Outcomes(label, 0, 0, 0, 0, 0, 0, 0);
    }
}
