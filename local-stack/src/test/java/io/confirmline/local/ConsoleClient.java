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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a platform admin does with the owner console's tenant API, over HTTP with the admin token. */
final class ConsoleClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String console;

    ConsoleClient(String console) {
        this.console = console;
    }

    /** {@code POST /api/admin/tenants}; the created tenant. */
    JsonNode create(Map<String, Object> tenant) {
        return send("POST", "/api/admin/tenants", tenant, 201);
    }

    /** Registers the tenant's VCA and VSS webhooks, with its webhook token, at 8x8 (here the sandbox). */
    JsonNode registerWebhooks(String tenant) {
        return send("POST", "/api/admin/tenants/" + tenant + "/register-webhooks", null, 200);
    }

    /** Adds a secret of a kind ({@code signing-secrets}, ...); the answer names its id. */
    JsonNode addSecret(String tenant, String kind, String value) {
        return send("POST", "/api/admin/tenants/" + tenant + "/secrets/" + kind, Map.of("value", value), 201);
    }

    void removeSecret(String tenant, String kind, String secretId) {
        send("DELETE", "/api/admin/tenants/" + tenant + "/secrets/" + kind + "/" + secretId, null, 204);
    }

    JsonNode disable(String tenant) {
        return send("POST", "/api/admin/tenants/" + tenant + "/disable", null, 200);
    }

    private JsonNode send(String method, String path, Object body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + LocalStack.ADMIN_TOKEN)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not "
                        + expected + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
