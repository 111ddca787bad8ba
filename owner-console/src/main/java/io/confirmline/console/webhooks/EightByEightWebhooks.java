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
package io.confirmline.console.webhooks;

import io.confirmline.console.ConsoleProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 8x8's voice webhooks API (8x8-voice-api.md §5.1):
 * {@code POST {base}/api/v1/subaccounts/{subAccountId}/webhooks} with {@code {type, url, httpAuthHeader, enabled}}
 * and the tenant's Bearer API key. Not retried: registering again is the caller's decision (it is one click).
 */
@Component
public class EightByEightWebhooks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One webhook as 8x8 lists it. */
    public record Webhook(String type, String url, boolean enabled, boolean httpAuthHeaderAvailable) {}

    /** 8x8 refused (its HTTP status, its {@code statusCode} and message) or could not be reached (status 0). */
    public static final class Refused extends RuntimeException {
        private final int httpStatus;
        private final String code;

        Refused(int httpStatus, String code, String message) {
            super(message, null, false, false);
            this.httpStatus = httpStatus;
            this.code = code;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public String code() {
            return code;
        }
    }

    private final WebClient http;
    private final ConsoleProperties.EightByEight settings;

    /** {@code builder} is Boot's (metrics and traces of every call), cloned for this client's base URL. */
    public EightByEightWebhooks(ConsoleProperties properties, WebClient.Builder builder) {
        this.settings = properties.eightByEight();
        this.http = builder.clone().baseUrl(settings.baseUrl().toString()).build();
    }

    /**
     * Registers (or replaces) the subaccount's webhook of {@code type}; what 8x8 answered.
     *
     * @throws Refused (in the Mono) when 8x8 refused or could not be reached
     */
    public Mono<List<Webhook>> register(
            String subaccountId, String apiKey, String type, URI url, String authorization) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", type);
        body.put("url", url.toString());
        body.put("httpAuthHeader", authorization);
        body.put("enabled", true);
        return http.post()
                .uri("/api/v1/subaccounts/{id}/webhooks", subaccountId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsString(body))
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(answer -> interpret(response.statusCode().value(), answer)))
                .timeout(settings.timeout())
                .onErrorMap(
                        error -> !(error instanceof Refused),
                        error -> new Refused(
                                0,
                                null,
                                "8x8 could not be reached: " + error.getClass().getSimpleName()));
    }

    static List<Webhook> interpret(int status, String body) {
        JsonNode json;
        try {
            json = body.isEmpty() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            json = null;
        }
        if (status < 200 || status >= 300) {
            String code = json == null || json.get("statusCode") == null
                    ? null
                    : json.get("statusCode").asString();
            String message = json == null || json.get("statusMessage") == null
                    ? "no message"
                    : json.get("statusMessage").asString();
            throw new Refused(status, code, message.length() > 300 ? message.substring(0, 300) : message);
        }
        List<Webhook> webhooks = new ArrayList<>();
        if (json != null && json.get("webhooks") != null && json.get("webhooks").isArray()) {
            for (JsonNode webhook : json.get("webhooks")) {
                webhooks.add(new Webhook(
                        webhook.path("type").asString(""),
                        webhook.path("url").asString(""),
                        webhook.path("enabled").asBoolean(true),
                        webhook.path("httpAuthHeaderAvailable").asBoolean(false)));
            }
        }
        return webhooks;
    }
}
