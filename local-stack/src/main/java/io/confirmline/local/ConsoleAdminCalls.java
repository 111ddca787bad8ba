package io.confirmline.local;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's admin API as the launcher calls it when it brings an older database's demo tenant up to date
 * ({@link DemoTenantCallBacks}, {@link DemoTenantAssistant}): the admin token, a short timeout, and a non-200
 * answer as an error naming the request.
 */
final class ConsoleAdminCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.header("Authorization", "Bearer " + LocalStack.ADMIN_TOKEN)
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(HttpResponse<String> response, String method) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
