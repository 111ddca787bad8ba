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

import java.time.LocalTime;
import java.util.Objects;

/**
 * The local times between which a tenant's guests may be called, e.g. 09:00–21:00 in the venue's zone.
 *
 * @param opens the first moment a call may start
 * @param closes the last moment a call may start
 */
public record CallingHours(LocalTime opens, LocalTime closes) {

    public CallingHours {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("Calling hours must open before they close: " + opens + "–" + closes);
        }
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(opens) && !time.isAfter(closes);
    }
}
