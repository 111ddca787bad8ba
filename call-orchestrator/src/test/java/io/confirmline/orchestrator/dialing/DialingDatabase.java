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
package io.confirmline.orchestrator.dialing;

import io.confirmline.orchestrator.booking.BookingSnapshots;
import io.confirmline.orchestrator.outbox.Outbox;
import io.confirmline.testing.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A fresh orchestrator schema on the test PostgreSQL, with bookings and calls written as the intake would have and
 * claimed as {@link DueCalls} would have: for the dialer's parts that do their work in SQL.
 */
final class DialingDatabase {

    final DatabaseClient db;
    final R2dbcTransactionManager transactions;
    final Clock clock = Clock.systemUTC();
    final Outbox outbox;

    DialingDatabase() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .schemas("orchestrator")
                .load()
                .migrate();
        ConnectionFactory connections =
                ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl() + "?schema=orchestrator")
                        .mutate()
                        .option(ConnectionFactoryOptions.USER, database.username())
                        .option(ConnectionFactoryOptions.PASSWORD, database.password())
                        .build());
        db = DatabaseClient.create(connections);
        transactions = new R2dbcTransactionManager(connections);
        // The rows stay in the outbox (no broker here): a relay that is never run, only woken.
        outbox = new Outbox(
                db,
                new SimpleMeterRegistry(),
                new BookingSnapshots(db, clock),
                new io.confirmline.outbox.OutboxRelay(
                        db, transactions, null, null, io.confirmline.orchestrator.outbox.OutboxConfiguration.SETTINGS));
    }

    /** A booking (version 1) and its SCHEDULED call, due a second ago, claimed until a minute from now. */
    DueCall claimedCall(String reservationId, String phone) {
        UUID id = UUID.randomUUID();
        Instant due = Instant.now().minusSeconds(1);
        db.sql("""
                INSERT INTO booking (tenant_id, reservation_id, version, kind, cancelled, starts_at, time_zone,
                                     guest_name, guest_phone, guest_locale, venue_name, party_size)
                VALUES ('luigis', :id, 1, 'RESERVATION', false, :starts, 'Europe/Madrid', 'Ana', :phone, 'es-ES',
                        'Luigi''s', 4)""")
                .bind("id", reservationId)
                .bind("starts", due.plus(Duration.ofMinutes(30)).atOffset(ZoneOffset.UTC))
                .bind("phone", phone)
                .then()
                .block();
        db.sql("""
                INSERT INTO call (id, tenant_id, subject_type, subject_id, booking_version, status, due_at, valid_until,
                                  lease_until)
                VALUES (:call, 'luigis', 'RESERVATION', :id, 1, 'SCHEDULED', :due, :validUntil,
                        date_trunc('milliseconds', now()) + interval '1 minute')""")
                .bind("call", id)
                .bind("id", reservationId)
                .bind("due", due.atOffset(ZoneOffset.UTC))
                .bind("validUntil", due.plus(Duration.ofMinutes(25)).atOffset(ZoneOffset.UTC))
                .then()
                .block();
        return db.sql("SELECT " + DueCall.COLUMNS + " FROM call WHERE id = :id")
                .bind("id", id)
                .map(DueCall::of)
                .one()
                .block();
    }

    void execute(String sql) {
        db.sql(sql).then().block();
    }

    String status(DueCall call) {
        return db.sql("SELECT status FROM call WHERE id = :id")
                .bind("id", call.id())
                .map(row -> row.get("status", String.class))
                .one()
                .block();
    }

    String column(DueCall call, String column) {
        return db.sql("SELECT " + column + "::text AS value FROM call WHERE id = :id")
                .bind("id", call.id())
                .map(row -> java.util.Optional.ofNullable(row.get("value", String.class)))
                .one()
                .block()
                .orElse(null);
    }

    /** The outbox's topics for a key, in the order written. */
    List<String> outboxTopics(String key) {
        return db.sql("SELECT topic FROM outbox WHERE message_key = :key ORDER BY id")
                .bind("key", key)
                .map(row -> row.get("topic", String.class))
                .all()
                .collectList()
                .block();
    }
}
