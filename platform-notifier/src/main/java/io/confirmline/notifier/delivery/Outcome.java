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

import io.confirmline.notifier.delivery.DeliveryStore.Attempt;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of one claimed delivery, to be recorded: delivered, dead-lettered, due again at
 * {@code nextAttemptAt} after a failed attempt, or postponed without an attempt (its endpoint's breaker was open).
 */
public record Outcome(UUID deliveryId, Kind kind, Attempt attempt, Instant nextAttemptAt) {

    public enum Kind {
        SUCCEEDED,
        DEAD,
        RETRY,
        POSTPONED
    }

    public static Outcome succeeded(Attempt attempt) {
        return new Outcome(attempt.deliveryId(), Kind.SUCCEEDED, attempt, null);
    }

    public static Outcome dead(Attempt attempt) {
        return new Outcome(attempt.deliveryId(), Kind.DEAD, attempt, null);
    }

    public static Outcome retryLater(Attempt attempt, Instant nextAttemptAt) {
        return new Outcome(attempt.deliveryId(), Kind.RETRY, attempt, nextAttemptAt);
    }

    public static Outcome postponed(UUID deliveryId, Instant nextAttemptAt) {
        return new Outcome(deliveryId, Kind.POSTPONED, null, nextAttemptAt);
    }
}
