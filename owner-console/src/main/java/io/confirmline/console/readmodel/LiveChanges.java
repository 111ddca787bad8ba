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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pages' live feed ({@code live_change}): what changed, in commit order, for every open board and inbox.
 *
 * <ul>
 * <li>{@link #record} adds a change inside the projection's transaction, last, under a transaction-scoped advisory
 * lock: ids are then handed out in commit order, so "every change after id N" has no holes that fill in later
 * (a reconnecting browser never skips a change committed late).</li>
 * <li>{@link #committed} wakes one reader that reads the new rows once for all subscribers and emits them to an
 * in-memory sink — milliseconds after the commit.</li>
 * <li>{@link #since} gives one tenant's changes after an id: first from the table (a browser that reconnects with
 * Last-Event-ID), then live, without a gap or a repeat between the two.</li>
 * </ul>
 */
@Component
public class LiveChanges implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveChanges.class);
    /** "live": serialises the id allocation of the projections' transactions. */
    private static final long ORDER_LOCK = 0x6c697665L;
    /** A subscriber this far behind is cut off; its browser reconnects and replays from the table. */
    private static final int SUBSCRIBER_BUFFER = 10_000;

    private static final int PAGE = 500;
    /**
     * The reader gathers changes this long after the previous read before it reads again: every open page then gets
     * the changes of a few commits as one batch (one write and flush per stream), not one write per commit — at the
     * cost of at most this much latency.
     */
    private static final long GATHER_NANOS = Duration.ofMillis(20).toNanos();

    static final String SELECT = """
            SELECT lc.id, lc.tenant_id, lc.kind, lc.subject,
                   b.reservation_id, b.starts_at, b.time_zone, b.guest_name, b.party_size, b.status, b.attempt,
                   b.channel, b.last_change_at, b.cancelled, b.ended,
                   t.phone, t.last_message_at, t.last_body, t.unread, t.taken_over_at, t.opted_out
            FROM live_change lc
            LEFT JOIN booking_view b ON lc.kind = 'BOOKING' AND b.tenant_id = lc.tenant_id AND b.reservation_id = lc.subject
            LEFT JOIN conversation_thread t ON lc.kind = 'CONVERSATION' AND t.tenant_id = lc.tenant_id AND t.phone = lc.subject
            """;

    private final DatabaseClient db;
    /** The open streams; the reader hands each its tenant's new changes. */
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

    private final int subscriberBuffer;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-feed");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger wakes = new AtomicInteger();
    private final AtomicLong lastRead = new AtomicLong(-1);
    private long lastReadAt = System.nanoTime() - GATHER_NANOS;
    /** Changes made before this instance started are only replayed on request ({@link #since}), never broadcast. */
    private final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);

    @Autowired
    public LiveChanges(DatabaseClient db) {
        this(db, SUBSCRIBER_BUFFER);
    }

    /** With another cut-off (tests: a few changes instead of thousands). */
    LiveChanges(DatabaseClient db, int subscriberBuffer) {
        this.db = db;
        this.subscriberBuffer = subscriberBuffer;
    }

    /** How many streams follow the live feed now. */
    public int following() {
        return followers.size();
    }

    /** Records a change; call it last in the transaction that made it. */
    public Mono<Void> record(LiveChange.Subject change) {
        return recordAll(List.of(change));
    }

    /**
     * Records a poll's changes in their order, one statement; call it last in the transaction that made them (the
     * lock is taken once, so a batch holds it only for its commit).
     */
    public Mono<Void> recordAll(List<LiveChange.Subject> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        String[] tenants = changes.stream().map(LiveChange.Subject::tenantId).toArray(String[]::new);
        String[] kinds = changes.stream().map(change -> change.kind().name()).toArray(String[]::new);
        String[] subjects = changes.stream().map(LiveChange.Subject::subject).toArray(String[]::new);
        return db.sql("SELECT pg_advisory_xact_lock($1)")
                .bind(0, ORDER_LOCK)
                .fetch()
                .first()
                .then(db.sql("""
                                INSERT INTO live_change (tenant_id, kind, subject)
                                SELECT t, k, s FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS c(t, k, s, n)
                                ORDER BY n""")
                        .bind(0, tenants)
                        .bind(1, kinds)
                        .bind(2, subjects)
                        .then());
    }

    /** After a commit that recorded changes: the reader emits them to the open streams. */
    public void committed() {
        if (wakes.getAndIncrement() == 0) {
            reader.execute(this::drain);
        }
    }

    /** The newest change's id (0 when there is none): a page rendered now follows the feed from here. */
    public Mono<Long> latestId() {
        return db.sql("SELECT COALESCE(MAX(id), 0) AS id FROM live_change")
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /**
     * One tenant's changes after {@code lastId}, in id order, in batches (a batch is what one read of the table
     * brought: a page to replay, or the tenant's part of the changes just committed) — the stored ones first, then
     * live ones as they are committed, without a gap or a repeat between the two. A subscriber that falls
     * {@value #SUBSCRIBER_BUFFER} changes behind is cut off: its stream COMPLETES after the changes it already has
     * (never skips one), so its browser reconnects with Last-Event-ID and replays the rest from the table.
     */
    public Flux<List<LiveChange>> since(String tenantId, long lastId) {
        return Flux.defer(() -> {
            // Follow the live feed first, buffering, so nothing committed during the replay query is lost.
            Follower follower = new Follower(tenantId, subscriberBuffer);
            followers.add(follower);
            AtomicLong watermark = new AtomicLong(lastId);
            Flux<List<LiveChange>> stored = storedAfter(tenantId, lastId)
                    .doOnNext(page -> watermark.set(page.get(page.size() - 1).id()));
            Flux<List<LiveChange>> live = follower.batches().flatMapIterable(batch -> {
                // The replay may already have sent the first live changes; drop those, keep the order.
                long after = watermark.get();
                if (batch.get(0).id() > after) {
                    return List.of(batch);
                }
                List<LiveChange> newer =
                        batch.stream().filter(change -> change.id() > after).toList();
                return newer.isEmpty() ? List.of() : List.of(newer);
            });
            return Flux.concat(stored, live).doFinally(signal -> followers.remove(follower));
        });
    }

    /** A tenant's stored changes after an id, in order, page by page. */
    Flux<List<LiveChange>> storedAfter(String tenantId, long lastId) {
        return page(tenantId, lastId)
                .expand(page -> page.size() < PAGE
                        ? Mono.empty()
                        : page(tenantId, page.get(page.size() - 1).id()))
                .filter(page -> !page.isEmpty());
    }

    private Mono<List<LiveChange>> page(String tenantId, long after) {
        return db.sql(SELECT + " WHERE lc.tenant_id = $1 AND lc.id > $2 ORDER BY lc.id LIMIT " + PAGE)
                .bind(0, tenantId)
                .bind(1, after)
                .map(LiveChanges::change)
                .all()
                .collectList();
    }

    /** Reads every change after the last one read, for everyone, until a round finds no new wake-up. */
    private void drain() {
        int pending = 1;
        do {
            try {
                gather();
                readNew();
            } catch (RuntimeException e) {
                log.warn(
                        "Live feed: reading new changes failed ({}); the next change or the safety poll retries",
                        e.toString());
            }
            pending = wakes.addAndGet(-pending);
        } while (pending != 0);
    }

    /** Waits out the rest of the gathering time since the previous read (only the reader thread calls this). */
    private void gather() {
        long wait = lastReadAt + GATHER_NANOS - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
        lastReadAt = System.nanoTime();
    }

    private void readNew() {
        if (lastRead.get() < 0) {
            // Read on first use, not at creation: the tables may not exist before the migrations have run.
            lastRead.set(db.sql("SELECT COALESCE(MAX(id), 0) AS id FROM live_change WHERE created_at < $1")
                    .bind(0, started)
                    .map(row -> row.get("id", Long.class))
                    .one()
                    .block(Duration.ofSeconds(10)));
        }
        if (passedOverForNoFollowers()) {
            return;
        }
        while (true) {
            List<LiveChange> changes = db.sql(SELECT + " WHERE lc.id > $1 ORDER BY lc.id LIMIT " + PAGE)
                    .bind(0, lastRead.get())
                    .map(LiveChanges::change)
                    .all()
                    .collectList()
                    .block(Duration.ofSeconds(10));
            if (changes == null || changes.isEmpty()) {
                return;
            }
            hand(changes);
            lastRead.set(changes.get(changes.size() - 1).id());
            if (changes.size() < PAGE) {
                return;
            }
        }
    }

    /**
     * With no stream open, nobody needs the new changes with their rows: the reader only moves past them. The newest
     * id is read before the followers are looked at. A stream that starts after that look replays the table from its
     * page's id with a query that starts later still, so it gets every change up to that newest id from the table
     * (ids are handed out in commit order), and the ones after it live.
     */
    private boolean passedOverForNoFollowers() {
        if (!followers.isEmpty()) {
            return false;
        }
        Long newest = db.sql("SELECT COALESCE(MAX(id), 0) AS id FROM live_change")
                .map(row -> row.get("id", Long.class))
                .one()
                .block(Duration.ofSeconds(10));
        if (!followers.isEmpty() || newest == null) {
            return false; // a stream started meanwhile: read for it as usual
        }
        lastRead.accumulateAndGet(newest, Math::max);
        return true;
    }

    /**
     * Gives every follower its tenant's part of a page of new changes, as one batch. Only this (the reader's) thread
     * emits, so an emission fails only when a stream has ended or is too far behind — never silently.
     */
    @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // a concurrent set: removal while iterating is safe
    private void hand(List<LiveChange> changes) {
        Map<String, List<LiveChange>> byTenant = new HashMap<>();
        for (LiveChange change : changes) {
            byTenant.computeIfAbsent(change.tenantId(), tenant -> new ArrayList<>())
                    .add(change);
        }
        for (Follower follower : followers) {
            List<LiveChange> batch = byTenant.get(follower.tenantId);
            if (batch != null && !follower.offer(batch)) {
                followers.remove(follower);
            }
        }
    }

    /** Deletes changes older than {@code retention}, a bounded batch at a time; returns how many. */
    public int prune(Duration retention) {
        Long deleted = db.sql("""
                        DELETE FROM live_change WHERE id IN (
                            SELECT id FROM live_change WHERE created_at < now() - make_interval(secs => $1) ORDER BY id LIMIT 5000)""")
                .bind(0, (double) retention.toSeconds())
                .fetch()
                .rowsUpdated()
                .block(Duration.ofSeconds(30));
        return deleted == null ? 0 : deleted.intValue();
    }

    @Override
    public void destroy() {
        reader.shutdownNow();
    }

    static LiveChange change(Readable row) {
        LiveChange.Kind kind = LiveChange.Kind.valueOf(row.get("kind", String.class));
        BoardRow booking = null;
        if (row.get("reservation_id", String.class) != null) {
            booking = BoardRow.from(row);
        }
        ThreadLine thread = null;
        if (row.get("phone", String.class) != null) {
            Integer unread = row.get("unread", Integer.class);
            thread = new ThreadLine(
                    row.get("phone", String.class),
                    instant(row, "last_message_at"),
                    row.get("last_body", String.class),
                    unread == null ? 0 : unread,
                    instant(row, "taken_over_at"),
                    Boolean.TRUE.equals(row.get("opted_out", Boolean.class)));
        }
        return new LiveChange(
                row.get("id", Long.class),
                row.get("tenant_id", String.class),
                kind,
                row.get("subject", String.class),
                booking,
                thread);
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
