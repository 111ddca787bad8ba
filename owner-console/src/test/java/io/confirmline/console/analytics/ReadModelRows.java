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
package io.confirmline.console.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rows written straight into the console's read model, as its consumers would have written them, for the tests of
 * what the pages compute from it; and a tenant of the test's own in the registry.
 */
public final class ReadModelRows {

    private final DatabaseClient db;

    public ReadModelRows(DatabaseClient db) {
        this.db = db;
    }

    /** Creates a tenant through the admin API (so users can be invited to it); its id and zone are the test's. */
    public static void createTenant(WebTestClient admin, String id, String name, String zone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("displayName", name);
        body.put("accountId", "acc-" + id);
        body.put("subaccountId", id.replace('-', '_') + "_voice");
        body.put("apiKey", "key-" + UUID.randomUUID());
        body.put("callerId", "+34910000000");
        body.put(
                "virtualNumbers",
                new ArrayList<>(List.of(
                        "+346" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)))));
        body.put("callbackUrl", "https://platform.example/hooks/" + id);
        body.put("timeZone", zone);
        body.put("voices", Map.of("default", "en-US-Standard-C"));
        admin.post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    public void booking(
            String tenant,
            String reservation,
            Instant startsAt,
            String status,
            String channel,
            int attempt,
            Integer partySize,
            Instant lastChange,
            String guestName,
            String guestPhone) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO booking_view (tenant_id, reservation_id, version, kind, cancelled, starts_at, time_zone,
                    guest_name, guest_phone, guest_locale, venue_name, party_size, call_id, status, channel, attempt,
                    last_change_at)
                VALUES (:tenant, :reservation, 1, 'RESERVATION', false, :starts, 'UTC', :name, :phone, 'en', 'Venue',
                    :party, :call, :status, :channel, :attempt, :last)
                """)
                .bind("tenant", tenant)
                .bind("reservation", reservation)
                .bind("starts", at(startsAt))
                .bind("name", guestName)
                .bind("phone", guestPhone)
                .bind("call", "call-" + reservation)
                .bind("status", status)
                .bind("channel", channel)
                .bind("attempt", attempt)
                .bind("last", at(lastChange));
        spec = partySize == null ? spec.bindNull("party", Integer.class) : spec.bind("party", partySize);
        spec.then().block();
    }

    /** One row of call_status_view; {@code dialedAt} etc. may be null. */
    public void status(
            String tenant,
            String reservation,
            int attempt,
            String previous,
            String status,
            String channel,
            Instant occurredAt,
            Instant dialedAt,
            Instant connectedAt,
            Instant endedAt,
            Integer duration,
            String providerStatus,
            Integer errorCode,
            String reason) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO call_status_view (event_id, tenant_id, subject_type, subject_id, call_id, attempt,
                    previous_status, status, channel, reason, dialed_at, connected_at, ended_at, duration_seconds,
                    provider_status, provider_error_code, occurred_at)
                VALUES (:event, :tenant, 'RESERVATION', :reservation, :call, :attempt, :previous, :status, :channel,
                    :reason, :dialed, :connected, :ended, :duration, :provider, :error, :occurred)
                """)
                .bind("event", UUID.randomUUID().toString())
                .bind("tenant", tenant)
                .bind("reservation", reservation)
                .bind("call", "call-" + reservation)
                .bind("attempt", attempt)
                .bind("status", status)
                .bind("channel", channel)
                .bind("occurred", at(occurredAt));
        spec = bind(spec, "previous", previous, String.class);
        spec = bind(spec, "reason", reason, String.class);
        spec = bind(spec, "dialed", at(dialedAt), OffsetDateTime.class);
        spec = bind(spec, "connected", at(connectedAt), OffsetDateTime.class);
        spec = bind(spec, "ended", at(endedAt), OffsetDateTime.class);
        spec = bind(spec, "duration", duration, Integer.class);
        spec = bind(spec, "provider", providerStatus, String.class);
        spec = bind(spec, "error", errorCode, Integer.class);
        spec.then().block();
    }

    public void textSent(String tenant, String reservation, String phone, Instant at) {
        db.sql("""
                INSERT INTO conversation_message (tenant_id, message_id, phone, direction, author, body, delivery,
                    reservation_id, created_at, updated_at)
                VALUES (:tenant, :id, :phone, 'OUTBOUND', 'SYSTEM', 'Please reply YES or NO', 'DELIVERED',
                    :reservation, :at, :at)
                """)
                .bind("tenant", tenant)
                .bind("id", UUID.randomUUID().toString())
                .bind("phone", phone)
                .bind("reservation", reservation)
                .bind("at", at(at))
                .then()
                .block();
    }

    public void receipt(String tenant, Instant receivedAt, BigDecimal price, String currency) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                INSERT INTO text_receipt (umid, tenant_id, state, price_total, currency, received_at)
                VALUES (:umid, :tenant, 'delivered', :price, :currency, :at)
                """)
                .bind("umid", UUID.randomUUID().toString())
                .bind("tenant", tenant)
                .bind("at", at(receivedAt));
        spec = bind(spec, "price", price, BigDecimal.class);
        spec = bind(spec, "currency", currency, String.class);
        spec.then().block();
    }

    private static <T> DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
