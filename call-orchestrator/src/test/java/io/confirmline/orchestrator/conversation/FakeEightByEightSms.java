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
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server answering 8x8's Send SMS as documented (8x8-voice-api.md §7): 200 with a new umid and
 * {@code status.code} QUEUED, echoing clientMessageId and destination. Records every request.
 */
final class FakeEightByEightSms implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A Send SMS request as received, with the umid it was answered with. */
    record Sent(String path, String authorization, JsonNode body, String umid) {

        String destination() {
            return body.get("destination").asString();
        }

        String text() {
            return body.get("text").asString();
        }
    }

    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final LoopResources loops = LoopResources.create("fake-8x8-sms", 1, true);
    private final DisposableServer server;

    FakeEightByEightSms() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("{}")
                        .flatMap(raw -> {
                            JsonNode body = JSON.readTree(raw);
                            String umid = UUID.randomUUID().toString();
                            sent.add(new Sent(
                                    request.uri(), request.requestHeaders().get("Authorization"), body, umid));
                            String answer = JSON.writeValueAsString(JSON.createObjectNode()
                                    .put("umid", umid)
                                    .put(
                                            "clientMessageId",
                                            body.path("clientMessageId").asString())
                                    .put("destination", body.path("destination").asString())
                                    .put("encoding", "GSM7")
                                    .set(
                                            "status",
                                            JSON.createObjectNode()
                                                    .put("code", "QUEUED")
                                                    .put("description", "SMS is accepted and queued for processing")));
                            return response.status(200)
                                    .header("Content-Type", "application/json")
                                    .sendString(Mono.just(answer))
                                    .then();
                        }))
                .bindNow(Duration.ofSeconds(10));
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    List<Sent> to(String phone) {
        return sent.stream().filter(s -> phone.equals(s.destination())).toList();
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.dispose();
    }
}
