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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The board's queries over {@code booking_view}: one tenant's bookings by start time. */
@Repository
public class Bookings {

    private final DatabaseClient db;

    public Bookings(DatabaseClient db) {
        this.db = db;
    }

    /** A tenant's bookings starting in {@code [from, to)}, earliest first. */
    public Flux<BoardRow> startingBetween(String tenantId, Instant from, Instant to) {
        return db.sql("""
                        SELECT reservation_id, starts_at, time_zone, guest_name, party_size, status, attempt, channel,
                               last_change_at, cancelled, ended
                        FROM booking_view WHERE tenant_id = $1 AND starts_at >= $2 AND starts_at < $3
                        ORDER BY starts_at, reservation_id""")
                .bind(0, tenantId)
                .bind(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .bind(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .map(BoardRow::from)
                .all();
    }

    /** One booking of a tenant as the board shows it. */
    public Mono<BoardRow> find(String tenantId, String reservationId) {
        return db.sql("""
                        SELECT reservation_id, starts_at, time_zone, guest_name, party_size, status, attempt, channel,
                               last_change_at, cancelled, ended
                        FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2""")
                .bind(0, tenantId)
                .bind(1, reservationId)
                .map(BoardRow::from)
                .one();
    }
}
