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
package io.confirmline.console.backend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The platform notifier's delivery log ({@code GET /api/deliveries}), called with the tenant's console key: what
 * was sent to the booking platform about a booking, and how the platform answered.
 */
@Component
public class NotifierClient {

    static final String SERVICE = "notifier";
    /** More deliveries than one booking ever has; the log answers at most 1000. */
    private static final int LIMIT = 200;

    private final BackendHttp http;

    public NotifierClient(BackendProperties properties, ConsoleKeys keys, WebClient.Builder builder) {
        this.http = new BackendHttp(
                SERVICE, builder, properties.notifierUrl().toString(), keys, properties.backendTimeout());
    }

    /**
     * One webhook to the platform (the notifier's {@code DeliveryView}).
     *
     * @param status PENDING (being tried), SUCCEEDED or DEAD (given up on)
     * @param lastStatusCode what the platform last answered, null when it never answered
     */
    public record Delivery(
            String id,
            String type,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant deliveredAt,
            Instant deadAt,
            Integer lastStatusCode,
            String lastError) {}

    /** The deliveries about a booking, as the notifier lists them. */
    public Mono<List<Delivery>> deliveries(String tenantId, String reservationId) {
        return http.get(
                        tenantId,
                        uri -> uri.path("/api/deliveries")
                                .queryParam("reservationId", "{id}")
                                .queryParam("limit", LIMIT)
                                .build(reservationId))
                .map(NotifierClient::deliveries);
    }

    private static List<Delivery> deliveries(JsonNode json) {
        List<Delivery> out = new ArrayList<>();
        if (json.isArray()) {
            for (JsonNode d : json) {
                JsonNode code = d.get("lastStatusCode");
                out.add(new Delivery(
                        OrchestratorClient.text(d, "id"),
                        OrchestratorClient.text(d, "type"),
                        OrchestratorClient.text(d, "status"),
                        d.path("attempts").asInt(0),
                        instant(d, "createdAt"),
                        instant(d, "nextAttemptAt"),
                        instant(d, "deliveredAt"),
                        instant(d, "deadAt"),
                        code == null || code.isNull() ? null : code.asInt(),
                        OrchestratorClient.text(d, "lastError")));
            }
        }
        return out;
    }

    private static Instant instant(JsonNode json, String field) {
        return OrchestratorClient.instant(OrchestratorClient.text(json, field));
    }
}
