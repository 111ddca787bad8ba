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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The HTTP/1.1 server every service runs (Reactor Netty) keeps serving a kept-alive connection after a queued
 * request: 8x8, the platform and our own clients reuse connections, and a request the server silently never answers
 * is a webhook retried late or a status lost to a timeout. The sequence is reactor-netty issue #4361's: two requests
 * in one write, the first answered later than the second is ready, then a third on the same connection.
 */
class KeepAliveConnectionTest {

    DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void aKeptAliveConnectionIsStillServedAfterAQueuedRequestIsAnswered() throws IOException {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get(
                                "/slow",
                                (request, response) -> response.sendString(
                                        Mono.delay(Duration.ofMillis(50)).thenReturn("slow")))
                        .get("/fast", (request, response) -> response.sendString(Mono.just("fast"))))
                .bindNow();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write((request("/slow") + request("/fast")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).endsWith("slow");
            assertThat(readResponse(in)).endsWith("fast");

            for (int i = 0; i < 3; i++) {
                out.write(request("/fast").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponse(in))
                        .as("request %d after the queued one", i + 1)
                        .endsWith("fast");
            }
        }
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /** One response with a Content-Length body; a SocketTimeoutException when none comes within 5 s. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The server closed the connection; read so far: " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return head + new String(body, StandardCharsets.US_ASCII);
    }
}
