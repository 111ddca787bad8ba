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
package io.confirmline.orchestrator.dialing;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 8x8's Send Callflow: {@code POST {base}/api/v1/subaccounts/{subAccountId}/callflows} with the tenant's Bearer
 * API key (8x8-voice-api.md §2).
 *
 * <p>8x8's {@code clientRequestId} is not an idempotency key: sending a request again after it may have created a
 * call can ring the guest twice. So only answers that prove no call was created are retried here, with backoff:
 * 429 (its {@code Retry-After} honoured), an answer saying {@code NOT_CREATED} with a retryable code, and a
 * connection that failed before the request was sent. A timeout, a 5xx without {@code NOT_CREATED} or a connection
 * lost after sending is {@link PlaceCallResult.OutcomeUnknown}, settled by the session summary or its timeout —
 * never by a second request. Refusals that would repeat ({@link ProviderErrors}) fail the attempt at once.
 */
public final class CallflowsClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param baseUrl {@code https://voice.8x8.com}, or a sandbox
     * @param timeout how long one request waits for 8x8's answer
     * @param retries how many times an answer proving no call was created (429, NOT_CREATED, connection refused)
     *     is retried
     * @param backoff the first retry's wait; doubled each time, with jitter
     */
    public record Settings(URI baseUrl, Duration timeout, int retries, Duration backoff) {}

    private final WebClient http;
    private final Settings settings;

    public CallflowsClient(WebClient.Builder http, Settings settings) {
        this.http = http.baseUrl(settings.baseUrl().toString()).build();
        this.settings = settings;
    }

    /** Sends a callflow (JSON from {@code Callflows}) for the tenant's subaccount. */
    public Mono<PlaceCallResult> placeCall(String subAccountId, String apiKey, String callflowJson) {
        return http.post()
                .uri("/api/v1/subaccounts/{id}/callflows", subAccountId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(callflowJson)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> interpret(
                                response.statusCode().value(),
                                body,
                                response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))))
                .timeout(settings.timeout())
                .retryWhen(Retry.backoff(settings.retries(), settings.backoff())
                        .jitter(0.3)
                        .filter(CallflowsClient::provablyNotPlaced)
                        .doBeforeRetryAsync(signal -> signal.failure() instanceof NotPlaced r
                                        && r.retryAfter().isPresent()
                                ? Mono.delay(r.retryAfter().get()).then()
                                : Mono.empty())
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorResume(error -> Mono.just(
                        provablyNotPlaced(error)
                                ? new PlaceCallResult.Unavailable(describe(error))
                                : new PlaceCallResult.OutcomeUnknown(
                                        describe(error) + "; the call may have been placed")));
    }

    /**
     * Placed, Rejected or OutcomeUnknown; throws {@link NotPlaced} for answers that prove no call was created and
     * are worth asking again.
     */
    static PlaceCallResult interpret(int httpStatus, String body, String retryAfter) {
        JsonNode json = parse(body);
        String sessionId = text(json, "sessionId");
        String sessionStatus = text(json, "sessionStatus");
        Integer statusCode = json != null
                        && json.get("statusCode") != null
                        && json.get("statusCode").isNumber()
                ? json.get("statusCode").asInt()
                : null;
        String message = Optional.ofNullable(text(json, "statusMessage"))
                .orElse(body.length() > 200 ? body.substring(0, 200) : body);
        if (httpStatus >= 200 && httpStatus < 300 && sessionId != null && "CREATED".equals(sessionStatus)) {
            return new PlaceCallResult.Placed(sessionId);
        }
        String described =
                "8x8 answered HTTP " + httpStatus + (statusCode == null ? "" : " " + statusCode) + " " + message;
        boolean notCreated = "NOT_CREATED".equals(sessionStatus) || "NOT CREATED".equals(sessionStatus);
        if (httpStatus == 429
                || (notCreated
                        && ProviderErrors.retryable(statusCode)
                        && (httpStatus >= 500 || (statusCode != null && statusCode < 0)))) {
            throw new NotPlaced(described, retryAfter(retryAfter));
        }
        if (httpStatus >= 500 || (httpStatus >= 200 && httpStatus < 300 && !notCreated)) {
            // A 5xx from 8x8 or a proxy in front of it, or a success without a session: the call may exist.
            return new PlaceCallResult.OutcomeUnknown(described + "; the call may have been placed");
        }
        return new PlaceCallResult.Rejected(httpStatus, statusCode, message);
    }

    /** An answer proving no call was created, worth asking again; carried as an error through the retry operator. */
    static final class NotPlaced extends RuntimeException {
        private final transient Optional<Duration> retryAfter;

        NotPlaced(String message, Optional<Duration> retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /**
     * Whether this failure proves 8x8 never got the request: {@link NotPlaced}, or a connection that could not be
     * opened (refused, unknown host, connect timeout — all {@link ConnectException}s or
     * {@link UnknownHostException}s under Reactor Netty). A timeout or a connection lost after the request was
     * written proves nothing.
     */
    private static boolean provablyNotPlaced(Throwable error) {
        if (error instanceof NotPlaced) {
            return true;
        }
        if (!(error instanceof WebClientRequestException)) {
            return false;
        }
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "8x8 did not answer in time";
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private static Optional<Duration> retryAfter(String header) {
        try {
            return header == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        return json == null || json.get(field) == null || json.get(field).isNull()
                ? null
                : json.get(field).asString();
    }
}
