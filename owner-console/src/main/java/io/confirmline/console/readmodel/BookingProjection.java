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
package io.confirmline.console.readmodel;

import static io.confirmline.console.readmodel.Binds.bind;
import static io.confirmline.console.readmodel.Binds.time;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.kafka.InvalidEventException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * {@code bookings.v1} into {@code booking_view}: the latest snapshot of each booking. A snapshot older than the row
 * (its version, then its time) changes nothing, so a replay or a late record never takes a booking back. A
 * tombstone (the booking is over, or its guest was erased) keeps the row for the analytics but blanks the guest's
 * name and phone.
 */
@Component
class BookingProjection {

    private final DatabaseClient db;

    BookingProjection(DatabaseClient db) {
        this.db = db;
    }

    /** The bookings whose board row changed (none when the snapshot was older than the row). */
    Flux<LiveChange.Subject> apply(BookingSnapshot snapshot) {
        if (snapshot.getTenantId() == null
                || snapshot.getTenantId().isBlank()
                || snapshot.getReservationId() == null
                || snapshot.getReservationId().isBlank()) {
            throw new InvalidEventException("A booking snapshot without a tenant or reservation id");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO booking_view AS b (tenant_id, reservation_id, version, kind, cancelled, starts_at,
                               time_zone, guest_name, guest_phone, guest_locale, venue_name, party_size, service_name,
                               call_id, status, channel, attempt, reason, last_change_at)
                        VALUES (:tenant, :reservation, :version, :kind, :cancelled, :startsAt, :zone, :guestName,
                               :guestPhone, :guestLocale, :venue, :partySize, :service, :callId, :status, :channel,
                               :attempt, :reason, :occurredAt)
                        ON CONFLICT (tenant_id, reservation_id) DO UPDATE SET
                               version = EXCLUDED.version, kind = EXCLUDED.kind, cancelled = EXCLUDED.cancelled,
                               starts_at = EXCLUDED.starts_at, time_zone = EXCLUDED.time_zone,
                               guest_name = EXCLUDED.guest_name, guest_phone = EXCLUDED.guest_phone,
                               guest_locale = EXCLUDED.guest_locale, venue_name = EXCLUDED.venue_name,
                               party_size = EXCLUDED.party_size, service_name = EXCLUDED.service_name,
                               call_id = EXCLUDED.call_id, status = EXCLUDED.status, channel = EXCLUDED.channel,
                               attempt = EXCLUDED.attempt, reason = EXCLUDED.reason,
                               last_change_at = EXCLUDED.last_change_at
                        WHERE NOT b.ended AND (b.version, b.last_change_at) <= (EXCLUDED.version, EXCLUDED.last_change_at)""")
                .bind("tenant", snapshot.getTenantId())
                .bind("reservation", snapshot.getReservationId())
                .bind("version", snapshot.getVersion())
                .bind("kind", snapshot.getKind())
                .bind("cancelled", snapshot.getCancelled())
                .bind("zone", snapshot.getTimeZone())
                .bind("guestName", snapshot.getGuestName())
                .bind("guestPhone", snapshot.getGuestPhone())
                .bind("guestLocale", snapshot.getGuestLocale())
                .bind("venue", snapshot.getVenueName())
                .bind("channel", snapshot.getChannel())
                .bind("attempt", snapshot.getAttempt());
        spec = time(spec, "startsAt", snapshot.getStartsAt());
        spec = time(spec, "occurredAt", snapshot.getOccurredAt());
        spec = bind(spec, "partySize", snapshot.getPartySize(), Integer.class);
        spec = bind(spec, "service", snapshot.getServiceName(), String.class);
        spec = bind(spec, "callId", snapshot.getCallId(), String.class);
        spec = bind(spec, "status", snapshot.getStatus(), String.class);
        spec = bind(spec, "reason", snapshot.getReason(), String.class);
        return spec.fetch()
                .rowsUpdated()
                .flatMapMany(rows -> rows == 0
                        ? Flux.empty()
                        : Flux.just(new LiveChange.Subject(
                                snapshot.getTenantId(), LiveChange.Kind.BOOKING, snapshot.getReservationId())));
    }

    /** A tombstone, keyed by reservationId alone: every row of that reservation ends, its guest blanked. */
    Flux<LiveChange.Subject> ended(String reservationId) {
        if (reservationId == null || reservationId.isBlank()) {
            throw new InvalidEventException("A bookings.v1 tombstone without a key");
        }
        return db.sql("""
                        UPDATE booking_view SET ended = true, guest_name = '', guest_phone = ''
                        WHERE reservation_id = $1 AND NOT (ended AND guest_name = '' AND guest_phone = '')
                        RETURNING tenant_id""")
                .bind(0, reservationId)
                .map(row -> new LiveChange.Subject(
                        row.get("tenant_id", String.class), LiveChange.Kind.BOOKING, reservationId))
                .all();
    }
}
