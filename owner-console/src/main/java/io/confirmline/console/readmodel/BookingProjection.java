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

import static io.confirmline.console.readmodel.Binds.booleans;
import static io.confirmline.console.readmodel.Binds.integers;
import static io.confirmline.console.readmodel.Binds.longs;
import static io.confirmline.console.readmodel.Binds.texts;
import static io.confirmline.console.readmodel.Binds.times;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.kafka.InvalidEventException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** A bookings.v1 record: a snapshot, or (snapshot null) a tombstone for the reservation its key names. */
    record BookingRecord(String key, BookingSnapshot snapshot) {}

    /**
     * Snapshots of different bookings in one statement, in their order. One statement may not touch a row twice
     * ({@code ON CONFLICT DO UPDATE}), so {@link #applyAll} starts a new one where a booking comes again: each
     * snapshot is then compared with the row as the one before it left it, as when they were applied one by one.
     */
    static final String UPSERT = """
            INSERT INTO booking_view AS b (tenant_id, reservation_id, version, kind, cancelled, starts_at,
                   time_zone, guest_name, guest_phone, guest_locale, venue_name, party_size, service_name,
                   call_id, status, channel, attempt, reason, last_change_at)
            SELECT t, r, v, k, c, sa, tz, gn, gp, gl, vn, ps, sn, ci, st, ch, a, re, oa
            FROM unnest(:tenants::text[], :reservations::text[], :versions::bigint[], :kinds::text[],
                        :cancelled::boolean[], :startsAt::timestamptz[], :zones::text[], :guestNames::text[],
                        :guestPhones::text[], :guestLocales::text[], :venues::text[], :partySizes::integer[],
                        :services::text[], :callIds::text[], :statuses::text[], :channels::text[],
                        :attempts::integer[], :reasons::text[], :occurredAt::timestamptz[])
                 WITH ORDINALITY AS i(t, r, v, k, c, sa, tz, gn, gp, gl, vn, ps, sn, ci, st, ch, a, re, oa, n)
            ORDER BY n
            ON CONFLICT (tenant_id, reservation_id) DO UPDATE SET
                   version = EXCLUDED.version, kind = EXCLUDED.kind, cancelled = EXCLUDED.cancelled,
                   starts_at = EXCLUDED.starts_at, time_zone = EXCLUDED.time_zone,
                   guest_name = EXCLUDED.guest_name, guest_phone = EXCLUDED.guest_phone,
                   guest_locale = EXCLUDED.guest_locale, venue_name = EXCLUDED.venue_name,
                   party_size = EXCLUDED.party_size, service_name = EXCLUDED.service_name,
                   call_id = EXCLUDED.call_id, status = EXCLUDED.status, channel = EXCLUDED.channel,
                   attempt = EXCLUDED.attempt, reason = EXCLUDED.reason,
                   last_change_at = EXCLUDED.last_change_at
            WHERE NOT b.ended AND (b.version, b.last_change_at) <= (EXCLUDED.version, EXCLUDED.last_change_at)
            RETURNING tenant_id, reservation_id""";

    private final DatabaseClient db;

    BookingProjection(DatabaseClient db) {
        this.db = db;
    }

    /**
     * A poll's records in their order: the snapshots a statement at a time (a new one where a booking comes again or
     * a tombstone comes between), each tombstone on its own. Returns the bookings whose board row changed (none for
     * a snapshot older than the row).
     */
    Flux<LiveChange.Subject> applyAll(List<BookingRecord> records) {
        List<Flux<LiveChange.Subject>> statements = new ArrayList<>();
        // The run of snapshots for the next statement, by booking, in their order.
        Map<List<String>, BookingSnapshot> run = new LinkedHashMap<>();
        for (BookingRecord record : records) {
            BookingSnapshot snapshot = record.snapshot();
            List<String> booking = snapshot == null ? null : bookingOf(snapshot);
            if (snapshot == null || run.containsKey(booking)) {
                statements.add(upsert(List.copyOf(run.values())));
                run.clear();
            }
            if (snapshot == null) {
                statements.add(ended(record.key()));
            } else {
                run.put(booking, snapshot);
            }
        }
        statements.add(upsert(List.copyOf(run.values())));
        return Flux.concat(statements);
    }

    /** The booking a snapshot is of (its tenant and reservation), once it is known to name one. */
    private static List<String> bookingOf(BookingSnapshot snapshot) {
        if (snapshot.getTenantId() == null
                || snapshot.getTenantId().isBlank()
                || snapshot.getReservationId() == null
                || snapshot.getReservationId().isBlank()) {
            throw new InvalidEventException("A booking snapshot without a tenant or reservation id");
        }
        return List.of(snapshot.getTenantId(), snapshot.getReservationId());
    }

    private Flux<LiveChange.Subject> upsert(List<BookingSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(UPSERT)
                .bind("tenants", texts(snapshots, BookingSnapshot::getTenantId))
                .bind("reservations", texts(snapshots, BookingSnapshot::getReservationId))
                .bind("versions", longs(snapshots, BookingSnapshot::getVersion))
                .bind("kinds", texts(snapshots, BookingSnapshot::getKind))
                .bind("cancelled", booleans(snapshots, BookingSnapshot::getCancelled))
                .bind("startsAt", times(snapshots, BookingSnapshot::getStartsAt))
                .bind("zones", texts(snapshots, BookingSnapshot::getTimeZone))
                .bind("guestNames", texts(snapshots, BookingSnapshot::getGuestName))
                .bind("guestPhones", texts(snapshots, BookingSnapshot::getGuestPhone))
                .bind("guestLocales", texts(snapshots, BookingSnapshot::getGuestLocale))
                .bind("venues", texts(snapshots, BookingSnapshot::getVenueName))
                .bind("partySizes", integers(snapshots, BookingSnapshot::getPartySize))
                .bind("services", texts(snapshots, BookingSnapshot::getServiceName))
                .bind("callIds", texts(snapshots, BookingSnapshot::getCallId))
                .bind("statuses", texts(snapshots, BookingSnapshot::getStatus))
                .bind("channels", texts(snapshots, BookingSnapshot::getChannel))
                .bind("attempts", integers(snapshots, BookingSnapshot::getAttempt))
                .bind("reasons", texts(snapshots, BookingSnapshot::getReason))
                .bind("occurredAt", times(snapshots, BookingSnapshot::getOccurredAt))
                .map(row -> new LiveChange.Subject(
                        row.get("tenant_id", String.class),
                        LiveChange.Kind.BOOKING,
                        row.get("reservation_id", String.class)))
                .all();
    }

    /** A tombstone, keyed by reservationId alone: every row of that reservation ends, its guest blanked. */
    private Flux<LiveChange.Subject> ended(String reservationId) {
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
