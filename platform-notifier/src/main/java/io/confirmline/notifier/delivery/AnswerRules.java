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
import io.confirmline.notifier.delivery.WebhookSender.Answer;
import java.time.Instant;
import java.util.Optional;

/**
 * What an answer from the platform means for its delivery: 2xx delivered; 410 disables the endpoint and
 * dead-letters the delivery; 408, 429 (honouring {@code Retry-After}), 5xx, timeouts and connection errors are
 * retried on the schedule, then dead-lettered; any other answer (3xx, 4xx) is dead-lettered at once: sending the
 * same request again would get the same answer.
 */
final class AnswerRules {

    /**
     * @param outcome what to record
     * @param platformFailed whether the endpoint's breaker counts it as a failure of the platform
     * @param disablesEndpoint the platform said the endpoint is gone (410)
     */
    record Verdict(Outcome outcome, boolean platformFailed, boolean disablesEndpoint) {}

    private final RetrySchedule schedule;

    AnswerRules(RetrySchedule schedule) {
        this.schedule = schedule;
    }

    Verdict judge(Attempt attempt, Answer answer, Instant now) {
        Integer code = answer.statusCode();
        if (code != null && code >= 200 && code < 300) {
            return new Verdict(Outcome.succeeded(attempt), false, false);
        }
        if (code != null && code == 410) {
            return new Verdict(Outcome.dead(withError(attempt, "410 Gone: endpoint disabled")), false, true);
        }
        boolean retryable = code == null || code == 408 || code == 429 || code >= 500;
        if (!retryable) {
            return new Verdict(
                    Outcome.dead(withError(
                            attempt,
                            code >= 300 && code < 400
                                    ? "HTTP " + code + ": redirects are not followed"
                                    : "HTTP " + code + ": not retried")),
                    false,
                    false);
        }
        Attempt failed = code == null ? attempt : withError(attempt, "HTTP " + code);
        return new Verdict(afterFailure(failed, answer.retryAfter(), now), true, false);
    }

    /** A failed attempt is due again on the schedule, or dead-lettered when the schedule has run out. */
    Outcome afterFailure(Attempt failed, Optional<java.time.Duration> retryAfter, Instant now) {
        return schedule.next(now, failed.number(), retryAfter)
                .map(next -> Outcome.retryLater(failed, next))
                .orElseGet(() -> Outcome.dead(failed));
    }

    private static Attempt withError(Attempt a, String error) {
        return new Attempt(a.deliveryId(), a.number(), a.startedAt(), a.durationMs(), a.statusCode(), error);
    }
}
