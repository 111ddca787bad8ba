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
package io.confirmline.orchestrator.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A platform's availability endpoint (docs/platform-availability.md) answering what a test sets: by default no free
 * time ({@code {"slots":[]}}). Records every query string it was asked with.
 */
final class FakeAvailability implements AutoCloseable {

    private volatile String answer = "{\"slots\":[]}";
    private final Queue<String> queries = new ConcurrentLinkedQueue<>();
    private final LoopResources loops = LoopResources.create("fake-availability", 1, true);
    private final DisposableServer server;

    FakeAvailability() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops)
                .handle((request, response) -> {
                    queries.add(request.uri());
                    return response.status(200)
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just(answer), StandardCharsets.UTF_8)
                            .then();
                })
                .bindNow(Duration.ofSeconds(10));
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/availability";
    }

    void answer(String json) {
        answer = json;
    }

    Queue<String> queries() {
        return queries;
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.dispose();
    }
}
