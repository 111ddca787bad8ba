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
package io.confirmline.sandbox.assistant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * A local OpenAI-compatible chat-completions provider with scripted answers (issue #17), for the assistant's
 * tests and the offline demo. It speaks {@code POST /v1/chat/completions} as OpenAI documents it (bearer key,
 * tools and tool calls, {@code response_format}, usage, OpenAI's error bodies) and answers from a {@link Script}.
 *
 * <p>Control API: {@code PUT /sandbox/behaviour} ({@link Behaviour}: outages, slowness, odd answers),
 * {@code GET /sandbox/requests} (every chat request received, so tests can check what was sent to the provider)
 * and {@code DELETE /sandbox/requests}. Start it in-process with {@link #start(int)}, or alone with
 * {@link AssistantSandboxMain}.
 */
public final class AssistantSandbox implements AutoCloseable {

    /** The key the sandbox accepts unless told another. */
    public static final String DEFAULT_API_KEY = "sandbox-assistant-key";

    private static final System.Logger LOG = System.getLogger(AssistantSandbox.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;
    private final JsonMapper json = JsonMapper.builder().build();
    private final byte[] apiKey;
    private final ScriptedModel model;
    private final Completions completions = new Completions(json);
    private final BehaviourSwitch behaviour = new BehaviourSwitch();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    private AssistantSandbox(InetSocketAddress address, String apiKey, Script script) throws IOException {
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.model = new ScriptedModel(script, json);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "assistant-sandbox-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(address, 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/sandbox/behaviour", this::behaviour);
        server.createContext("/sandbox/requests", this::requests);
        server.start();
    }

    /** On 127.0.0.1 ({@code port} 0: a free one), with the default key and rules. */
    public static AssistantSandbox start(int port) {
        return start(port, DEFAULT_API_KEY, null);
    }

    /**
     * Starts the sandbox on {@code port}, answering requests that carry {@code apiKey}.
     *
     * @param script the rules, or {@code null} for the shipped ones
     */
    public static AssistantSandbox start(int port, String apiKey, Script script) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), apiKey, script);
    }

    public static AssistantSandbox start(InetSocketAddress address, String apiKey, Script script) {
        try {
            JsonMapper json = JsonMapper.builder().build();
            return new AssistantSandbox(address, apiKey, script != null ? script : Script.defaults(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What an OpenAI client is pointed at (its base URL, {@code .../v1}). */
    public String baseUrl() {
        return "http://" + host() + ":" + port() + "/v1";
    }

    /** Where the control API is: {@code {controlUrl}/sandbox/behaviour}, {@code /sandbox/requests}. */
    public String controlUrl() {
        return "http://" + host() + ":" + port();
    }

    /** The same as {@code PUT /sandbox/behaviour}. */
    public void behave(Behaviour next) {
        behaviour.set(next);
    }

    /** The same as {@code GET /sandbox/requests}: every chat request received (authorised), oldest first. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The same as {@code DELETE /sandbox/requests}. */
    public void clearRequests() {
        requests.clear();
    }

    /** Replaces the rules. */
    public void use(Script script) {
        model.use(script);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    private void chat(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, completions.error("Only POST is supported here.", "invalid_request_error", null));
                return;
            }
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(
                        exchange,
                        401,
                        completions.error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
                return;
            }
            JsonNode request;
            try {
                request = json.readTree(read(exchange.getRequestBody()));
            } catch (JacksonException e) {
                send(
                        exchange,
                        400,
                        completions.error(
                                "We could not parse the JSON body of your request.", "invalid_request_error", null));
                return;
            }
            if (!request.path("messages").isArray()
                    || request.path("messages").isEmpty()
                    || !request.path("model").isString()) {
                send(
                        exchange,
                        400,
                        completions.error(
                                "'model' and a non-empty 'messages' are required.", "invalid_request_error", null));
                return;
            }
            if (request.path("stream").asBoolean(false)) {
                send(
                        exchange,
                        400,
                        completions.error(
                                "The sandbox does not stream: send \"stream\": false.", "invalid_request_error", null));
                return;
            }
            requests.add(request);
            answer(exchange, request, behaviour.take());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "chat request failed", e);
        }
    }

    private void answer(HttpExchange exchange, JsonNode request, Behaviour now) throws IOException {
        switch (now.mode()) {
            case DOWN_500 ->
                send(
                        exchange,
                        500,
                        completions.error(
                                "The server had an error while processing your request. Sorry about that!",
                                "server_error",
                                null));
            case RATE_LIMITED_429 -> {
                exchange.getResponseHeaders().set("Retry-After", "20");
                send(
                        exchange,
                        429,
                        completions.error(
                                "Rate limit reached for requests. Please try again in 20s.",
                                "requests",
                                "rate_limit_exceeded"));
            }
            case MALFORMED -> send(exchange, 200, completions.malformed(request));
            case EMPTY -> send(exchange, 200, completions.empty(request));
            case SLOW -> {
                try {
                    Thread.sleep(now.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                send(exchange, 200, completions.completion(request, model.answer(new ChatRequest(request, json))));
            }
            case NORMAL ->
                send(exchange, 200, completions.completion(request, model.answer(new ChatRequest(request, json))));
        }
    }

    private void behaviour(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> send(exchange, 200, json.valueToTree(behaviour.current()));
                case "PUT" -> {
                    try {
                        JsonNode body = json.readTree(read(exchange.getRequestBody()));
                        Behaviour next = new Behaviour(
                                Behaviour.Mode.valueOf(body.path("mode").asString("")),
                                body.path("delayMillis").asLong(0),
                                body.path("count").asInt(0));
                        behaviour.set(next);
                        send(exchange, 200, json.valueToTree(next));
                    } catch (IllegalArgumentException | JacksonException e) {
                        send(
                                exchange,
                                400,
                                completions.error(
                                        "Expected {\"mode\":\"NORMAL|DOWN_500|"
                                                + "RATE_LIMITED_429|SLOW|MALFORMED|EMPTY\",\"delayMillis\":0,\"count\":0}",
                                        "invalid_request_error",
                                        null));
                    }
                }
                default -> send(exchange, 405, completions.error("GET or PUT", "invalid_request_error", null));
            }
        }
    }

    private void requests(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    ArrayNode all = json.createArrayNode();
                    requests.forEach(all::add);
                    send(exchange, 200, all);
                }
                case "DELETE" -> {
                    requests.clear();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> send(exchange, 405, completions.error("GET or DELETE", "invalid_request_error", null));
            }
        }
    }

    private boolean authorised(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(apiKey, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static String read(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
