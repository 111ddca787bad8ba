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
package io.confirmline.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the demo and the end-to-end tests do as guests and restaurants at the 8x8 sandbox, over HTTP: ring a
 * virtual number (a call-back), text one, and read the texts 8x8 was asked to send.
 */
public final class EightByEightSandboxClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String sandbox;

    public EightByEightSandboxClient(String sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * {@code from} rings the virtual number {@code to} and presses {@code digits} when asked; the restaurant a
     * caller is put through to picks up or not ({@code restaurantAnswers}, null: its setting). Returns the
     * session's id at once; the call plays in the background ({@link #inboundCall(String)}).
     */
    public String callIn(String from, String to, List<String> digits, Boolean restaurantAnswers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("digits", digits);
        if (restaurantAnswers != null) {
            body.put("restaurantAnswers", restaurantAnswers);
        }
        return send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/inbound-calls"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build())
                .path("sessionId")
                .asString();
    }

    /** What happened in an inbound call so far: its webhooks and replies, the {@code bridge}, {@code ended}. */
    public JsonNode inboundCall(String sessionId) {
        return send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/inbound-calls/" + sessionId))
                .GET()
                .build());
    }

    /** Overrides what the guest at {@code number} does on a call, e.g. {@code PRESSES_9}. */
    public void guest(String number, String behaviour) {
        send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/guests/" + encoded(number)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("behaviour", behaviour))))
                .build());
    }

    /** {@code from} texts {@code body} to the virtual number {@code to}: 8x8 posts it to our MO webhook. */
    public void text(String from, String to, String body) {
        send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/sms"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("from", from, "to", to, "body", body))))
                .build());
    }

    /** The texts 8x8 was asked to send to {@code destination}, oldest first. */
    public List<JsonNode> texts(String destination) {
        List<JsonNode> texts = new ArrayList<>();
        send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/sms?destination=" + encoded(destination)))
                        .GET()
                        .build())
                .forEach(texts::add);
        return texts;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
