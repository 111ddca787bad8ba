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
package io.confirmline.sandbox.eightbyeight.sms;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * 8x8's SMS webhook configuration API, per account (8x8-voice-api.md §7 "Registering the DR webhook"; 8x8's
 * "Create or Replace webhooks", "Get all Webhooks for Account", "Delete webhooks"):
 * {@code POST /api/v1/accounts/{accountId}/webhooks} with an array {@code [{subAccountId, type, url,
 * httpAuthorization, enabled}]} creates or replaces each (one per subaccount scope and type scope; no type is
 * {@code *}); {@code GET} lists them with {@code httpAuthorization} masked as {@code ***}; {@code DELETE} with an
 * array {@code [{subAccountId, type}]} removes each. Bearer-checked like Send SMS; a bad body is 400 with 8x8's
 * error body and changes nothing.
 */
@RestController
class SmsWebhookController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Set<String> TYPES = Set.of("DR", "MO", "MSG", "EV", SmsWebhookRegistry.ANY);

    private final SmsAccounts accounts;
    private final SmsWebhookRegistry registry;
    private final Clock clock;

    SmsWebhookController(SmsAccounts accounts, SmsWebhookRegistry registry, Clock clock) {
        this.accounts = accounts;
        this.registry = registry;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/accounts/{accountId}/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> register(
            @PathVariable String accountId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        Optional<SmsRefusal> refused = accounts.checkAccount(accountId, authorization);
        if (refused.isPresent()) {
            return refused.get().toResponse(clock);
        }
        JsonNode request = parse(body);
        registry.received(new SmsWebhookRegistry.Request(
                "POST",
                accountId,
                authorization,
                request == null ? null : JSON.convertValue(request, Object.class),
                clock.instant()));
        List<SmsWebhookRegistry.Webhook> webhooks = new ArrayList<>();
        if (request == null || !request.isArray() || request.isEmpty()) {
            return SmsRefusal.of(400, 1000, "Invalid parameter : the body must be a non-empty array of webhooks")
                    .toResponse(clock);
        }
        for (JsonNode item : request) {
            Optional<SmsRefusal> problem = problem(accountId, item);
            if (problem.isPresent()) {
                return problem.get().toResponse(clock);
            }
            webhooks.add(new SmsWebhookRegistry.Webhook(
                    item.get("subAccountId").asString(),
                    item.hasNonNull("type") ? item.get("type").asString() : SmsWebhookRegistry.ANY,
                    URI.create(item.get("url").asString()),
                    item.hasNonNull("httpAuthorization")
                            ? item.get("httpAuthorization").asString()
                            : null,
                    !item.hasNonNull("enabled") || item.get("enabled").booleanValue()));
        }
        webhooks.forEach(webhook -> registry.register(accountId, webhook));
        return ResponseEntity.ok().build();
    }

    @GetMapping(path = "/api/v1/accounts/{accountId}/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> list(
            @PathVariable String accountId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Optional<SmsRefusal> refused = accounts.checkAccount(accountId, authorization);
        if (refused.isPresent()) {
            return refused.get().toResponse(clock);
        }
        return ResponseEntity.ok(registry.of(accountId).stream()
                .map(webhook -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("subAccountId", webhook.subAccountId());
                    item.put("type", webhook.type());
                    item.put("url", webhook.url().toString());
                    if (webhook.httpAuthorization() != null) {
                        item.put("httpAuthorization", "***");
                    }
                    item.put("enabled", webhook.enabled());
                    return item;
                })
                .toList());
    }

    @DeleteMapping(path = "/api/v1/accounts/{accountId}/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> delete(
            @PathVariable String accountId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        Optional<SmsRefusal> refused = accounts.checkAccount(accountId, authorization);
        if (refused.isPresent()) {
            return refused.get().toResponse(clock);
        }
        JsonNode request = parse(body);
        registry.received(new SmsWebhookRegistry.Request(
                "DELETE",
                accountId,
                authorization,
                request == null ? null : JSON.convertValue(request, Object.class),
                clock.instant()));
        if (request == null || !request.isArray() || request.isEmpty()) {
            return SmsRefusal.of(400, 1000, "Invalid parameter : the body must be a non-empty array of webhooks")
                    .toResponse(clock);
        }
        for (JsonNode item : request) {
            if (!item.isObject()
                    || !item.hasNonNull("subAccountId")
                    || !item.get("subAccountId").isString()) {
                return SmsRefusal.of(400, 1000, "Invalid parameter : subAccountId is required")
                        .toResponse(clock);
            }
            JsonNode type = item.get("type");
            if (type != null && !type.isNull() && (!type.isString() || !TYPES.contains(type.asString()))) {
                return SmsRefusal.of(400, 1000, "Invalid parameter : type must be one of " + TYPES)
                        .toResponse(clock);
            }
        }
        for (JsonNode item : request) {
            registry.remove(
                    accountId,
                    item.get("subAccountId").asString(),
                    item.hasNonNull("type") ? item.get("type").asString() : SmsWebhookRegistry.ANY);
        }
        return ResponseEntity.ok().build();
    }

    /** What 8x8's schema refuses in one webhook: no subaccount scope, one of another account, a bad type or URL. */
    private Optional<SmsRefusal> problem(String accountId, JsonNode item) {
        if (!item.isObject()) {
            return invalid("each webhook must be a JSON object");
        }
        JsonNode subaccount = item.get("subAccountId");
        if (subaccount == null
                || !subaccount.isString()
                || subaccount.asString().isBlank()) {
            return invalid("subAccountId is required");
        }
        if (!SmsWebhookRegistry.ANY.equals(subaccount.asString())
                && !accounts.belongs(subaccount.asString(), accountId)) {
            return Optional.of(SmsRefusal.of(400, 1001, "Provided subAccountId doesn't belongs to your account"));
        }
        JsonNode type = item.get("type");
        if (type != null && !type.isNull() && (!type.isString() || !TYPES.contains(type.asString()))) {
            return invalid("type must be one of " + TYPES);
        }
        JsonNode url = item.get("url");
        if (url == null || !url.isString()) {
            return invalid("url is required");
        }
        try {
            URI parsed = new URI(url.asString());
            if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                    || parsed.getHost() == null) {
                return invalid("url must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            return invalid("url must be an absolute http(s) URL");
        }
        JsonNode header = item.get("httpAuthorization");
        if (header != null && !header.isNull() && !header.isString()) {
            return invalid("httpAuthorization must be a string");
        }
        JsonNode enabled = item.get("enabled");
        if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
            return invalid("enabled must be a boolean");
        }
        return Optional.empty();
    }

    private static Optional<SmsRefusal> invalid(String what) {
        return Optional.of(SmsRefusal.of(400, 1000, "Invalid parameter : " + what));
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
