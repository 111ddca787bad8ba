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
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's admin API as the launcher calls it when it brings an older database's demo tenant up to date
 * ({@link DemoTenantCallBacks}, {@link DemoTenantAssistant}, {@link DemoTenantPace}): the admin token, a short
 * timeout, and a non-200 answer as an error naming the request.
 */
final class ConsoleAdminCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.header("Authorization", "Bearer " + LocalStack.ADMIN_TOKEN)
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the demo tenant and lets {@code change} decide: when it changed the settings it was given (it returns
     * true), they replace the tenant's non-secret settings (PUT replaces them all, so what the console owns is left
     * out of the body). Whether the tenant was changed; false when the console has no demo tenant.
     */
    boolean changeDemoTenant(String console, Predicate<ObjectNode> change) {
        HttpResponse<String> found =
                send(HttpRequest.newBuilder(URI.create(tenantUrl(console))).GET());
        if (found.statusCode() == 404) {
            return false;
        }
        ObjectNode tenant = (ObjectNode) read(found, "GET");
        if (!change.test(tenant)) {
            return false;
        }
        for (String owned : new String[] {"id", "revision", "enabled", "secrets", "createdAt", "updatedAt"}) {
            tenant.remove(owned);
        }
        read(
                send(HttpRequest.newBuilder(URI.create(tenantUrl(console)))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(tenant)))),
                "PUT");
        return true;
    }

    private static String tenantUrl(String console) {
        return console + "/api/admin/tenants/" + LocalStack.TENANT;
    }

    static JsonNode read(HttpResponse<String> response, String method) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    method + " " + response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
