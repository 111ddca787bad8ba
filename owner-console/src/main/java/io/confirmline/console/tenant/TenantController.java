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
package io.confirmline.console.tenant;

import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.tenant.TenantService.Changed;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/admin/tenants}: the tenant registry. Every change is published on {@code tenants.v1} (through the
 * outbox) and audited; every refusal is problem+json, a 400 naming every bad field.
 */
@RestController
@RequestMapping(path = "/api/admin/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
public class TenantController {

    private final TenantService tenants;
    private final TenantStore store;
    private final ClientAddress addresses;

    public TenantController(TenantService tenants, TenantStore store, ClientAddress addresses) {
        this.tenants = tenants;
        this.store = store;
        this.addresses = addresses;
    }

    /** A new tenant; the webhook token, platform key and signing secret it was not given are made and answered once. */
    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> create(
            ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
            @RequestBody(required = false) byte[] body) {
        return TenantAccess.admin("create tenants")
                .flatMap(principal -> {
                    JsonNode root = RequestBodies.object(contentType, body);
                    TenantJson.Parsed parsed = TenantJson.read(root, TenantJson.Mode.CREATE, null, true);
                    TenantValidator.check(parsed.settings(), parsed.secrets(), tenants.rules(true), parsed.problems());
                    if (!parsed.problems().isEmpty()) {
                        return Mono.error(AdminProblems.invalid(parsed.problems()));
                    }
                    return tenants.create(
                            parsed.settings(),
                            parsed.secrets(),
                            true,
                            TenantAccess.actor(principal, addresses.of(exchange)));
                })
                .map(created -> ResponseEntity.created(
                                URI.create("/api/admin/tenants/" + created.row().id()))
                        .body(TenantView.of(created)));
    }

    /** Every tenant for the platform admin; a user's own tenant for a user. */
    @GetMapping
    Mono<List<Map<String, Object>>> list() {
        return TenantAccess.caller()
                .flatMap(principal -> (principal.isPlatformAdmin()
                                ? store.all()
                                : Mono.justOrEmpty(principal.tenantId())
                                        .flatMap(store::find)
                                        .flux())
                        .map(TenantView::summary)
                        .collectList());
    }

    @GetMapping("/{id}")
    Mono<Map<String, Object>> get(@PathVariable String id) {
        return TenantAccess.viewer(id).then(tenants.find(id)).map(TenantView::of);
    }

    /** Replaces the non-secret settings; fields left out take their defaults, as in a create. */
    @PutMapping("/{id}")
    Mono<Map<String, Object>> update(
            @PathVariable String id,
            ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
            @RequestBody(required = false) byte[] body) {
        return TenantAccess.manager(id)
                .flatMap(principal -> {
                    JsonNode root = RequestBodies.object(contentType, body);
                    TenantJson.Parsed parsed = TenantJson.read(root, TenantJson.Mode.UPDATE, id, true);
                    TenantValidator.check(parsed.settings(), parsed.secrets(), tenants.rules(false), parsed.problems());
                    if (!parsed.problems().isEmpty()) {
                        return Mono.error(AdminProblems.invalid(parsed.problems()));
                    }
                    return tenants.update(id, parsed.settings(), TenantAccess.actor(principal, addresses.of(exchange)));
                })
                .map(TenantView::of);
    }

    /** Switches the tenant off: its API is refused and no new call is placed; calls in flight finish. */
    @PostMapping("/{id}/disable")
    Mono<Map<String, Object>> disable(@PathVariable String id, ServerWebExchange exchange) {
        return enabled(id, false, exchange);
    }

    @PostMapping("/{id}/enable")
    Mono<Map<String, Object>> enable(@PathVariable String id, ServerWebExchange exchange) {
        return enabled(id, true, exchange);
    }

    private Mono<Map<String, Object>> enabled(String id, boolean on, ServerWebExchange exchange) {
        return TenantAccess.admin("switch tenants on or off")
                .flatMap(principal -> tenants.setEnabled(id, on, TenantAccess.actor(principal, addresses.of(exchange))))
                .map(TenantView::of);
    }

    /** Deletes the tenant: a tombstone on tenants.v1, every service forgets it. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return TenantAccess.admin("delete tenants")
                .flatMap(principal -> tenants.delete(id, TenantAccess.actor(principal, addresses.of(exchange))))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /**
     * Adds a secret of a kind ({@code webhook-tokens}, {@code platform-keys}, {@code signing-secrets}, or
     * {@code api-key}, which replaces the tenant's one key): {@code {"value": "..."}}, or no body for a generated
     * one, answered once.
     */
    @PostMapping("/{id}/secrets/{kind}")
    Mono<ResponseEntity<Map<String, Object>>> addSecret(
            @PathVariable String id,
            @PathVariable String kind,
            ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
            @RequestBody(required = false) byte[] body) {
        return TenantAccess.manager(id).flatMap(principal -> {
            SecretKind secretKind = kind(kind);
            Optional<String> value = RequestBodies.optionalString(contentType, body, "value");
            return tenants.addSecret(id, secretKind, value, TenantAccess.actor(principal, addresses.of(exchange)))
                    .map(changed -> added(changed, secretKind));
        });
    }

    /** Removes one secret; the last of its kind stays (409): add the new one first. */
    @DeleteMapping("/{id}/secrets/{kind}/{secretId}")
    Mono<ResponseEntity<Void>> removeSecret(
            @PathVariable String id,
            @PathVariable String kind,
            @PathVariable String secretId,
            ServerWebExchange exchange) {
        return TenantAccess.manager(id)
                .flatMap(principal -> tenants.removeSecret(
                        id, kind(kind), secretId, TenantAccess.actor(principal, addresses.of(exchange))))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private static ResponseEntity<Map<String, Object>> added(Changed changed, SecretKind kind) {
        TenantService.Generated added = changed.generated().get(kind).get(0);
        StoredSecret stored = changed.secrets().stream()
                .filter(s -> s.id().equals(added.id()))
                .findFirst()
                .orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>(TenantView.secret(stored));
        out.put("kind", kind.path());
        out.put("revision", changed.row().revision());
        if (added.value() != null) {
            out.put("value", added.value());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    private static SecretKind kind(String path) {
        return SecretKind.ofPath(path)
                .orElseThrow(() -> AdminProblems.of(
                        HttpStatus.NOT_FOUND,
                        "No secret kind " + path + "; kinds: api-key, webhook-tokens, platform-keys, signing-secrets"));
    }
}
