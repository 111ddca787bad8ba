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

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The assistant's provider ({@code confirmline.assistant.*}, issue #17): any OpenAI-compatible chat-completions API.
 * Without a base URL nothing calls out and every guest's free text gets the template (the default, so that
 * {@code ./run-local} works offline).
 *
 * @param baseUrl the provider's OpenAI-compatible base URL, {@code /v1} included ({@code https://api.openai.com/v1},
 *     {@code http://localhost:11434/v1} for Ollama...); empty: no provider
 * @param apiKey the provider's key, sent as a bearer token; empty for a local server that wants none
 * @param model the model (for Azure OpenAI, the deployment)
 * @param timeout how long one answer may take, tool calls included; the guest must have an answer within the
 *     owner's window plus ten seconds, and the template goes out as soon as this has passed
 * @param maxTokens the most tokens the model may write per call (the reply is at most 320 characters)
 * @param temperature low: the assistant reads and drafts, it is not meant to be creative
 * @param structuredOutput how the answer's JSON shape is asked for: {@code NATIVE} (the provider enforces the JSON
 *     schema, OpenAI's {@code response_format}) or {@code INSTRUCTIONS} (the schema in the prompt, for servers
 *     without {@code json_schema} support)
 */
@Validated
@ConfigurationProperties("confirmline.assistant")
public record AssistantProperties(
        @DefaultValue("") String baseUrl,
        @DefaultValue("") String apiKey,
        @DefaultValue("gpt-4o-mini") @NotBlank String model,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("300") @Min(50) @Max(4000) int maxTokens,

        @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("2.0")
        double temperature,

        @DefaultValue("NATIVE") @NotNull StructuredOutput structuredOutput,
        @DefaultValue @NotNull @Valid CircuitBreaker circuitBreaker) {

    public enum StructuredOutput {
        NATIVE,
        INSTRUCTIONS
    }

    /**
     * When the provider is left alone after failures (timeouts, 429, 5xx, unreadable answers): it opens when
     * {@code failureRateThreshold} percent of the last {@code slidingWindowSize} calls failed (after at least
     * {@code minimumNumberOfCalls}); while open, every guest gets the template at once; after
     * {@code waitInOpenState} {@code permittedCallsInHalfOpenState} calls try the provider again.
     */
    public record CircuitBreaker(
            @DefaultValue("60") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("5") @Min(1) @Max(1000) int slidingWindowSize,
            @DefaultValue("3") @Min(1) @Max(1000) int minimumNumberOfCalls,
            @DefaultValue("30s") @NotNull Duration waitInOpenState,
            @DefaultValue("1") @Min(1) @Max(100) int permittedCallsInHalfOpenState) {}

    /** Whether a provider is configured at all. */
    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    @AssertTrue(message = "base-url must be an absolute http(s) URL such as https://api.openai.com/v1, or empty")
    boolean isBaseUrlValid() {
        if (!configured()) {
            return true;
        }
        try {
            URI uri = URI.create(baseUrl.strip());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Longer than 20 s would outlast the answer lease and the promise of an answer within the window + 10 s. */
    @AssertTrue(message = "timeout must be positive and at most 20s")
    boolean isTimeoutValid() {
        return timeout == null
                || (!timeout.isNegative() && !timeout.isZero() && timeout.compareTo(Duration.ofSeconds(20)) <= 0);
    }

    /** The key never reaches a log, not even through a start-up report of the properties. */
    @Override
    public String toString() {
        return "AssistantProperties[baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null || apiKey.isEmpty() ? "" : "***")
                + ", model=" + model + ", timeout=" + timeout + ", maxTokens=" + maxTokens + ", temperature="
                + temperature + ", structuredOutput=" + structuredOutput + ", circuitBreaker=" + circuitBreaker + "]";
    }
}
