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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The assistant's meters (issue #17 item 5): {@code confirmline.assistant.answers} (outcome answered|failed, with
 * the intent or the failure; the other tag is "none", as Prometheus wants the same tags on every series),
 * {@code confirmline.assistant.latency} (outcome) and {@code confirmline.assistant.tokens} (kind prompt|completion,
 * as the provider reported them: what the assistant costs).
 */
public class AssistantMetrics {

    private final MeterRegistry registry;
    private final Counter promptTokens;
    private final Counter completionTokens;

    public AssistantMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.promptTokens = tokens("prompt");
        this.completionTokens = tokens("completion");
    }

    void record(AssistantVerdict verdict, Duration took) {
        boolean answered = verdict instanceof AssistantVerdict.Answered;
        String intent =
                verdict instanceof AssistantVerdict.Answered a ? a.intent().name() : "none";
        String failure =
                verdict instanceof AssistantVerdict.Failed f ? f.failure().name() : "none";
        String outcome = answered ? "answered" : "failed";
        Counter.builder("confirmline.assistant.answers")
                .description("The assistant's verdicts: answered (by intent) or failed (by failure)")
                .tag("outcome", outcome)
                .tag("intent", intent)
                .tag("failure", failure)
                .register(registry)
                .increment();
        Timer.builder("confirmline.assistant.latency")
                .description("How long the assistant took to a verdict, tool calls included")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    void tokens(long prompt, long completion) {
        if (prompt > 0) {
            promptTokens.increment((double) prompt);
        }
        if (completion > 0) {
            completionTokens.increment((double) completion);
        }
    }

    private Counter tokens(String kind) {
        return Counter.builder("confirmline.assistant.tokens")
                .description("Tokens the assistant's provider reported using")
                .baseUnit("tokens")
                .tag("kind", kind)
                .register(registry);
    }
}
