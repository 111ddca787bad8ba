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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + LocalStack.ADMIN_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not " + expected
                        + ": " + response.body());
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
