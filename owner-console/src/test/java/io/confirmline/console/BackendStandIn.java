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
package io.confirmline.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stand-in for the orchestrator or the notifier, speaking their documented API over real HTTP (the JDK's
 * server), which {@link ConsoleContext} points {@code confirmline.console.orchestrator-url} and
 * {@code notifier-url} at. It records every request and answers with the first rule a test gave that matches
 * (newest first), else with a plausible default: the orchestrator accepts a text (202) and a take-over (200), the
 * notifier lists no delivery, anything else is a 404. Tests share it: give rules that match only your own ids.
 */
public final class BackendStandIn {

    public static final BackendStandIn ORCHESTRATOR = start("orchestrator");
    public static final BackendStandIn NOTIFIER = start("notifier");

    /** One request as it arrived: the path decoded (a {@code +} of a phone is {@code +} again). */
    public record Request(
            String method, String path, String query, String authorization, String contentType, String body) {}

    /** What to answer. */
    public record Answer(int status, String json) {

        public static Answer json(int status, String json) {
            return new Answer(status, json);
        }

        public static Answer problem(int status, String detail) {
            return new Answer(
                    status,
                    "{\"type\":\"https://confirmline.io/problems/api-" + status + "\",\"status\":" + status
                            + ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}");
        }
    }

    private record Rule(Predicate<Request> when, Function<Request, Answer> answer) {}

    private final String name;
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    private BackendStandIn(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    private static BackendStandIn start(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            BackendStandIn standIn = new BackendStandIn(name, server);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread thread = new Thread(r, name + "-stand-in");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("The " + name + " stand-in could not start", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests that match {@code when} with {@code answer} from now on (before older rules). */
    public void answer(Predicate<Request> when, Function<Request, Answer> answer) {
        rules.add(0, new Rule(when, answer));
    }

    /** Answers requests whose path is {@code path} (decoded) with {@code answer}. */
    public void answer(String method, String path, Answer answer) {
        answer(r -> r.method().equals(method) && r.path().equals(path), r -> answer);
    }

    /** Every request so far that matches. */
    public List<Request> requests(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    /** The requests to {@code path} (decoded) so far. */
    public List<Request> requestsTo(String method, String path) {
        return requests(r -> r.method().equals(method) && r.path().equals(path));
    }

    /** Waits up to {@code wait} for a request that matches. */
    public Request await(Predicate<Request> which, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            List<Request> found = requests(which);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No such request reached the " + name + " stand-in within " + wait + "; it had "
                + new ArrayList<>(requests));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = URLDecoder.decode(
                    exchange.getRequestURI().getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
            Request request = new Request(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body);
            requests.add(request);
            Answer answer = rules.stream()
                    .filter(rule -> rule.when().test(request))
                    .findFirst()
                    .map(rule -> rule.answer().apply(request))
                    .orElseGet(() -> fallback(request));
            byte[] bytes = answer.json() == null ? new byte[0] : answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .set("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Answer fallback(Request request) {
        if (request.method().equals("POST") && request.path().matches("/api/conversations/[^/]+/messages")) {
            return Answer.json(202, "{\"messageId\":\"" + UUID.randomUUID() + "\",\"delivery\":\"PENDING\"}");
        }
        if (request.method().equals("POST") && request.path().matches("/api/conversations/[^/]+/takeover")) {
            return Answer.json(200, "{\"conversation\":\"TAKEN_OVER\"}");
        }
        if (request.method().equals("GET") && request.path().equals("/api/deliveries")) {
            return Answer.json(200, "[]");
        }
        return Answer.problem(
                404, "The " + name + " stand-in has no answer for " + request.method() + " " + request.path());
    }

    @Override
    public String toString() {
        return "BackendStandIn[" + name + " at " + url() + "]";
    }
}
