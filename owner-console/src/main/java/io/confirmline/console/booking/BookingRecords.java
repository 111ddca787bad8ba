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
package io.confirmline.console.booking;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the booking page shows, from the console's read model only ({@code booking_view}, {@code call_status_view},
 * {@code conversation_message}): every query is scoped to one tenant, so another tenant's booking is simply absent.
 */
@Repository
public class BookingRecords {

    /** The most texts one booking's page lists (newest kept). */
    static final int MAX_TEXTS = 200;

    private final DatabaseClient db;

    public BookingRecords(DatabaseClient db) {
        this.db = db;
    }

    /**
     * A booking as the orchestrator last described it.
     *
     * @param guestPhone blank once the booking is over or its guest erased
     * @param callId the call the orchestrator made for it (to act on), when one is known
     */
    public record Booking(
            String reservationId,
            String kind,
            Instant startsAt,
            String timeZone,
            String guestName,
            String guestPhone,
            Integer partySize,
            String serviceName,
            String status,
            String channel,
            int attempt,
            String reason,
            Instant lastChangeAt,
            boolean cancelled,
            boolean ended,
            String callId) {

        public boolean hasPhone() {
            return guestPhone != null && !guestPhone.isBlank();
        }
    }

    /** One attempt of a call, from its status changes: the plan, 8x8's timings and codes, how it ended. */
    public record Attempt(
            String callId,
            int attempt,
            String status,
            String channel,
            Instant scheduledFor,
            Instant dialedAt,
            Instant connectedAt,
            Instant endedAt,
            Integer durationSeconds,
            String providerStatus,
            Integer providerErrorCode,
            String reason,
            String digits,
            Instant lastChangeAt) {}

    /** One text to or from the guest. */
    public record Text(
            String messageId,
            String direction,
            String author,
            String body,
            String delivery,
            String errorCode,
            Instant createdAt) {

        public boolean inbound() {
            return "INBOUND".equals(direction);
        }
    }

    public Mono<Booking> booking(String tenantId, String reservationId) {
        return db.sql("""
                        SELECT b.reservation_id, b.kind, b.starts_at, b.time_zone, b.guest_name, b.guest_phone,
                               b.party_size, b.service_name, b.status, b.channel, b.attempt, b.reason,
                               b.last_change_at, b.cancelled, b.ended,
                               COALESCE(b.call_id, (SELECT s.call_id FROM call_status_view s
                                                    WHERE s.tenant_id = b.tenant_id AND s.subject_id = b.reservation_id
                                                    ORDER BY s.occurred_at DESC LIMIT 1)) AS call_id
                        FROM booking_view b WHERE b.tenant_id = $1 AND b.reservation_id = $2""")
                .bind(0, tenantId)
                .bind(1, reservationId)
                .map(row -> new Booking(
                        row.get("reservation_id", String.class),
                        row.get("kind", String.class),
                        instant(row, "starts_at"),
                        row.get("time_zone", String.class),
                        row.get("guest_name", String.class),
                        row.get("guest_phone", String.class),
                        row.get("party_size", Integer.class),
                        row.get("service_name", String.class),
                        Optional.ofNullable(row.get("status", String.class)).orElse("SCHEDULED"),
                        row.get("channel", String.class),
                        row.get("attempt", Integer.class),
                        row.get("reason", String.class),
                        instant(row, "last_change_at"),
                        Boolean.TRUE.equals(row.get("cancelled", Boolean.class)),
                        Boolean.TRUE.equals(row.get("ended", Boolean.class)),
                        row.get("call_id", String.class)))
                .one();
    }

    /**
     * Every attempt of the booking's calls, first first: each status change of an attempt adds what it knew, so an
     * attempt's timing is the latest one reported and its status the last change's.
     */
    public Flux<Attempt> attempts(String tenantId, String reservationId) {
        return db.sql("""
                        SELECT call_id, attempt,
                               (array_agg(status ORDER BY occurred_at DESC))[1] AS status,
                               (array_agg(channel ORDER BY occurred_at DESC))[1] AS channel,
                               max(scheduled_for) AS scheduled_for, max(dialed_at) AS dialed_at,
                               max(connected_at) AS connected_at, max(ended_at) AS ended_at,
                               max(duration_seconds) AS duration_seconds,
                               (array_agg(provider_status ORDER BY occurred_at DESC)
                                    FILTER (WHERE provider_status IS NOT NULL))[1] AS provider_status,
                               (array_agg(provider_error_code ORDER BY occurred_at DESC)
                                    FILTER (WHERE provider_error_code IS NOT NULL))[1] AS provider_error_code,
                               (array_agg(reason ORDER BY occurred_at DESC) FILTER (WHERE reason IS NOT NULL))[1] AS reason,
                               (array_agg(digits ORDER BY occurred_at DESC) FILTER (WHERE digits IS NOT NULL))[1] AS digits,
                               min(occurred_at) AS first_at, max(occurred_at) AS last_at
                        FROM call_status_view WHERE tenant_id = $1 AND subject_id = $2
                        GROUP BY call_id, attempt ORDER BY first_at, attempt""")
                .bind(0, tenantId)
                .bind(1, reservationId)
                .map(row -> new Attempt(
                        row.get("call_id", String.class),
                        row.get("attempt", Integer.class),
                        row.get("status", String.class),
                        row.get("channel", String.class),
                        instant(row, "scheduled_for"),
                        instant(row, "dialed_at"),
                        instant(row, "connected_at"),
                        instant(row, "ended_at"),
                        row.get("duration_seconds", Integer.class),
                        row.get("provider_status", String.class),
                        row.get("provider_error_code", Integer.class),
                        row.get("reason", String.class),
                        row.get("digits", String.class),
                        instant(row, "last_at")))
                .all();
    }

    /**
     * The texts about the booking, oldest first: those the orchestrator tied to it, else — for a guest whose texts
     * name no booking — the conversation with the booking's guest.
     */
    public Mono<List<Text>> texts(String tenantId, Booking booking) {
        Mono<List<Text>> tied = texts("reservation_id = $2", tenantId, booking.reservationId());
        if (!booking.hasPhone()) {
            return tied;
        }
        return tied.flatMap(
                found -> found.isEmpty() ? texts("phone = $2", tenantId, booking.guestPhone()) : Mono.just(found));
    }

    private Mono<List<Text>> texts(String condition, String tenantId, String value) {
        return db.sql("SELECT * FROM (SELECT message_id, direction, author, body, delivery, error_code, created_at "
                        + "FROM conversation_message WHERE tenant_id = $1 AND " + condition
                        + " ORDER BY created_at DESC LIMIT " + MAX_TEXTS + ") recent ORDER BY created_at")
                .bind(0, tenantId)
                .bind(1, value)
                .map(row -> new Text(
                        row.get("message_id", String.class),
                        row.get("direction", String.class),
                        row.get("author", String.class),
                        row.get("body", String.class),
                        row.get("delivery", String.class),
                        row.get("error_code", String.class),
                        instant(row, "created_at")))
                .all()
                .collectList();
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
