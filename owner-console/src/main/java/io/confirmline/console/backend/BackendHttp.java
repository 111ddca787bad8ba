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

import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * One backend service as the console calls it: its base URL, the tenant's console key as the bearer, a timeout on
 * the whole answer, and every refusal or failure as a {@link BackendException}. Bodies go both ways as JSON text,
 * read with the console's own mapper, so nothing depends on the WebClient's codecs.
 */
final class BackendHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String service;
    private final WebClient http;
    private final ConsoleKeys keys;
    private final java.time.Duration timeout;

    /** {@code builder} is Boot's (metrics and traces of every call); cloned, so the base URL stays this one's. */
    BackendHttp(
            String service, WebClient.Builder builder, String baseUrl, ConsoleKeys keys, java.time.Duration timeout) {
        this.service = service;
        this.http = builder.clone().baseUrl(baseUrl).build();
        this.keys = keys;
        this.timeout = timeout;
    }

    /** {@code GET} of a JSON answer; {@code uri} builds the path and query from the base URL. */
    Mono<JsonNode> get(String tenantId, Function<org.springframework.web.util.UriBuilder, java.net.URI> uri) {
        return keys.authorization(service, tenantId)
                .flatMap(authorization -> http.get()
                        .uri(uri)
                        .header(HttpHeaders.AUTHORIZATION, authorization)
                        .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                        .exchangeToMono(response -> response.bodyToMono(String.class)
                                .defaultIfEmpty("")
                                .map(body -> interpret(response.statusCode().value(), body)))
                        .timeout(timeout)
                        .onErrorMap(
                                error -> !(error instanceof BackendException),
                                error -> BackendException.unreachable(service, error)));
    }

    /** {@code POST} of {@code body} as JSON (none when null) to {@code path}, its variables encoded. */
    Mono<JsonNode> post(String tenantId, Object body, String path, Object... variables) {
        return postOnce(tenantId, null, body, path, variables);
    }

    /** As {@link #post(String, Object, String, Object...)}, with an {@code Idempotency-Key} when not null. */
    Mono<JsonNode> postOnce(String tenantId, String idempotencyKey, Object body, String path, Object... variables) {
        return keys.authorization(service, tenantId).flatMap(authorization -> {
            WebClient.RequestBodySpec request = http.post()
                    .uri(path, variables)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            if (idempotencyKey != null) {
                request = request.header("Idempotency-Key", idempotencyKey);
            }
            WebClient.RequestHeadersSpec<?> sent = body == null
                    ? request
                    : request.contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(body));
            return sent.exchangeToMono(response -> response.bodyToMono(String.class)
                            .defaultIfEmpty("")
                            .map(answer -> interpret(response.statusCode().value(), answer)))
                    .timeout(timeout)
                    .onErrorMap(
                            error -> !(error instanceof BackendException),
                            error -> BackendException.unreachable(service, error));
        });
    }

    private JsonNode interpret(int status, String body) {
        JsonNode json;
        try {
            json = body.isBlank() ? NullNode.getInstance() : JSON.readTree(body);
        } catch (JacksonException e) {
            json = NullNode.getInstance();
        }
        if (status >= 200 && status < 300) {
            return json;
        }
        JsonNode detail = json.get("detail");
        throw BackendException.answered(
                service, status, detail == null || !detail.isString() ? null : shorten(detail.asString()));
    }

    private static String shorten(String detail) {
        return detail.length() > 300 ? detail.substring(0, 300) : detail;
    }
}
