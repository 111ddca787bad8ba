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
package io.confirmline.orchestrator.conversation;

import io.confirmline.orchestrator.text.TextTemplates;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A guest's bookings at a tenant, as a conversation with them needs them: which one a text is about. */
@Component
public class GuestBookings {

    /**
     * A booking of the guest that has not started.
     *
     * @param callId its call, when one exists
     * @param status its call's status (PENDING, CONFIRMED, TEXTED...), when there is a call
     * @param words the booking as texts name it
     */
    public record GuestBooking(
            String reservationId,
            UUID callId,
            Optional<String> status,
            Instant startsAt,
            String kind,
            TextTemplates.Booking words) {}

    private static final String COLUMNS = """
            c.id, c.status, b.reservation_id, b.starts_at, b.kind, b.time_zone, b.guest_name, b.guest_locale,
            b.venue_name, b.party_size, b.service_name""";

    private final DatabaseClient db;

    public GuestBookings(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The guest's next booking that a clear answer may still decide (design.md §10.3): its call awaits a reply or
     * was closed without one (TEXTED, NO_RESPONSE, UNREACHABLE), and it stands and has not started.
     */
    public Mono<GuestBooking> awaitingReply(String tenantId, String phone) {
        return db.sql("SELECT " + COLUMNS + """
                         FROM call c JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
                        WHERE c.tenant_id = :tenant AND b.guest_phone = :phone
                          AND c.status IN ('TEXTED', 'NO_RESPONSE', 'UNREACHABLE')
                          AND NOT b.cancelled AND b.version = c.booking_version AND b.starts_at > now()
                        ORDER BY b.starts_at LIMIT 1""")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .map(GuestBookings::booking)
                .one();
    }

    /** The guest's next booking at the tenant that stands and has not started, whatever its call's status. */
    public Mono<GuestBooking> next(String tenantId, String phone) {
        return db.sql("SELECT " + COLUMNS + """
                         FROM booking b LEFT JOIN call c ON c.tenant_id = b.tenant_id AND c.subject_id = b.reservation_id
                        WHERE b.tenant_id = :tenant AND b.guest_phone = :phone AND NOT b.cancelled AND b.starts_at > now()
                        ORDER BY b.starts_at LIMIT 1""")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .map(GuestBookings::booking)
                .one();
    }

    /** The guest's next upcoming booking at the tenant, cancelled or not (empty string when none). */
    public Mono<String> nextReservationId(String tenantId, String phone) {
        return db.sql("""
                        SELECT reservation_id FROM booking
                        WHERE tenant_id = :tenant AND guest_phone = :phone AND starts_at > now()
                        ORDER BY cancelled, starts_at LIMIT 1""")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .map(row -> row.get("reservation_id", String.class))
                .one()
                .defaultIfEmpty("");
    }

    /** The guest's language: that of their latest booking at the tenant, else English. */
    public Mono<String> locale(String tenantId, String phone) {
        return db.sql("""
                        SELECT guest_locale FROM booking WHERE tenant_id = :tenant AND guest_phone = :phone
                        ORDER BY updated_at DESC LIMIT 1""")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .map(row -> row.get("guest_locale", String.class))
                .one()
                .defaultIfEmpty("en");
    }

    private static GuestBooking booking(io.r2dbc.spi.Readable row) {
        Instant startsAt = row.get("starts_at", OffsetDateTime.class).toInstant();
        String kind = row.get("kind", String.class);
        return new GuestBooking(
                row.get("reservation_id", String.class),
                row.get("id", UUID.class),
                Optional.ofNullable(row.get("status", String.class)),
                startsAt,
                kind,
                new TextTemplates.Booking(
                        row.get("venue_name", String.class),
                        startsAt,
                        ZoneId.of(row.get("time_zone", String.class)),
                        row.get("party_size", Integer.class),
                        row.get("guest_name", String.class),
                        row.get("guest_locale", String.class),
                        "APPOINTMENT".equals(kind),
                        row.get("service_name", String.class)));
    }
}
