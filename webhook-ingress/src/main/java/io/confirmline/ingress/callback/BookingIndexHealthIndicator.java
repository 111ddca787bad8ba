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
package io.confirmline.ingress.callback;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: until the index has read the whole booking topic, a call-back could miss a guest's booking. */
@Component
public class BookingIndexHealthIndicator implements HealthIndicator {

    private final BookingIndex index;

    public BookingIndexHealthIndicator(BookingIndex index) {
        this.index = index;
    }

    @Override
    public Health health() {
        Health.Builder builder = index.caughtUp() ? Health.up() : Health.outOfService();
        return builder.withDetail("upcomingBookings", index.size()).build();
    }
}
