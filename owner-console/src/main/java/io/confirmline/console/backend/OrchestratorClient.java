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
package io.confirmline.console.backend;

import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The call orchestrator's owner-action API (design.md §10.5), called with the tenant's console key. Every method
 * fails with a {@link BackendException}: the orchestrator's refusal (404, 409 with its reason) or its absence.
 */
@Component
public class OrchestratorClient {

    static final String SERVICE = "orchestrator";

    private final BackendHttp http;

    public OrchestratorClient(BackendProperties properties, ConsoleKeys keys, WebClient.Builder builder) {
        this.http = new BackendHttp(
                SERVICE, builder, properties.orchestratorUrl().toString(), keys, properties.backendTimeout());
    }

    /** A call as the orchestrator answers an action on it. */
    public record CallState(
            String callId, String subjectId, String status, int attempt, Instant scheduledFor, String reason) {

        static CallState of(JsonNode json) {
            return new CallState(
                    text(json, "callId"),
                    text(json, "subjectId"),
                    text(json, "status"),
                    json.path("attempt").asInt(0),
                    instant(text(json, "scheduledFor")),
                    text(json, "reason"));
        }
    }

    /** A text the orchestrator accepted to send. */
    public record QueuedText(String messageId, String delivery) {}

    /** {@code POST /api/calls/{id}/redial}: call the guest again now (within the tenant's calling hours). */
    public Mono<CallState> redial(String tenantId, String callId) {
        return redial(tenantId, callId, null);
    }

    /**
     * As {@link #redial(String, String)}; {@code idempotencyKey} (one per owner's request, e.g. per rendered form)
     * makes a repeat of that request answer as the first did instead of acting twice.
     */
    public Mono<CallState> redial(String tenantId, String callId, String idempotencyKey) {
        return http.postOnce(tenantId, idempotencyKey, null, "/api/calls/{id}/redial", callId)
                .map(CallState::of);
    }

    /** {@code POST /api/calls/{id}/cancel}: the scheduled call is not placed. */
    public Mono<CallState> cancelCall(String tenantId, String callId) {
        return cancelCall(tenantId, callId, null);
    }

    /** As {@link #cancelCall(String, String)}, idempotent on {@code idempotencyKey} when given. */
    public Mono<CallState> cancelCall(String tenantId, String callId, String idempotencyKey) {
        return http.postOnce(tenantId, idempotencyKey, null, "/api/calls/{id}/cancel", callId)
                .map(CallState::of);
    }

    /**
     * {@code POST /api/conversations/{phone}/messages}: the owner's text to the guest at {@code phone} (E.164); the
     * orchestrator counts it as taking the conversation over.
     */
    public Mono<QueuedText> sendText(String tenantId, String phone, String body) {
        return http.post(tenantId, Map.of("body", body), "/api/conversations/{phone}/messages", phone)
                .map(json -> new QueuedText(text(json, "messageId"), text(json, "delivery")));
    }

    /** {@code POST /api/conversations/{phone}/takeover}: no automatic reply goes to this guest any more. */
    public Mono<Void> takeOver(String tenantId, String phone) {
        return http.post(tenantId, null, "/api/conversations/{phone}/takeover", phone)
                .then();
    }

    /**
     * Any other {@code POST} of the orchestrator's tenant API (e.g. {@code /api/owner-alerts}): {@code body} as JSON
     * (none when null), the answer as JSON ({@code NullNode} when empty).
     */
    public Mono<JsonNode> post(String tenantId, String path, Object body, Object... pathVariables) {
        return http.post(tenantId, body, path, pathVariables);
    }

    static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** An ISO-8601 instant as the services write them; anything else reads as unknown rather than failing a page. */
    static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
