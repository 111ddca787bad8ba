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
package io.confirmline.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.confirmline.notifier.delivery.DeliveryStore.Attempt;
import io.confirmline.notifier.delivery.DeliveryStore.NewDelivery;
import io.confirmline.testing.TestPostgres;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

/** The delivery queue on a real PostgreSQL: order per subject, claims, and the head mark. */
class DeliveryStoreTest {

    DeliveryStore store;
    DatabaseClient db;

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
    }

    private NewDelivery change(String subject) {
        return new NewDelivery(
                UUID.randomUUID().toString(),
                "calls.status.v1",
                "luigis",
                subject,
                "reservation.confirmed",
                "{}",
                Instant.now(),
                Instant.now().minusSeconds(1),
                null);
    }

    private List<Delivery> claim() {
        return store.claim(100, Duration.ofSeconds(30)).collectList().block();
    }

    @Test
    void onlyTheOldestPendingDeliveryOfASubjectIsClaimedAndTheNextFollowsWhenItIsDone() {
        NewDelivery first = change("r-1");
        NewDelivery second = change("r-1");
        NewDelivery other = change("r-2");
        assertThat(store.createAll(List.of(first, second, other)).block()).isEqualTo(3);
        assertThat(store.create(first).block())
                .as("a redelivered event creates nothing")
                .isFalse();

        List<Delivery> claimed = claim();
        assertThat(claimed).extracting(Delivery::eventId).containsExactlyInAnyOrder(first.eventId(), other.eventId());
        assertThat(claim()).as("leased").isEmpty();

        Delivery head = claimed.stream()
                .filter(d -> d.eventId().equals(first.eventId()))
                .findFirst()
                .orElseThrow();
        store.retryLater(
                        head,
                        new Attempt(head.id(), 1, Instant.now(), 5, 500, "HTTP 500"),
                        Instant.now().minusSeconds(1))
                .block();
        assertThat(claim())
                .as("a retried head keeps its place")
                .extracting(Delivery::eventId)
                .containsExactly(first.eventId());

        store.succeeded(head, new Attempt(head.id(), 2, Instant.now(), 5, 200, null))
                .block();
        assertThat(claim()).extracting(Delivery::eventId).containsExactly(second.eventId());
    }

    @Test
    void aBatchIsCreatedInItsOrderOnceForEachNewEventAndBehindWhatIsAlreadyPending() {
        NewDelivery earlier = change("r-1");
        store.create(earlier).block();
        NewDelivery a1 = change("r-1");
        NewDelivery b1 = change("r-2");
        NewDelivery a2 = change("r-1");
        NewDelivery b2 = change("r-2");
        // A poll can carry an event twice (the producer retried) and an event already taken in by an earlier poll.
        assertThat(store.createAll(List.of(a1, b1, a1, earlier, a2, b2)).block())
                .as("each new event once")
                .isEqualTo(4);

        record Row(String eventId, String subjectId, boolean ready) {}
        List<Row> rows = db.sql("SELECT event_id, subject_id, ready FROM delivery ORDER BY sequence")
                .map(row -> new Row(
                        row.get("event_id", String.class),
                        row.get("subject_id", String.class),
                        Boolean.TRUE.equals(row.get("ready", Boolean.class))))
                .all()
                .collectList()
                .block();
        assertThat(rows)
                .as("in the batch's order per subject, behind r-1's pending delivery; r-2's first is its head")
                .filteredOn(row -> row.subjectId().equals("r-1"))
                .extracting(Row::eventId, Row::ready)
                .containsExactly(
                        tuple(earlier.eventId(), true), tuple(a1.eventId(), false), tuple(a2.eventId(), false));
        assertThat(rows)
                .filteredOn(row -> row.subjectId().equals("r-2"))
                .extracting(Row::eventId, Row::ready)
                .containsExactly(tuple(b1.eventId(), true), tuple(b2.eventId(), false));
        assertThat(rows)
                .as("sequence numbers in the batch's order across subjects too")
                .extracting(Row::eventId)
                .containsExactly(earlier.eventId(), a1.eventId(), b1.eventId(), a2.eventId(), b2.eventId());
        assertThat(claim()).extracting(Delivery::eventId).containsExactlyInAnyOrder(earlier.eventId(), b1.eventId());
    }

    @Test
    void aDeadLetterLetsTheNextGoAndAReplayPutsItBackInFront() {
        NewDelivery first = change("r-1");
        NewDelivery second = change("r-1");
        store.createAll(List.of(first, second)).block();
        Delivery head = claim().get(0);
        store.dead(head, new Attempt(head.id(), 1, Instant.now(), 5, 400, "HTTP 400"))
                .block();

        Delivery next = claim().get(0);
        assertThat(next.eventId()).isEqualTo(second.eventId());
        store.retryLater(
                        next,
                        new Attempt(next.id(), 1, Instant.now(), 5, 503, "HTTP 503"),
                        Instant.now().minusSeconds(1))
                .block();

        assertThat(store.replay(head.id(), Instant.now().minusSeconds(1))
                        .block()
                        .status())
                .isEqualTo(Delivery.PENDING);
        assertThat(claim())
                .extracting(Delivery::eventId)
                .as("the older one goes first again")
                .containsExactly(first.eventId());
    }

    @Test
    void aSubjectWithoutAMarkedHeadIsRepaired() {
        NewDelivery only = change("r-9");
        store.create(only).block();
        db.sql("UPDATE delivery SET ready = false").then().block();
        assertThat(claim()).isEmpty();

        assertThat(store.repairHeads().block()).isEqualTo(1);
        assertThat(claim()).extracting(Delivery::eventId).containsExactly(only.eventId());
    }

    @Test
    void oneCallRecordsABatchOfOutcomesAndClaimsTheNextOfEachSubject() {
        NewDelivery first = change("r-1");
        NewDelivery second = change("r-1");
        NewDelivery other = change("r-2");
        NewDelivery otherNext = change("r-2");
        store.createAll(List.of(first, second, other, otherNext)).block();
        List<Delivery> heads = claim();
        Delivery r1 = heads.stream()
                .filter(d -> d.eventId().equals(first.eventId()))
                .findFirst()
                .orElseThrow();
        Delivery r2 = heads.stream()
                .filter(d -> d.eventId().equals(other.eventId()))
                .findFirst()
                .orElseThrow();

        List<Delivery> claimed = store.recordAndClaim(
                        List.of(
                                Outcome.succeeded(new Attempt(r1.id(), 1, Instant.now(), 5, 200, null)),
                                Outcome.retryLater(
                                        new Attempt(r2.id(), 1, Instant.now(), 5, 503, "HTTP 503"),
                                        Instant.now().plusSeconds(60))),
                        10,
                        Duration.ofSeconds(30))
                .collectList()
                .block();

        assertThat(claimed)
                .as("r-1 moves on in the same call; r-2 waits for its retry")
                .extracting(Delivery::eventId)
                .containsExactly(second.eventId());
        assertThat(store.find(r1.id()).block().status()).isEqualTo(Delivery.SUCCEEDED);
        Delivery retried = store.find(r2.id()).block();
        assertThat(retried.status()).isEqualTo(Delivery.PENDING);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).isEqualTo("HTTP 503");
        assertThat(db.sql("SELECT count(*) AS n FROM delivery_attempt")
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isEqualTo(2);
    }

    @Test
    void aDeliveryWhoseOutcomeWasNeverRecordedIsClaimedAgainWhenItsLeaseEnds() throws Exception {
        // The instance sent it, and died with the outcome still waiting in its batch.
        NewDelivery only = change("r-1");
        store.create(only).block();
        Delivery sent =
                store.claim(10, Duration.ofMillis(300)).collectList().block().get(0);
        assertThat(claim()).as("leased").isEmpty();

        Thread.sleep(500);

        assertThat(claim())
                .as("sent again under the same webhook-id")
                .extracting(Delivery::id)
                .containsExactly(sent.id());
    }
}
