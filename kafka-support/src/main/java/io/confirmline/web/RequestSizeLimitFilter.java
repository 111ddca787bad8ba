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

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses requests whose headers or target are larger than {@link WebProblemProperties} allows, as 431 and 414
 * problems, before any other filter or handler reads them (see {@link WebProblemProperties} for why Netty's own
 * limits sit above these).
 */
public class RequestSizeLimitFilter implements WebFilter, Ordered {

    private final long maxHeaderBytes;
    private final int maxTargetLength;

    public RequestSizeLimitFilter(WebProblemProperties properties) {
        this.maxHeaderBytes = properties.maxRequestHeaderSize().toBytes();
        this.maxTargetLength = properties.maxRequestTargetLength();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String target = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null
                        ? ""
                        : "?" + request.getURI().getRawQuery());
        if (target.length() > maxTargetLength) {
            return Mono.error(new ProblemException(
                    HttpStatus.URI_TOO_LONG,
                    "http-414",
                    "URI Too Long",
                    "The request target is longer than " + maxTargetLength + " characters"));
        }
        if (headerBytes(request) > maxHeaderBytes) {
            return Mono.error(new ProblemException(
                    HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "http-431",
                    "Request Header Fields Too Large",
                    "The request headers together are larger than " + maxHeaderBytes + " bytes"));
        }
        return chain.filter(exchange);
    }

    /** As HTTP/1.1 puts them on the wire: {@code name: value\r\n} per value. */
    private static long headerBytes(ServerHttpRequest request) {
        long[] total = {0};
        request.getHeaders().forEach((name, values) -> {
            for (String value : values) {
                total[0] += name.length() + 4 + value.getBytes(StandardCharsets.UTF_8).length;
            }
        });
        return total[0];
    }

    @Override
    public int getOrder() {
        // Before everything else, including the services' own filters (authentication, source addresses).
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
