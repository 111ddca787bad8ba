package io.confirmline.orchestrator.dialing;

import java.net.URI;
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
 * API key (8x8-voice-api.md §2). 429, 5xx, timeouts and connection errors are retried with backoff ({@code 429}'s
 * {@code Retry-After} honoured); anything else 8x8 refuses fails at once with its code and message.
 *
 * <p>8x8's {@code clientRequestId} is not an idempotency key: a request that timed out may still have placed the
 * call, and retrying it may place a second one. The retry count for timeouts is therefore separate and small.
 */
public final class CallflowsClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param baseUrl {@code https://voice.8x8.com}, or a sandbox
     * @param timeout how long one request waits for 8x8's answer
     * @param retries how many times a 429/5xx/connection failure is retried
     * @param backoff the first retry's wait; doubled each time, with jitter
     */
    public record Settings(URI baseUrl, Duration timeout, int retries, Duration backoff) {
    }

    private final WebClient http;
    private final Settings settings;

    public CallflowsClient(WebClient.Builder http, Settings settings) {
        this.http = http.baseUrl(settings.baseUrl().toString()).build();
        this.settings = settings;
    }

    /** Sends a callflow (JSON from {@code Callflows}) for the tenant's subaccount. */
    public Mono<PlaceCallResult> placeCall(String subAccountId, String apiKey, String callflowJson) {
        return http.post().uri("/api/v1/subaccounts/{id}/callflows", subAccountId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(callflowJson)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("").map(body ->
                        interpret(response.statusCode().value(), body,
                                response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))))
                .timeout(settings.timeout())
                .retryWhen(Retry.backoff(settings.retries(), settings.backoff()).jitter(0.3)
                        .filter(CallflowsClient::retryable)
                        .doBeforeRetryAsync(signal -> signal.failure() instanceof Retryable r && r.retryAfter().isPresent()
                                ? Mono.delay(r.retryAfter().get()).then() : Mono.empty())
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorResume(error -> Mono.just(new PlaceCallResult.Unavailable(describe(error))));
    }

    /** Placed or Rejected; throws {@link Retryable} for answers worth asking again. */
    static PlaceCallResult interpret(int httpStatus, String body, String retryAfter) {
        JsonNode json = parse(body);
        String sessionId = text(json, "sessionId");
        String sessionStatus = text(json, "sessionStatus");
        Integer statusCode = json != null && json.get("statusCode") != null && json.get("statusCode").isNumber()
                ? json.get("statusCode").asInt() : null;
        String message = Optional.ofNullable(text(json, "statusMessage")).orElse(body.length() > 200 ? body.substring(0, 200) : body);
        if (httpStatus >= 200 && httpStatus < 300 && sessionId != null && "CREATED".equals(sessionStatus)) {
            return new PlaceCallResult.Placed(sessionId);
        }
        if (httpStatus == 429 || httpStatus >= 500) {
            throw new Retryable("8x8 answered HTTP " + httpStatus + (statusCode == null ? "" : " " + statusCode)
                    + " " + message, retryAfter(retryAfter));
        }
        return new PlaceCallResult.Rejected(httpStatus, statusCode, message);
    }

    /** An answer worth asking again; carried as an error through the retry operator. */
    static final class Retryable extends RuntimeException {
        private final transient Optional<Duration> retryAfter;

        Retryable(String message, Optional<Duration> retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    private static boolean retryable(Throwable error) {
        return error instanceof Retryable || error instanceof TimeoutException
                || error instanceof WebClientRequestException;
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
        return json == null || json.get(field) == null || json.get(field).isNull() ? null : json.get(field).asString();
    }
}
