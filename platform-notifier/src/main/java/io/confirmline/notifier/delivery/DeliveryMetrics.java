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

import io.confirmline.notifier.delivery.WebhookSender.Answer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The worker's counters: HTTP attempts per endpoint by result, and delivery outcomes. */
@Component
class DeliveryMetrics {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void attempt(String tenantId, Answer answer) {
        String result = answer.statusCode() == null ? "error" : (answer.statusCode() / 100) + "xx";
        counters.computeIfAbsent(
                        "attempt|" + tenantId + "|" + result,
                        key -> Counter.builder("confirmline.notifier.attempts")
                                .description(
                                        "HTTP attempts per endpoint, by result: 2xx, 4xx, 5xx, error (timeout or connection)")
                                .tag("tenant", tenantId)
                                .tag("result", result)
                                .register(meters))
                .increment();
    }

    void outcome(Outcome.Kind kind) {
        String name = switch (kind) {
            case SUCCEEDED -> "succeeded";
            case DEAD -> "dead";
            case RETRY -> "retried";
            case POSTPONED -> "postponed";
        };
        counters.computeIfAbsent(
                        name,
                        o -> Counter.builder("confirmline.notifier.deliveries")
                                .description("Delivery outcomes: succeeded, retried, dead, postponed (breaker open)")
                                .tag("outcome", o)
                                .register(meters))
                .increment();
    }
}
