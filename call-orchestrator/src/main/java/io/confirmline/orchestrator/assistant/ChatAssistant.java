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

import io.confirmline.orchestrator.assistant.AssistantVerdict.Failure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ResponseEntity;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The assistant on an OpenAI-compatible provider (issue #17 item 2): Spring AI's {@link ChatClient} over an
 * {@link OpenAiChatModel} built here from {@link AssistantProperties} (no starter: nothing is configured or called
 * unless a base URL is set). The SDK's own retries are off — a retry would outlast the guest's wait, and the circuit
 * breaker must see every failure — and its timeout is ours; the whole answer, tool calls included, gets
 * {@code timeout} once more around it.
 *
 * <p>Structured output: Spring AI's {@code responseEntity} with {@link AnswerFormat}; {@code NATIVE} sends the JSON
 * schema as OpenAI's {@code response_format} (strict {@code json_schema}, enforced by the provider: OpenAI,
 * Azure, vLLM, Ollama and LM Studio accept it), {@code INSTRUCTIONS} puts it in the prompt. Either way the answer is
 * read and checked here ({@link AnswerCheck}); anything unreadable is MALFORMED, never an exception.
 *
 * <p>Resilience: a resilience4j circuit breaker around the call; while it is open the provider is not called and
 * the verdict is CIRCUIT_OPEN at once. Timeouts, 429, 5xx, unreachable providers and unreadable answers count as
 * failures; an UNSAFE or otherwise checked-out answer does not (the provider did answer, and a guest must not be
 * able to switch the assistant off for everyone by provoking bad answers).
 */
final class ChatAssistant implements GuestAssistant {

    private static final Logger log = LoggerFactory.getLogger(ChatAssistant.class);
    private static final Set<Failure> PROVIDER_FAILURES =
            EnumSet.of(Failure.TIMEOUT, Failure.RATE_LIMITED, Failure.PROVIDER_ERROR, Failure.MALFORMED);

    private final AssistantProperties properties;
    private final ChatClient chat;
    private final AssistantPrompt prompt = new AssistantPrompt();
    private final AnswerFormat format = new AnswerFormat();
    private final CircuitBreaker breaker;
    private final AssistantMetrics metrics;

    ChatAssistant(AssistantProperties properties, AssistantMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
        this.chat = ChatClient.builder(model(properties)).build();
        this.breaker = breaker(properties.circuitBreaker());
    }

    private static ChatModel model(AssistantProperties properties) {
        OpenAiChatOptions options = OpenAiChatOptions.builder()
                .baseUrl(properties.baseUrl().strip())
                // Never null: Spring AI would then take OPENAI_API_KEY from the environment; empty means no key.
                .apiKey(properties.apiKey() == null ? "" : properties.apiKey())
                .model(properties.model())
                .maxTokens(properties.maxTokens())
                .temperature(properties.temperature())
                .timeout(properties.timeout())
                .maxRetries(0)
                .build();
        return OpenAiChatModel.builder().options(options).build();
    }

    private static CircuitBreaker breaker(AssistantProperties.CircuitBreaker settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .build();
        CircuitBreaker breaker = CircuitBreaker.of("assistant", config);
        breaker.getEventPublisher()
                .onStateTransition(event -> log.warn(
                        "The assistant's circuit breaker went {}: {}",
                        event.getStateTransition(),
                        event.getStateTransition().getToState() == CircuitBreaker.State.OPEN
                                ? "the provider is left alone for " + settings.waitInOpenState()
                                        + ", guests get the template"
                                : "the provider is tried again"));
        return breaker;
    }

    @Override
    public Mono<AssistantVerdict> answer(AssistantRequest request) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            if (!breaker.tryAcquirePermission()) {
                AssistantVerdict open = new AssistantVerdict.Failed(
                        Failure.CIRCUIT_OPEN,
                        "The provider failed recently; it is not called until the circuit breaker closes");
                metrics.record(open, Duration.ZERO);
                return Mono.just(open);
            }
            return Mono.fromCallable(() -> askOrName(request))
                    .subscribeOn(Schedulers.boundedElastic())
                    .timeout(properties.timeout())
                    .onErrorResume(error -> Mono.just(ProviderFailures.of(error, properties.timeout())))
                    // An abandoned answer must give its permission back, or a half-open breaker would stay shut.
                    .doOnCancel(breaker::releasePermission)
                    .map(verdict -> {
                        long took = System.nanoTime() - started;
                        if (verdict instanceof AssistantVerdict.Failed failed
                                && PROVIDER_FAILURES.contains(failed.failure())) {
                            breaker.onError(took, TimeUnit.NANOSECONDS, new ProviderFailed(failed));
                            log.warn("The assistant failed ({}): {}", failed.failure(), failed.detail());
                        } else {
                            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                            if (verdict instanceof AssistantVerdict.Failed failed) {
                                log.warn(
                                        "The assistant's answer was refused ({}): {}",
                                        failed.failure(),
                                        failed.detail());
                            }
                        }
                        metrics.record(verdict, Duration.ofNanos(took));
                        return verdict;
                    });
        });
    }

    /**
     * The call's failures become verdicts right here: after a timeout nobody listens any more, and an exception
     * thrown then would only be logged as dropped.
     */
    private AssistantVerdict askOrName(AssistantRequest request) {
        try {
            return ask(request);
        } catch (Exception e) {
            return ProviderFailures.of(e, properties.timeout());
        }
    }

    /** One blocking conversation with the provider: the tools' round trips, then the structured answer. */
    private AssistantVerdict ask(AssistantRequest request) {
        ResponseEntity<ChatResponse, AnswerFormat.Reading> response = chat.prompt()
                .system(AssistantPrompt.SYSTEM)
                .user(prompt.user(request))
                .tools(new GuestTools(request))
                .call()
                .responseEntity(format, spec -> {
                    if (properties.structuredOutput() == AssistantProperties.StructuredOutput.NATIVE) {
                        spec.useProviderStructuredOutput();
                    }
                });
        countTokens(response.response());
        AnswerFormat.Reading reading = response.entity();
        if (reading instanceof AnswerFormat.Read read) {
            return AnswerCheck.verdict(read.answer(), request);
        }
        String why = reading instanceof AnswerFormat.Unreadable unreadable ? unreadable.why() : "no answer at all";
        return new AssistantVerdict.Failed(Failure.MALFORMED, "The model gave " + why);
    }

    private void countTokens(ChatResponse response) {
        if (response == null || response.getMetadata() == null) {
            return;
        }
        Usage usage = response.getMetadata().getUsage();
        if (usage != null) {
            metrics.tokens(value(usage.getPromptTokens()), value(usage.getCompletionTokens()));
        }
    }

    private static long value(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** What the breaker records for a failed answer (its words only, no stack needed). */
    private static final class ProviderFailed extends RuntimeException {

        ProviderFailed(AssistantVerdict.Failed failed) {
            super(failed.failure() + ": " + failed.detail(), null, false, false);
        }
    }
}
