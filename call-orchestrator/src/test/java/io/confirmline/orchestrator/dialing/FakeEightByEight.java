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
package io.confirmline.orchestrator.dialing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A local HTTP server answering Send Callflow as 8x8 documents it (8x8-voice-api.md §2.4): 200 with a new
 * sessionId and CREATED, or -1017 for destinations ending in 9. Records every request. (The full 8x8 sandbox,
 * which also plays the call and sends the webhooks, is issue #7.)
 */
public final class FakeEightByEight implements AutoCloseable {

    /** A Send Callflow request as received; {@code at} is when its body had arrived. */
    public record Request(String path, String authorization, String body, Instant at) {}

    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final LoopResources loops = LoopResources.create("fake-8x8", 1, true);
    private final DisposableServer server;
    private volatile Duration delay = Duration.ZERO;

    public FakeEightByEight() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> {
                            requests.add(new Request(
                                    request.uri(), request.requestHeaders().get("Authorization"), body, Instant.now()));
                            boolean invalid = body.matches("(?s).*\"destination\":\"\\+\\d*9\".*");
                            String answer = invalid
                                    ? "{\"sessionStatus\":\"NOT_CREATED\",\"statusCode\":-1017,\"statusMessage\":\"Invalid MSISDN format in Destination\"}"
                                    : "{\"sessionId\":\"" + UUID.randomUUID()
                                            + "\",\"sessionStatus\":\"CREATED\",\"statusCode\":1,\"statusMessage\":\"Created\"}";
                            return Mono.delay(delay)
                                    .then(response.status(invalid ? 422 : 200)
                                            .header("Content-Type", "application/json")
                                            .sendString(Mono.just(answer))
                                            .then());
                        }))
                .bindNow(Duration.ofSeconds(10));
    }

    /** From now on, every answer comes this much later (a slow 8x8). */
    public void answerAfter(Duration delay) {
        this.delay = delay;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests after the first {@code skip} (in arrival order): a poller reads only what is new. */
    public List<Request> requestsAfter(int skip) {
        return requests.stream().skip(skip).toList();
    }

    public List<Request> requestsTo(String phone) {
        return requests.stream()
                .filter(r -> r.body().contains("\"destination\":\"" + phone + "\""))
                .toList();
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.dispose();
    }
}
