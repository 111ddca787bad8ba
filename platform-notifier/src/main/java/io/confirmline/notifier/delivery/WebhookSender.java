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
package io.confirmline.notifier.delivery;

import io.confirmline.kafka.TraceParents;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Sends one webhook request and says what came back. Built from Boot's {@code WebClient.Builder} (its codecs and
 * customisers); its connections and event loops are its own, so platforms
 * that are slow or dead do not share them with the inbound API. Redirects are not followed: the callback URL is
 * the tenant's configured one and nothing else.
 */
@Component
public class WebhookSender implements DisposableBean {

    /** The answer to one attempt: a status code, or the error that stood in for one. */
    public record Answer(Integer statusCode, Optional<Duration> retryAfter, String error) {

        static Answer failed(String error) {
            return new Answer(null, Optional.empty(), error);
        }
    }

    private final ConnectionProvider connections;
    private final LoopResources loops;
    private final WebClient http;
    private final Tracer tracer;
    private final Duration timeout;

    public WebhookSender(WebClient.Builder builder, DeliveryProperties properties, ObjectProvider<Tracer> tracer) {
        this.tracer = tracer.getIfAvailable();
        this.timeout = properties.timeout();
        this.connections = ConnectionProvider.builder("platform-webhooks")
                .maxConnections(properties.concurrency() * 2)
                .pendingAcquireMaxCount(-1)
                .build();
        this.loops = LoopResources.create("platform-webhooks", 2, true);
        HttpClient client = HttpClient.create(connections)
                .runOn(loops)
                .followRedirect(false)
                .responseTimeout(timeout)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 5_000));
        // Its observation is off and the attempt's own span is sent as the traceparent, as before: that is proven to
        // continue the status change's trace (PlatformNotifierComponentTest); whether the observation's client span
        // would (started inside the attempt's span) is not yet tested, so turning it on is left to do.
        this.http = builder.clone()
                .observationRegistry(ObservationRegistry.NOOP)
                .clientConnector(new ReactorClientHttpConnector(client))
                .build();
    }

    /**
     * Posts the request; never fails: a timeout or a connection error is an answer without a status code. The
     * attempt is a span in the status change's trace ({@code traceParent}), which the platform gets as its
     * traceparent.
     */
    public Mono<Answer> send(WebhookRequest request, String traceParent, Instant now) {
        return Mono.defer(() -> {
            Span span = TraceParents.continueFrom(tracer, traceParent, "platform webhook");
            if (span == null) {
                return post(request, now);
            }
            return post(request, now, TraceParents.of(span)).doFinally(signal -> span.end());
        });
    }

    private Mono<Answer> post(WebhookRequest request, Instant now) {
        return post(request, now, null);
    }

    private Mono<Answer> post(WebhookRequest request, Instant now, String traceparent) {
        return http.post()
                .uri(request.url())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    request.headers().forEach(headers::set);
                    if (traceparent != null) {
                        headers.set(TraceParents.HEADER, traceparent);
                    }
                })
                .bodyValue(request.body())
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(new Answer(
                                response.statusCode().value(),
                                retryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), now),
                                null)))
                .timeout(timeout.plusSeconds(1))
                .onErrorResume(error -> Mono.just(Answer.failed(describe(error))));
    }

    static String describe(Throwable error) {
        Throwable root = error;
        // WebClient wraps Netty's read timeout in a request exception, so the whole chain is looked at.
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
                return "Timed out waiting for the platform";
            }
            root = e;
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void destroy() {
        connections.dispose();
        loops.dispose();
    }
}
