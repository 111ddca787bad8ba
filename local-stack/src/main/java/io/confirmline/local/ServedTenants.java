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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waits until every service holds at least one tenant, as its {@code tenants} health component counts them. A
 * service is healthy once it has read {@code tenants.v1} up to where it ended at its start, which may be before the
 * console published its first tenant; the stack is only of use once they have it. It also catches a console that
 * has its tenants in its database but never published them on this (fresh) broker.
 */
final class ServedTenants {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param services name → base URL of each service that follows {@code tenants.v1}
     * @throws IllegalStateException naming the services without a tenant when {@code timeout} has passed
     */
    void await(Map<String, String> services, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> waiting = new LinkedHashMap<>(services);
        while (true) {
            waiting.entrySet().removeIf(service -> tenants(service.getValue()) > 0);
            if (waiting.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "No tenant reached " + waiting.keySet() + " on tenants.v1 within " + timeout
                                + ": see owner-console's log (did it import confirmline.tenants[0] and publish it on this broker?)");
            }
            Thread.sleep(200);
        }
    }

    /** The count in {@code /actuator/health}'s {@code tenants} component; 0 when it cannot be read. */
    private int tenants(String baseUrl) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode count = JSON.readTree(response.body())
                    .path("components")
                    .path("tenants")
                    .path("details")
                    .path("tenants");
            return count.isInt() ? count.asInt() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
