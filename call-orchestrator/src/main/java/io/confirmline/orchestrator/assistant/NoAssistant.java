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
package io.confirmline.orchestrator.assistant;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** The assistant when no provider is configured (the default): nothing calls out, every answer is the template. */
final class NoAssistant implements GuestAssistant {

    private static final AssistantVerdict.Failed NOT_CONFIGURED = new AssistantVerdict.Failed(
            AssistantVerdict.Failure.NOT_CONFIGURED,
            "No assistant provider is configured (confirmline.assistant.base-url)");

    private final AssistantMetrics metrics;

    NoAssistant(AssistantMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Mono<AssistantVerdict> answer(AssistantRequest request) {
        metrics.record(NOT_CONFIGURED, Duration.ZERO);
        return Mono.just(NOT_CONFIGURED);
    }
}
