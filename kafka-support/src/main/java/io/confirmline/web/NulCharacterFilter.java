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
package io.confirmline.web;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose path or query, once decoded, contains a NUL ({@code %00}) with a 400 problem. No id of
 * ours contains one, and PostgreSQL cannot even compare text with one: looked up, it fails the query (a 500).
 */
public class NulCharacterFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (hasNul(request)) {
            return Mono.error(
                    ProblemException.badRequest("http-400", "The request path or query contains a NUL character"));
        }
        return chain.filter(exchange);
    }

    private static boolean hasNul(ServerHttpRequest request) {
        String rawPath = request.getURI().getRawPath();
        String rawQuery = request.getURI().getRawQuery();
        return contains(rawPath) || contains(rawQuery);
    }

    /** {@code %00} in any case; a literal NUL cannot reach us in a request line. */
    private static boolean contains(String raw) {
        return raw != null && raw.contains("%00");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
