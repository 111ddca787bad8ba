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
package io.confirmline.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When the next attempt of a delivery happens, if any. Pure, so it is tested without clocks or randomness.
 */
public final class RetrySchedule {

    private final List<Duration> waits;
    private final double jitter;
    private final DoubleSupplier random;

    public RetrySchedule(List<Duration> waits, double jitter, DoubleSupplier random) {
        this.waits = List.copyOf(waits);
        this.jitter = jitter;
        this.random = random;
    }

    /** When the first attempt is due, for a delivery created now. */
    public Instant first(Instant now) {
        return now.plus(jittered(waits.get(0)));
    }

    /**
     * When the next attempt is due after {@code attemptsMade} failed attempts, or empty when the schedule is spent
     * (dead-letter). A {@code Retry-After} from the platform is honoured when it asks for longer than the schedule.
     */
    public Optional<Instant> next(Instant now, int attemptsMade, Optional<Duration> retryAfter) {
        if (attemptsMade >= waits.size()) {
            return Optional.empty();
        }
        Duration wait = jittered(waits.get(attemptsMade));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            wait = retryAfter.get();
        }
        return Optional.of(now.plus(wait));
    }

    /** How many attempts a delivery gets in all. */
    public int attempts() {
        return waits.size();
    }

    private Duration jittered(Duration wait) {
        if (wait.isZero() || jitter == 0) {
            return wait;
        }
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(wait.toMillis() * factor)));
    }
}
