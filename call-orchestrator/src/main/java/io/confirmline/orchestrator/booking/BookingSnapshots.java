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
package io.confirmline.orchestrator.booking;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A booking as {@code bookings.v1} carries it, read inside the caller's transaction — which has already written
 * the change — so the snapshot is exactly the committed state. Nothing for a booking that is over (tombstoned) or
 * erased: a late status change must not bring its details back onto the topic.
 */
@Component
public class BookingSnapshots {

    private final DatabaseClient db;
    private final Clock clock;

    public BookingSnapshots(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Whether a status change is about a booking (not a voice message) and is a change, not a session summary. */
    public static boolean aboutBooking(CallStatusChanged change) {
        return change.getCallSummary() == null
                && (change.getSubjectType() == SubjectType.RESERVATION
                        || change.getSubjectType() == SubjectType.APPOINTMENT);
    }

    /**
     * The snapshot after a status change of the booking; its status, channel, attempt and reason are the change's. One
     * statement records the channel and reads the snapshot: a round trip fewer for every status change.
     */
    public Mono<BookingSnapshot> afterChange(CallStatusChanged change) {
        return db.sql(SNAPSHOT_AFTER_UPDATE.formatted("""
                        UPDATE booking b SET channel = :channel
                        WHERE b.tenant_id = :tenant AND b.reservation_id = :id"""))
                .bind("channel", channelOf(change))
                .bind("tenant", change.getTenantId())
                .bind("id", change.getSubjectId())
                .map(row -> snapshot(row, change.getTenantId(), change.getSubjectId(), change))
                .one();
    }

    /** The snapshot of the booking as stored, for a change that announced no status (e.g. a cancellation too late). */
    public Mono<BookingSnapshot> current(String tenantId, String reservationId) {
        return db.sql(SNAPSHOT + "FROM booking b " + CALL_OF_BOOKING
                        + "WHERE b.tenant_id = :tenant AND b.reservation_id = :id AND b.tombstoned_at IS NULL")
                .bind("tenant", tenantId)
                .bind("id", reservationId)
                .map(row -> snapshot(row, tenantId, reservationId, null))
                .one();
    }

    /**
     * The snapshots after a batch of status changes (one per booking), in one statement whatever the batch's size;
     * a booking that is gone has none.
     */
    public Mono<java.util.List<BookingSnapshot>> afterChanges(java.util.List<CallStatusChanged> changes) {
        if (changes.isEmpty()) {
            return Mono.just(java.util.List.of());
        }
        int n = changes.size();
        String[] channels = new String[n];
        String[] tenants = new String[n];
        String[] ids = new String[n];
        java.util.Map<String, CallStatusChanged> byBooking = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            CallStatusChanged change = changes.get(i);
            channels[i] = channelOf(change);
            tenants[i] = change.getTenantId();
            ids[i] = change.getSubjectId();
            byBooking.put(tenants[i] + "/" + ids[i], change);
        }
        return db.sql(SNAPSHOT_AFTER_UPDATE.formatted("""
                        UPDATE booking b SET channel = i.channel
                        FROM unnest(:channels::text[], :tenants::text[], :ids::text[]) AS i(channel, tenant_id, reservation_id)
                        WHERE b.tenant_id = i.tenant_id AND b.reservation_id = i.reservation_id"""))
                .bind("channels", channels)
                .bind("tenants", tenants)
                .bind("ids", ids)
                .map(row -> {
                    String tenantId = row.get("tenant_id", String.class);
                    String reservationId = row.get("reservation_id", String.class);
                    return snapshot(row, tenantId, reservationId, byBooking.get(tenantId + "/" + reservationId));
                })
                .all()
                .collectList();
    }

    private static final String SNAPSHOT = """
            SELECT b.tenant_id, b.reservation_id, b.version, b.kind, b.cancelled, b.starts_at, b.time_zone, b.guest_name,
                   b.guest_phone, b.guest_locale, b.venue_name, b.party_size, b.service_name, b.channel,
                   c.id AS call_id, c.status, c.attempt, c.reason
            """;

    private static final String CALL_OF_BOOKING =
            "LEFT JOIN call c ON c.tenant_id = b.tenant_id AND c.subject_id = b.reservation_id ";

    /**
     * The snapshots of the bookings an update of their channel returns (the %s: an {@code UPDATE booking b ...}, aliased
     * {@code b}, without its {@code RETURNING}). The rows come from the update's {@code RETURNING}, so they carry the
     * new channel, and the call is read as the transaction has written it so far; a tombstoned booking's channel is
     * recorded, but it has no snapshot.
     */
    private static final String SNAPSHOT_AFTER_UPDATE =
            "WITH b AS (%s RETURNING b.*) " + SNAPSHOT + "FROM b " + CALL_OF_BOOKING + "WHERE b.tombstoned_at IS NULL";

    private static String channelOf(CallStatusChanged change) {
        return change.getChannel() == null ? "VOICE" : change.getChannel().name();
    }

    private BookingSnapshot snapshot(
            io.r2dbc.spi.Readable row, String tenantId, String reservationId, CallStatusChanged change) {
        UUID callId = row.get("call_id", UUID.class);
        BookingSnapshot.Builder snapshot = BookingSnapshot.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(change != null ? change.getOccurredAt() : clock.instant())
                .setTenantId(tenantId)
                .setReservationId(reservationId)
                .setVersion(row.get("version", Long.class))
                .setKind(row.get("kind", String.class))
                .setCancelled(Boolean.TRUE.equals(row.get("cancelled", Boolean.class)))
                .setStartsAt(row.get("starts_at", OffsetDateTime.class).toInstant())
                .setTimeZone(row.get("time_zone", String.class))
                .setGuestName(row.get("guest_name", String.class))
                .setGuestPhone(row.get("guest_phone", String.class))
                .setGuestLocale(row.get("guest_locale", String.class))
                .setVenueName(row.get("venue_name", String.class))
                .setPartySize(row.get("party_size", Integer.class))
                .setServiceName(row.get("service_name", String.class))
                .setCallId(callId == null ? null : callId.toString())
                .setChannel(row.get("channel", String.class));
        if (change != null) {
            return snapshot.setStatus(change.getStatus().name())
                    .setAttempt(change.getAttempt())
                    .setReason(change.getReason())
                    .build();
        }
        Integer attempt = row.get("attempt", Integer.class);
        return snapshot.setStatus(row.get("status", String.class))
                .setAttempt(attempt == null ? 1 : attempt)
                .setReason(row.get("reason", String.class))
                .build();
    }
}
