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
package io.confirmline.orchestrator.text;

import io.confirmline.logging.SensitiveText;
import io.confirmline.sms.SmsParts;
import io.confirmline.tenant.Tenant;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 8x8's Send SMS: {@code POST {base}/api/v1/subaccounts/{smsSubaccountId}/messages} with the tenant's Bearer API
 * key and {@code {destination, source, text, clientMessageId, encoding: "AUTO"}} (8x8-voice-api.md §7).
 *
 * <p>Unlike a callflow, a text carries our {@code clientMessageId}, the same on every try of that text (the
 * caller's stable id for it), so asking again after a timeout or a 5xx is how a text gets through without the
 * guest getting two. 429 is retried after its {@code Retry-After}; 5xx, timeouts and connection errors after a
 * doubling, jittered backoff; all within {@code max-tries}, then {@link SendResult.Unavailable} and the caller
 * tries later with the same id. Any other refusal is {@link SendResult.Refused} with 8x8's code at once.
 *
 * <p>Logs name the tenant, the clientMessageId and the masked number — never the text, never the key.
 */
@Component
public class SmsClient {

    /** 8x8's limit on {@code clientMessageId}. */
    public static final int MAX_CLIENT_MESSAGE_ID = 50;

    private static final Logger log = LoggerFactory.getLogger(SmsClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One text to send.
     *
     * @param clientMessageId our id for the text, the same on every try (at most 50 characters): 8x8 echoes it in
     *     the receipts and it is what makes a retried request one text
     * @param destination the guest's number, E.164
     * @param source the sender: one of the tenant's SMS virtual numbers, so the guest's answer comes back to us
     * @param body the text
     */
    public record OutgoingText(String clientMessageId, String destination, String source, String body) {

        public OutgoingText {
            Objects.requireNonNull(clientMessageId, "clientMessageId");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(body, "body");
            if (clientMessageId.isEmpty() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID) {
                throw new IllegalArgumentException("clientMessageId must be 1 to " + MAX_CLIENT_MESSAGE_ID
                        + " characters, not " + clientMessageId.length());
            }
        }

        /** The text from the tenant's sender, its first SMS number. */
        public static OutgoingText from(Tenant tenant, String clientMessageId, String destination, String body) {
            return new OutgoingText(
                    clientMessageId, destination, tenant.account().smsNumbers().get(0), body);
        }

        @Override
        public String toString() {
            return "OutgoingText[clientMessageId=" + clientMessageId + ", destination="
                    + SensitiveText.maskPhone(destination) + ", characters=" + body.length() + "]";
        }
    }

    private final WebClient http;
    private final SmsProperties settings;

    /** {@code http}: Boot's builder (cloned here), so the requests get the metrics and traces of every client. */
    public SmsClient(WebClient.Builder http, SmsProperties settings) {
        this.settings = settings;
        this.http = http.clone().baseUrl(settings.baseUrl().toString()).build();
    }

    /**
     * Sends the text for the tenant's SMS subaccount; completes with what 8x8 decided (never with an error for
     * anything 8x8 or the network did).
     *
     * @throws IllegalArgumentException when the tenant has no SMS subaccount ({@link Tenant#texts()} is false)
     */
    public Mono<SendResult> send(Tenant tenant, OutgoingText text) {
        String subaccount = tenant.account()
                .smsSubaccountId()
                .orElseThrow(() -> new IllegalArgumentException("Tenant " + tenant.id() + " has no SMS subaccount"));
        String request = requestBody(text);
        String apiKey = tenant.account().apiKey().value();
        return Mono.defer(() -> http.post()
                        .uri("/api/v1/subaccounts/{id}/messages", subaccount)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .bodyValue(request)
                        .exchangeToMono(response -> response.bodyToMono(String.class)
                                .defaultIfEmpty("")
                                .map(body -> interpret(
                                        response.statusCode().value(),
                                        body,
                                        response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))))
                        .timeout(settings.timeout()))
                .retryWhen(retry(tenant, text))
                .onErrorResume(
                        SmsClient::worthAnotherTry, error -> Mono.just(new SendResult.Unavailable(describe(error))))
                .doOnNext(result -> logResult(tenant, text, result));
    }

    /** The JSON 8x8 documents, in its order; {@code AUTO} lets 8x8 choose GSM-7 or UCS-2 as {@link SmsParts} does. */
    static String requestBody(OutgoingText text) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("destination", text.destination());
        if (text.source() != null) {
            body.put("source", text.source());
        }
        body.put("text", text.body());
        body.put("clientMessageId", text.clientMessageId());
        body.put("encoding", "AUTO");
        return JSON.writeValueAsString(body);
    }

    /** Accepted or Refused; throws {@link TryAgain} for answers another try may change (429, 5xx). */
    static SendResult interpret(int httpStatus, String body, String retryAfter) {
        JsonNode json = parse(body);
        if (httpStatus == 429 || httpStatus >= 500) {
            throw new TryAgain(
                    "8x8 answered HTTP " + httpStatus + describeError(json),
                    httpStatus == 429 ? seconds(retryAfter) : null);
        }
        if (httpStatus >= 200 && httpStatus < 300) {
            JsonNode status = json == null ? null : json.get("status");
            String code = text(status, "code");
            if ("QUEUED".equals(code) && text(json, "umid") != null) {
                return new SendResult.Accepted(text(json, "umid"), text(json, "encoding"));
            }
            if ("REJECTED".equals(code)) {
                return new SendResult.Refused(httpStatus, "REJECTED", text(status, "description"));
            }
            // A success we cannot read: asking again with the same clientMessageId is the way to learn more.
            throw new TryAgain("8x8 answered HTTP " + httpStatus + " without a status we know", null);
        }
        String code =
                json != null && json.get("code") != null && !json.get("code").isNull()
                        ? json.get("code").asString()
                        : Integer.toString(httpStatus);
        String message = text(json, "message");
        if (message == null && json == null && !body.isBlank()) {
            message = body.length() > 200 ? body.substring(0, 200) : body;
        }
        return new SendResult.Refused(httpStatus, code, message);
    }

    private Retry retry(Tenant tenant, OutgoingText text) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            long tried = signal.totalRetries() + 1;
            if (!worthAnotherTry(failure) || tried >= settings.maxTries()) {
                return Mono.error(failure);
            }
            Duration wait = backoff(tried);
            if (failure instanceof TryAgain again && again.retryAfter != null) {
                if (again.retryAfter.compareTo(settings.maxBackoff()) > 0) {
                    // Honoured by not asking sooner: the caller tries again later.
                    return Mono.error(new TryAgain(
                            again.getMessage() + ", asking to wait " + again.retryAfter.toSeconds() + " s", null));
                }
                wait = again.retryAfter;
            }
            log.info(
                    "Text {} of tenant {} to {}: try {} of {} failed ({}), again in {} ms",
                    text.clientMessageId(),
                    tenant.id(),
                    SensitiveText.maskPhone(text.destination()),
                    tried,
                    settings.maxTries(),
                    describe(failure),
                    wait.toMillis());
            return Mono.delay(wait);
        }));
    }

    /** The wait after {@code tried} tries: backoff × 2^(tried−1), ±25 % jitter, capped at max-backoff. */
    private Duration backoff(long tried) {
        double base = settings.backoff().toMillis() * Math.pow(2, (double) Math.min(tried - 1, 20));
        double jittered = base * ThreadLocalRandom.current().nextDouble(0.75, 1.25);
        return Duration.ofMillis(
                (long) Math.min(jittered, (double) settings.maxBackoff().toMillis()));
    }

    private static void logResult(Tenant tenant, OutgoingText text, SendResult result) {
        String to = SensitiveText.maskPhone(text.destination());
        if (result instanceof SendResult.Accepted accepted) {
            log.debug(
                    "Text {} of tenant {} to {} queued by 8x8 as {} ({})",
                    text.clientMessageId(),
                    tenant.id(),
                    to,
                    accepted.umid(),
                    accepted.encoding());
        } else if (result instanceof SendResult.Refused refused) {
            log.warn(
                    "Text {} of tenant {} to {} refused by 8x8: HTTP {} {} {}",
                    text.clientMessageId(),
                    tenant.id(),
                    to,
                    refused.httpStatus(),
                    refused.code(),
                    SensitiveText.mask(Objects.toString(refused.description(), "")));
        } else if (result instanceof SendResult.Unavailable unavailable) {
            log.warn(
                    "Text {} of tenant {} to {} not sent, 8x8 unavailable: {}",
                    text.clientMessageId(),
                    tenant.id(),
                    to,
                    unavailable.reason());
        }
    }

    /** 429, 5xx, an unreadable success, a timeout or a connection error: another try may go through. */
    private static boolean worthAnotherTry(Throwable error) {
        return error instanceof TryAgain
                || error instanceof TimeoutException
                || error instanceof WebClientRequestException;
    }

    private static String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "8x8 did not answer in time";
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : SensitiveText.mask(error.getMessage());
    }

    private static String describeError(JsonNode json) {
        String message = text(json, "message");
        String code = text(json, "code");
        return (code == null ? "" : " " + code) + (message == null ? "" : " " + message);
    }

    /** An answer worth another try, carried as an error through the retry operator. */
    static final class TryAgain extends RuntimeException {
        private final transient Duration retryAfter;

        TryAgain(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    private static Duration seconds(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null;
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
        return json == null
                        || !json.isObject()
                        || json.get(field) == null
                        || json.get(field).isNull()
                ? null
                : json.get(field).asString();
    }
}
