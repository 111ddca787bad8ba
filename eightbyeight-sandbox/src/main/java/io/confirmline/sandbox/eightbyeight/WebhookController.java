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
package io.confirmline.sandbox.eightbyeight;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 8x8's voice webhooks API per subaccount (8x8-voice-api.md §5.1): {@code POST}, {@code GET} and
 * {@code DELETE /api/v1/subaccounts/{id}/webhooks[/{type}]}, Bearer-checked like Send Callflow; a bad body is a
 * 422 with {@code statusCode "1001"}. What arrived is listed under {@code GET /sandbox/webhook-registrations}.
 */
@RestController
class WebhookController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TYPES = Set.of("VCA", "VSS", "VCS", "VRU", "VNU");

    private final SandboxProperties properties;
    private final WebhookRegistry registry;
    private final Clock clock;

    WebhookController(SandboxProperties properties, WebhookRegistry registry, Clock clock) {
        this.properties = properties;
        this.registry = registry;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/subaccounts/{subaccountId}/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(
            @PathVariable String subaccountId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        Optional<ResponseEntity<Map<String, Object>>> refused = authenticate(subaccountId, authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode request;
        try {
            request = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            request = null;
        }
        registry.received(new WebhookRegistry.Request(
                subaccountId,
                authorization,
                request != null && request.isObject() ? JSON.convertValue(request, Map.class) : Map.of(),
                clock.instant()));
        Optional<String> problem = problem(request);
        if (problem.isPresent()) {
            return error(422, "1001", problem.get());
        }
        WebhookRegistry.Webhook webhook = new WebhookRegistry.Webhook(
                request.get("type").asString(),
                URI.create(request.get("url").asString()),
                request.hasNonNull("httpAuthHeader")
                        ? request.get("httpAuthHeader").asString()
                        : null,
                !request.hasNonNull("enabled") || request.get("enabled").booleanValue());
        registry.register(subaccountId, webhook);
        return ResponseEntity.ok(listing(subaccountId, List.of(webhook)));
    }

    @GetMapping(path = "/api/v1/subaccounts/{subaccountId}/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> list(
            @PathVariable String subaccountId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return authenticate(subaccountId, authorization)
                .orElseGet(() -> ResponseEntity.ok(listing(subaccountId, registry.of(subaccountId))));
    }

    @DeleteMapping(
            path = "/api/v1/subaccounts/{subaccountId}/webhooks/{type}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> delete(
            @PathVariable String subaccountId,
            @PathVariable String type,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Optional<ResponseEntity<Map<String, Object>>> refused = authenticate(subaccountId, authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!registry.remove(subaccountId, type)) {
            return error(404, "404", "Webhook not found by type : " + type);
        }
        return ResponseEntity.ok(listing(subaccountId, registry.of(subaccountId)));
    }

    /** Every registration request received, oldest first (with its Authorization and body, for tests). */
    @GetMapping(path = "/sandbox/webhook-registrations", produces = MediaType.APPLICATION_JSON_VALUE)
    List<WebhookRegistry.Request> registrations() {
        return registry.requests();
    }

    private Optional<ResponseEntity<Map<String, Object>>> authenticate(String subaccountId, String authorization) {
        Optional<SandboxProperties.Subaccount> subaccount = properties.subaccounts().stream()
                .filter(s -> s.id().equals(subaccountId))
                .findFirst();
        if (subaccount.isEmpty()) {
            return Optional.of(error(404, "404", "SubAccount not found by Id : " + subaccountId));
        }
        if (authorization == null
                || !authorization.equals("Bearer " + subaccount.get().apiKey())) {
            return Optional.of(error(401, "401", "Authentication header not found or token invalid"));
        }
        return Optional.empty();
    }

    /** What 8x8's schema refuses in a webhook: a missing or unknown type, a URL that is not absolute http(s). */
    private static Optional<String> problem(JsonNode request) {
        if (request == null || !request.isObject()) {
            return Optional.of("Request body must be a JSON object");
        }
        JsonNode type = request.get("type");
        if (type == null || !type.isString() || !TYPES.contains(type.asString())) {
            return Optional.of("type must be one of " + TYPES);
        }
        JsonNode url = request.get("url");
        if (url == null || !url.isString()) {
            return Optional.of("url is required");
        }
        try {
            URI parsed = new URI(url.asString());
            if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                    || parsed.getHost() == null) {
                return Optional.of("url must be an absolute http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            return Optional.of("url must be an absolute http(s) URL");
        }
        JsonNode header = request.get("httpAuthHeader");
        if (header != null
                && !header.isNull()
                && (!header.isString() || header.asString().length() > 1024)) {
            return Optional.of("httpAuthHeader must be a string of at most 1024 characters");
        }
        JsonNode enabled = request.get("enabled");
        if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
            return Optional.of("enabled must be a boolean");
        }
        return Optional.empty();
    }

    private static Map<String, Object> listing(String subaccountId, List<WebhookRegistry.Webhook> webhooks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subAccountId", subaccountId);
        body.put("count", webhooks.size());
        body.put(
                "webhooks",
                webhooks.stream()
                        .map(w -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("type", w.type());
                            item.put("url", w.url().toString());
                            item.put("enabled", w.enabled());
                            item.put(
                                    "httpAuthHeaderAvailable",
                                    w.httpAuthHeader() != null
                                            && !w.httpAuthHeader().isEmpty());
                            return item;
                        })
                        .toList());
        body.put("statusCode", 0);
        body.put("statusMessage", "ok");
        return body;
    }

    private ResponseEntity<Map<String, Object>> error(int http, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorId", UUID.randomUUID().toString());
        body.put("statusCode", code);
        body.put("statusMessage", message);
        body.put("timestamp", clock.instant().toString());
        return ResponseEntity.status(http)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
