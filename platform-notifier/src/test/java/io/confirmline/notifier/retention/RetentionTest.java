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
package io.confirmline.notifier.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.notifier.delivery.Delivery;
import io.confirmline.notifier.delivery.DeliveryStore;
import io.confirmline.notifier.delivery.DeliveryStore.Attempt;
import io.confirmline.notifier.delivery.DeliveryStore.NewDelivery;
import io.confirmline.testing.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Retention on a real PostgreSQL: finished rows older than their retention go, in bounded batches, with their
 * attempts; newer rows and every pending delivery stay, however old.
 */
class RetentionTest {

    static final int BATCH = 50;
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    DatabaseClient db;
    DeliveryStore store;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Retention retention;

    @BeforeEach
    void database() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .schemas("notifier")
                .load()
                .migrate();
        ConnectionFactory connections =
                ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl() + "?schema=notifier")
                        .mutate()
                        .option(ConnectionFactoryOptions.USER, database.username())
                        .option(ConnectionFactoryOptions.PASSWORD, database.password())
                        .build());
        db = DatabaseClient.create(connections);
        store = new DeliveryStore(db, new R2dbcTransactionManager(connections));
        retention = new Retention(
                db,
                new RetentionProperties(
                        Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(14), BATCH, Duration.ofMinutes(10)),
                Clock.fixed(NOW, ZoneOffset.UTC),
                meters);
    }

    /** A delivery of its own subject, taken through the real queue to {@code status}, finished {@code daysAgo}. */
    private NewDelivery delivery(String status, int daysAgo) {
        NewDelivery d = new NewDelivery(
                UUID.randomUUID().toString(),
                "calls.status.v1",
                "luigis",
                "r-" + UUID.randomUUID(),
                "reservation.confirmed",
                "{}",
                NOW,
                Instant.now().minusSeconds(1),
                null);
        store.create(d).block();
        Instant at = NOW.minus(Duration.ofDays(daysAgo));
        if (!status.equals(Delivery.PENDING)) {
            Delivery claimed = store.claim(1000, Duration.ofSeconds(30))
                    .filter(c -> c.eventId().equals(d.eventId()))
                    .blockFirst();
            Attempt attempt = new Attempt(claimed.id(), 1, at, 5, status.equals(Delivery.SUCCEEDED) ? 200 : 400, null);
            (status.equals(Delivery.SUCCEEDED) ? store.succeeded(claimed, attempt) : store.dead(claimed, attempt))
                    .block();
        }
        db.sql("""
                UPDATE delivery SET created_at = :at, delivered_at = CASE WHEN status = 'SUCCEEDED' THEN :at END,
                                    dead_at = CASE WHEN status = 'DEAD' THEN :at END
                WHERE event_id = :eventId""")
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("eventId", d.eventId())
                .then()
                .block();
        db.sql("UPDATE processed_event SET processed_at = :at WHERE event_id = :eventId")
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("eventId", d.eventId())
                .then()
                .block();
        return d;
    }

    private List<String> remaining(String table) {
        return db.sql("SELECT event_id FROM " + table)
                .map(row -> row.get("event_id", String.class))
                .all()
                .collectList()
                .block();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    void oldFinishedRowsGoInBoundedBatchesAndNewOrUnfinishedRowsStay() {
        for (int i = 0; i < 2 * BATCH + 7; i++) {
            delivery(Delivery.SUCCEEDED, 31);
        }
        NewDelivery recentSucceeded = delivery(Delivery.SUCCEEDED, 29);
        delivery(Delivery.DEAD, 91);
        NewDelivery recentDead = delivery(Delivery.DEAD, 89);
        NewDelivery ancientPending = delivery(Delivery.PENDING, 400);
        NewDelivery youngEvent = delivery(Delivery.PENDING, 13);
        assertThat(count("SELECT count(*) FROM delivery_attempt")).isEqualTo(2 * BATCH + 7 + 3);

        List<Integer> rounds = new ArrayList<>();
        int deleted;
        while ((deleted = retention.pruneOnce()) > 0) {
            rounds.add(deleted);
        }

        assertThat(rounds)
                .as("no round deletes more than one batch per table")
                .allMatch(n -> n <= 3 * BATCH)
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(remaining("delivery"))
                .containsExactlyInAnyOrder(
                        recentSucceeded.eventId(),
                        recentDead.eventId(),
                        ancientPending.eventId(),
                        youngEvent.eventId());
        assertThat(remaining("processed_event"))
                .as("eventIds older than 14 days are forgotten")
                .containsExactly(youngEvent.eventId());
        assertThat(count("SELECT count(*) FROM delivery_attempt"))
                .as("attempts go with their delivery")
                .isEqualTo(2);
        assertThat(meters.get("confirmline.notifier.retention.removed")
                        .tag("table", "delivery")
                        .counter()
                        .count())
                .isEqualTo(2 * BATCH + 7 + 1);
        assertThat(meters.get("confirmline.notifier.retention.removed")
                        .tag("table", "processed_event")
                        .counter()
                        .count())
                .isEqualTo(2 * BATCH + 7 + 4);

        // A record redelivered after its eventId was forgotten is still recognised by its delivery.
        assertThat(store.create(recentSucceeded).block())
                .as("redelivered, delivery still kept")
                .isFalse();
        assertThat(count("SELECT count(*) FROM delivery")).isEqualTo(4);
    }
}
