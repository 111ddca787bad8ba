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
package io.confirmline.orchestrator.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.kafka.AvroBinary;
import io.confirmline.orchestrator.LockWaits;
import io.confirmline.testing.TestInfrastructure;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The first two versions of a booking arriving at the same moment — one over HTTP, one from Kafka — on real
 * PostgreSQL: whichever commits first, the newer version is the one that stays, and only its schedule is announced.
 */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59"
        })
class BookingVersionRaceComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
    }

    @Autowired
    ReservationIntake intake;

    @Autowired
    DatabaseClient db;

    @Autowired
    Environment environment;

    static ReservationEvent booking(String id, long version, Instant startsAt) {
        return ReservationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId("luigis")
                .setReservationId(id)
                .setVersion(version)
                .setType(version == 1 ? ReservationEventType.CREATED : ReservationEventType.UPDATED)
                .setKind(BookingKind.RESERVATION)
                .setStartsAt(startsAt)
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana")
                .setGuestPhone("+34600111222")
                .setGuestLocale("es-ES")
                .setVenueName("Luigi's")
                .setPartySize(4)
                .build();
    }

    /**
     * Forces the interleaving in which the first committer does not win: the first intake is held just before its
     * commit (its outbox insert waits for a table lock the test holds), the second one reads "no booking yet" and
     * then waits on the first one's uncommitted booking row; the lock is released, the first commits, and the
     * second's insert meets the committed row.
     */
    @ParameterizedTest(name = "version {0} applied first")
    @ValueSource(longs = {2, 1})
    void theNewerVersionWinsWhicheverCommitsFirst(long firstVersion) throws Exception {
        String id = "r-" + UUID.randomUUID();
        Instant now = Instant.now();
        Instant v1Start = now.plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant v2Start = now.plus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ReservationEvent first = firstVersion == 2 ? booking(id, 2, v2Start) : booking(id, 1, v1Start);
        ReservationEvent second = firstVersion == 2 ? booking(id, 1, v1Start) : booking(id, 2, v2Start);

        CompletableFuture<BookingStore.Outcome> firstDone;
        CompletableFuture<BookingStore.Outcome> secondDone;
        try (Connection holder = LockWaits.connect(environment);
                Connection watcher = LockWaits.connect(environment)) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE orchestrator.outbox IN EXCLUSIVE MODE");
            }
            firstDone = intake.schedule(first, now).toFuture();
            LockWaits.await(watcher, "INSERT INTO outbox", 1);
            secondDone = intake.schedule(second, now).toFuture();
            LockWaits.await(watcher, "INSERT INTO booking", 1);
            holder.commit();
        }
        assertThat(firstDone.get(20, TimeUnit.SECONDS)).isEqualTo(BookingStore.Outcome.APPLIED);
        assertThat(secondDone.get(20, TimeUnit.SECONDS))
                .isEqualTo(firstVersion == 2 ? BookingStore.Outcome.STALE : BookingStore.Outcome.APPLIED);

        assertThat(db.sql("SELECT version, starts_at FROM booking WHERE reservation_id = :id")
                        .bind("id", id)
                        .map(row -> row.get("version", Long.class) + " "
                                + row.get("starts_at", OffsetDateTime.class).toInstant())
                        .one()
                        .block())
                .isEqualTo("2 " + v2Start);
        Instant v2Due = v2Start.minus(30, ChronoUnit.MINUTES);
        assertThat(db.sql("SELECT booking_version, due_at FROM call WHERE subject_id = :id")
                        .bind("id", id)
                        .map(row -> row.get("booking_version", Long.class) + " "
                                + row.get("due_at", OffsetDateTime.class).toInstant())
                        .one()
                        .block())
                .isEqualTo("2 " + v2Due);
        List<CallStatusChanged> announced = db.sql("SELECT payload FROM outbox WHERE message_key = :id "
                        + "AND topic = 'calls.status.v1' ORDER BY id")
                .bind("id", id)
                .map(row -> AvroBinary.decode(CallStatusChanged.class, row.get("payload", ByteBuffer.class)))
                .all()
                .collectList()
                .block();
        assertThat(announced)
                .as("the platform hears the schedule of version 2 last, and never version 1's after it")
                .last()
                .extracting(CallStatusChanged::getScheduledFor)
                .isEqualTo(v2Due);
        if (firstVersion == 2) {
            assertThat(announced).as("the stale version announces nothing").hasSize(1);
        }
    }
}
