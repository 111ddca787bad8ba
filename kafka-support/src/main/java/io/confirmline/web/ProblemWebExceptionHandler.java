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

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * Answers every error of every request as {@code application/problem+json}: those raised in controllers, and those
 * raised before one is reached (WebFilters, routing: 404, 405, 415, 406) or after. Ordered before Boot's default
 * handler, whose HTML/JSON error page would otherwise answer, and before Spring's status-only handler.
 *
 * <p>A defect of ours (anything that is not a deliberate {@link org.springframework.web.ErrorResponse}) is logged
 * once at ERROR with a correlation id that the 500's body repeats; the body says nothing else about it.
 */
public class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

    /** Boot's {@code DefaultErrorWebExceptionHandler} is at -1, Spring's {@code WebFluxResponseStatusExceptionHandler} at 0. */
    public static final int ORDER = -2;

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final List<HttpMessageWriter<?>> writers;

    public ProblemWebExceptionHandler(ServerCodecConfigurer codecs) {
        this.writers = codecs.getWriters();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
            // Nobody is left to answer; not a defect.
            log.debug("{}Client went away: {}", exchange.getLogPrefix(), error.toString());
            return response.isCommitted() ? Mono.empty() : response.setComplete();
        }
        ProblemResponses.Answer answer = ProblemResponses.answer(error, exchange.getRequest());
        if (answer.unexpected()) {
            log.error(
                    "{}Unexpected error answering {} {} (correlation id {})",
                    exchange.getLogPrefix(),
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    answer.correlationId(),
                    error);
        } else {
            log.debug(
                    "{}Answered {} {}: {}", exchange.getLogPrefix(), answer.status(), answer.type(), error.toString());
        }
        if (response.isCommitted()) {
            // The status line is gone; the connection is all we can still close.
            return Mono.error(error);
        }
        answer.body().setStatus(answer.status());
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        HttpHeaders headers = response.getHeaders();
        // Headers a handler set for the success it meant to send (its Content-Type, a Content-Length) do not apply.
        headers.remove(HttpHeaders.CONTENT_TYPE);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        answer.headers().forEach(headers::put);
        return write(answer.body(), exchange);
    }

    @SuppressWarnings("unchecked")
    private Mono<Void> write(ProblemDetail body, ServerWebExchange exchange) {
        for (HttpMessageWriter<?> writer : writers) {
            if (writer.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON)) {
                return ((HttpMessageWriter<ProblemDetail>) writer)
                        .write(
                                Mono.just(body),
                                PROBLEM,
                                MediaType.APPLICATION_PROBLEM_JSON,
                                exchange.getResponse(),
                                Map.of());
            }
        }
        // No JSON codec at all: cannot happen in our services, but never leave the caller without an answer.
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return exchange.getResponse().setComplete();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
