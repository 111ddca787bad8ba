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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 8x8's SMS webhook configuration API, which is per 8x8 account, not per subaccount (8x8-voice-api.md §7):
 * {@code POST {sms-base}/api/v1/accounts/{accountId}/webhooks} with an array of
 * {@code {subAccountId, type, url, httpAuthorization, enabled}}, each creating or replacing the account's webhook of
 * that subaccount and type, with the tenant's Bearer API key. 8x8 sends {@code httpAuthorization} verbatim as the
 * {@code Authorization} header of every MO and DR. Not retried, like the voice registration.
 */
@Component
public class EightByEightSmsWebhooks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One SMS webhook: {@code MO} (texts to the subaccount's numbers) or {@code DR} (delivery receipts). */
    public record SmsWebhook(String type, String url) {}

    private final WebClient http;
    private final ConsoleProperties.EightByEight settings;

    /** {@code builder} is Boot's (metrics and traces of every call), cloned for this client's base URL. */
    public EightByEightSmsWebhooks(ConsoleProperties properties, WebClient.Builder builder) {
        this.settings = properties.eightByEight();
        this.http = builder.clone().baseUrl(settings.smsBaseUrl().toString()).build();
    }

    /**
     * Registers (or replaces) the subaccount's webhooks in one request; what was registered.
     *
     * @throws EightByEightWebhooks.Refused (in the Mono) when 8x8 refused (its status, {@code code} and
     *     {@code message}) or could not be reached (status 0)
     */
    public Mono<List<SmsWebhook>> register(
            String accountId, String subaccountId, String apiKey, Map<String, URI> urlsByType, String authorization) {
        List<Map<String, Object>> body = urlsByType.entrySet().stream()
                .map(entry -> {
                    Map<String, Object> webhook = new LinkedHashMap<>();
                    webhook.put("subAccountId", subaccountId);
                    webhook.put("type", entry.getKey());
                    webhook.put("url", entry.getValue().toString());
                    webhook.put("httpAuthorization", authorization);
                    webhook.put("enabled", true);
                    return webhook;
                })
                .toList();
        List<SmsWebhook> registered = urlsByType.entrySet().stream()
                .map(entry -> new SmsWebhook(entry.getKey(), entry.getValue().toString()))
                .toList();
        return http.post()
                .uri("/api/v1/accounts/{accountId}/webhooks", accountId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsString(body))
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(answer -> interpret(response.statusCode().value(), answer, registered)))
                .timeout(settings.timeout())
                .onErrorMap(
                        error -> !(error instanceof EightByEightWebhooks.Refused),
                        error -> new EightByEightWebhooks.Refused(
                                0,
                                null,
                                "8x8 could not be reached: " + error.getClass().getSimpleName()));
    }

    /** 8x8's SMS APIs answer an error as {@code {code, message, errorId, timestamp}}; a 2xx has no body to read. */
    static List<SmsWebhook> interpret(int status, String body, List<SmsWebhook> registered) {
        if (status >= 200 && status < 300) {
            return registered;
        }
        JsonNode json;
        try {
            json = body.isEmpty() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            json = null;
        }
        String code = json == null || json.get("code") == null
                ? null
                : json.get("code").asString();
        String message = json == null || json.get("message") == null
                ? "no message"
                : json.get("message").asString();
        throw new EightByEightWebhooks.Refused(
                status, code, message.length() > 300 ? message.substring(0, 300) : message);
    }
}
