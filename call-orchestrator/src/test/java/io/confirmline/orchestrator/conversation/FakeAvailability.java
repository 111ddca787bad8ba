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
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .handle((request, response) -> {
                    queries.add(request.uri());
                    return response.status(200).header("Content-Type", "application/json")
                            .sendString(Mono.just(answer), StandardCharsets.UTF_8).then();
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
