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

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One booking as the Today board shows it ({@code booking_view}). {@code status} is never null: a booking nobody
 * has called yet is SCHEDULED. {@code time} and {@code lastChange} are already in the booking's own time zone (the
 * venue's), so the page and the live feed show the same text.
 */
public record BoardRow(
        String reservationId,
        Instant startsAt,
        String timeZone,
        String time,
        String guestName,
        Integer partySize,
        String status,
        int attempt,
        String channel,
        Instant lastChangeAt,
        String lastChange,
        boolean cancelled,
        boolean ended) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter CHANGE = DateTimeFormatter.ofPattern("HH:mm:ss");

    public static BoardRow of(
            String reservationId,
            Instant startsAt,
            String timeZone,
            String guestName,
            Integer partySize,
            String status,
            int attempt,
            String channel,
            Instant lastChangeAt,
            boolean cancelled,
            boolean ended) {
        ZoneId zone = zone(timeZone);
        return new BoardRow(
                reservationId,
                startsAt,
                timeZone,
                TIME.format(startsAt.atZone(zone)),
                guestName,
                partySize,
                status == null ? "SCHEDULED" : status,
                attempt,
                channel,
                lastChangeAt,
                CHANGE.format(lastChangeAt.atZone(zone)),
                cancelled,
                ended);
    }

    /** A row of {@code booking_view} (the columns the board reads). */
    static BoardRow from(Readable row) {
        return of(
                row.get("reservation_id", String.class),
                LiveChanges.instant(row, "starts_at"),
                row.get("time_zone", String.class),
                row.get("guest_name", String.class),
                row.get("party_size", Integer.class),
                row.get("status", String.class),
                row.get("attempt", Integer.class),
                row.get("channel", String.class),
                LiveChanges.instant(row, "last_change_at"),
                Boolean.TRUE.equals(row.get("cancelled", Boolean.class)),
                Boolean.TRUE.equals(row.get("ended", Boolean.class)));
    }

    /** The start as epoch milliseconds, for the page's time-window filter. */
    public long startsAtMillis() {
        return startsAt.toEpochMilli();
    }

    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (RuntimeException unknown) {
            return ZoneId.of("UTC");
        }
    }
}
