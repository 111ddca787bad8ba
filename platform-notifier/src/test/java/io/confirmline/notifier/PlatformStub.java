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
package io.confirmline.notifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A platform endpoint over real HTTP on 127.0.0.1: records every request it gets, and answers from a script of
 * planned responses (status, delay, headers), then 200.
 */
public final class PlatformStub implements AutoCloseable {

    /** One request as the platform saw it. */
    public record Received(
            Instant at,
            String webhookId,
            String timestamp,
            String signature,
            String body,
            int answered,
            String subject,
            String traceparent) {}

    /** One planned answer. */
    public record Plan(int status, Duration delay, Map<String, String> headers) {
        public static Plan status(int status) {
            return new Plan(status, Duration.ZERO, Map.of());
        }
    }

    private final Map<String, Deque<Plan>> plans = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern SUBJECT =
            java.util.regex.Pattern.compile("\"(?:reservationId|messageId)\":\"([^\"]+)\"");
    // Not a copy-on-write list: that copies every receipt so far at each request, which made the receiver slower
    // as a benchmark went on (tens of thousands of requests).
    private final List<Received> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final DisposableServer server;
    private final reactor.netty.resources.LoopResources loops;
    private volatile double failureRate;
    private final java.util.Random random = new java.util.Random(42);

    public PlatformStub() {
        // Its own event loop: a Spring context closing in the same JVM disposes Reactor Netty's global one.
        this.loops = reactor.netty.resources.LoopResources.create("platform-stub", 2, true);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops)
                .route(routes -> routes.post(
                        "/webhooks/confirmline",
                        (request, response) -> request.receive()
                                .aggregate()
                                .asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .flatMap(body -> {
                                    java.util.regex.Matcher subject = SUBJECT.matcher(body);
                                    String subjectId = subject.find() ? subject.group(1) : "";
                                    Plan plan = next(subjectId);
                                    received.add(new Received(
                                            Instant.now(),
                                            request.requestHeaders().get("webhook-id"),
                                            request.requestHeaders().get("webhook-timestamp"),
                                            request.requestHeaders().get("webhook-signature"),
                                            body,
                                            plan.status(),
                                            subjectId,
                                            traceparents(
                                                    request.requestHeaders().getAll("traceparent"))));
                                    return Mono.delay(plan.delay()).then(Mono.defer(() -> {
                                        plan.headers().forEach(response::header);
                                        return response.status(plan.status())
                                                .sendString(Mono.just("{}"))
                                                .then();
                                    }));
                                })))
                .bindNow();
    }

    /** Every traceparent the request carried, comma-separated (so a request with two shows it), or null. */
    private static String traceparents(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    private synchronized Plan next(String subjectId) {
        Deque<Plan> planned = plans.get(subjectId);
        Plan plan = planned == null ? null : planned.poll();
        if (plan != null) {
            return plan;
        }
        if (failureRate > 0 && random.nextDouble() < failureRate) {
            return Plan.status(503);
        }
        return Plan.status(200);
    }

    /** The next answer to a webhook about this reservation or message (answers not planned are 200). */
    public synchronized PlatformStub plan(String subjectId, Plan... planned) {
        plans.computeIfAbsent(subjectId, s -> new ArrayDeque<>()).addAll(List.of(planned));
        return this;
    }

    public List<Received> receivedFor(String subjectId) {
        return received().stream().filter(r -> r.subject().equals(subjectId)).toList();
    }

    /** From now on, this fraction of requests (beyond the planned ones) is answered 503. */
    public void failRandomly(double rate) {
        this.failureRate = rate;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port() + "/webhooks/confirmline";
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** What was received after the first {@code from} requests. */
    public List<Received> receivedFrom(int from) {
        synchronized (received) {
            return from >= received.size() ? List.of() : List.copyOf(received.subList(from, received.size()));
        }
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.dispose();
    }
}
