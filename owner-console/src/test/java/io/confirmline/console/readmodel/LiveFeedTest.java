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

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.confirmline.console.ConsoleContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The live feed never skips a change: a stream delivers every change of its tenant in id order, or ends — a page
 * that reads too slowly is cut off (with a warning) after the changes it has, and its reconnect with Last-Event-ID
 * gets every one it had not seen; under a burst of thousands of changes, committed concurrently and mixed with
 * another tenant's, one stream's ids are exactly the tenant's ids in the table, in order; and streams that open from
 * the newest id and close again while changes are committed each get every change after their id.
 */
class LiveFeedTest extends ConsoleContext {

    @Autowired
    LiveChanges live;

    @Autowired
    ReactiveTransactionManager transactions;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSlowPageIsCutOffAfterWhatItHasAndItsReconnectGetsEveryChangeItMissed() {
        String tenant = "live-slow-" + suffix;
        LiveChanges feed = new LiveChanges(db, 50);
        ListAppender<ILoggingEvent> warnings = warnings();
        try {
            // A page that takes nothing while 400 changes are committed, 10 per transaction.
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<Subscription> page = new AtomicReference<>();
            AtomicBoolean completed = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            feed.since(tenant, 0).subscribe(new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    page.set(subscription);
                }

                @Override
                protected void hookOnNext(List<LiveChange> batch) {
                    batch.forEach(change -> seen.add(change.id()));
                }

                @Override
                protected void hookOnComplete() {
                    completed.set(true);
                }

                @Override
                protected void hookOnError(Throwable error) {
                    failed.set(error);
                }
            });
            for (int commit = 0; commit < 40; commit++) {
                record(feed, tenant, 10);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> feed.following() == 0);
            assertThat(warnings.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains(tenant, "behind", "Last-Event-ID");
            });

            // It reads again: it gets what it had been handed, in order, and then its stream ends (no error).
            page.get().request(Long.MAX_VALUE);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(completed);
            assertThat(failed.get()).isNull();
            List<Long> stored = storedIds(tenant);
            assertThat(stored).hasSize(400);
            assertThat(seen).isNotEmpty().hasSizeLessThan(400).isEqualTo(stored.subList(0, seen.size()));

            // The browser reconnects with Last-Event-ID = the last id it saw: every missed change, no gap, no repeat.
            long lastEventId = seen.get(seen.size() - 1);
            List<Long> resumed = feed.since(tenant, lastEventId)
                    .flatMapIterable(batch -> batch)
                    .map(LiveChange::id)
                    .take(400 - seen.size())
                    .collectList()
                    .block(Duration.ofSeconds(10));
            List<Long> all = new ArrayList<>(seen);
            all.addAll(resumed);
            assertThat(all).isEqualTo(stored);
        } finally {
            feed.destroy();
            logger().detachAppender(warnings);
        }
    }

    @Test
    void aBurstOfThousandsOfChangesArrivesOnOneStreamInIdOrderWithoutGaps() {
        String tenant = "live-burst-" + suffix;
        String other = "live-other-" + suffix;
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> tenants = Collections.synchronizedList(new ArrayList<>());
        Disposable stream = live.since(tenant, 0)
                .subscribe(batch -> batch.forEach(change -> {
                    seen.add(change.id());
                    tenants.add(change.tenantId());
                }));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> live.following() > 0);
            // 3,000 changes of the tenant in 100 transactions, four at a time, each with another tenant's change.
            Flux.range(0, 100)
                    .flatMap(commit -> recording(live, List.of(tenant, other), 30), 4)
                    .then()
                    .block(Duration.ofSeconds(60));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 3000);

            List<Long> stored = storedIds(tenant);
            assertThat(stored).hasSize(3000);
            assertThat(tenants).containsOnly(tenant);
            synchronized (seen) {
                assertThat(seen).isEqualTo(stored);
            }
        } finally {
            stream.dispose();
        }
    }

    @Test
    void streamsOpenedAndClosedWhileChangesAreCommittedEachGetEveryChangeAfterTheirIdWithoutGaps() {
        String tenant = "live-late-" + suffix;
        // A feed of its own, so no other test's stream follows it: with nobody following, it passes changes over.
        LiveChanges feed = new LiveChanges(db, 10_000);
        Disposable commits = Disposables.single();
        try {
            for (int i = 0; i < 20; i++) {
                record(feed, tenant, 5);
            }
            // Transactions of five changes, four at a time, one begun every 20 ms until the streams are done;
            // meanwhile, eight times over, a stream opens from the newest id (as a page rendered then would), takes
            // at least three transactions' worth and closes — so between two streams nobody follows the feed.
            AtomicBoolean roundsDone = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            commits = Flux.range(0, Integer.MAX_VALUE)
                    .delayElements(Duration.ofMillis(20))
                    .takeWhile(commit -> !roundsDone.get())
                    .flatMap(commit -> recording(feed, List.of(tenant), 5), 4)
                    .subscribe(null, failed::set);
            Map<Long, List<Long>> seenFrom = new LinkedHashMap<>();
            for (int round = 0; round < 8; round++) {
                long start = feed.latestId().block(Duration.ofSeconds(5));
                List<Long> seen = Collections.synchronizedList(new ArrayList<>());
                seenFrom.put(start, seen);
                Disposable stream =
                        feed.since(tenant, start).subscribe(batch -> batch.forEach(change -> seen.add(change.id())));
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 15);
                } finally {
                    stream.dispose();
                }
            }
            roundsDone.set(true);
            Disposable running = commits;
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(running::isDisposed);
            assertThat(failed.get()).as("a transaction of the test's").isNull();
            // And one more from the first stream's id, after all of it: the table replays what it missed.
            long first = seenFrom.keySet().iterator().next();
            List<Long> replayed = feed.since(tenant, first)
                    .take(Duration.ofSeconds(2))
                    .flatMapIterable(batch -> batch.stream().map(LiveChange::id).toList())
                    .collectList()
                    .block(Duration.ofSeconds(10));

            List<Long> stored = storedIds(tenant);
            assertThat(stored.size()).isGreaterThan(100 + 8 * 15);
            assertThat(replayed)
                    .isEqualTo(stored.stream().filter(id -> id > first).toList());
            seenFrom.forEach((start, seen) -> {
                List<Long> after = stored.stream().filter(id -> id > start).toList();
                synchronized (seen) {
                    // From the first change after its id, none skipped, none twice, in order.
                    assertThat(seen).as("a stream from id %d", start).isEqualTo(after.subList(0, seen.size()));
                }
            });
        } finally {
            commits.dispose();
            feed.destroy();
        }
    }

    /** One transaction recording {@code count} changes of the tenant, as a projection does, then the wake-up. */
    private void record(LiveChanges feed, String tenant, int count) {
        recording(feed, List.of(tenant), count).block(Duration.ofSeconds(10));
    }

    private Mono<Void> recording(LiveChanges feed, List<String> tenantsInTurn, int count) {
        List<LiveChange.Subject> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (String tenant : tenantsInTurn) {
                changes.add(new LiveChange.Subject(tenant, LiveChange.Kind.BOOKING, "r-" + suffix + "-" + i));
            }
        }
        // Only the first tenant's changes are counted; the others' are mixed in, not all of the same count.
        List<LiveChange.Subject> mine = changes.stream()
                .filter(change -> change.tenantId().equals(tenantsInTurn.get(0))
                        || change.subject().endsWith("0"))
                .toList();
        return feed.recordAll(mine)
                .as(TransactionalOperator.create(transactions)::transactional)
                .then(Mono.fromRunnable(feed::committed));
    }

    private List<Long> storedIds(String tenant) {
        return db.sql("SELECT id FROM live_change WHERE tenant_id = $1 ORDER BY id")
                .bind(0, tenant)
                .map(row -> row.get("id", Long.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(LiveChanges.class);
    }

    private static ListAppender<ILoggingEvent> warnings() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger().addAppender(appender);
        return appender;
    }
}
