package io.confirmline.orchestrator.assistant;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** The assistant when no provider is configured (the default): nothing calls out, every answer is the template. */
final class NoAssistant implements GuestAssistant {

    private static final AssistantVerdict.Failed NOT_CONFIGURED = new AssistantVerdict.Failed(
            AssistantVerdict.Failure.NOT_CONFIGURED, "No assistant provider is configured (confirmline.assistant.base-url)");

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
