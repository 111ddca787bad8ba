package io.confirmline.console.readmodel;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

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
    private final Sinks.Many<LiveChange> shared = Sinks.many().multicast().directBestEffort();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-feed");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger wakes = new AtomicInteger();
    private final AtomicLong lastRead = new AtomicLong(-1);
    /** Changes made before this instance started are only replayed on request ({@link #since}), never broadcast. */
    private final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);

    public LiveChanges(DatabaseClient db) {
        this.db = db;
    }

    /** Records a change; call it last in the transaction that made it. */
    public Mono<Void> record(LiveChange.Subject change) {
        return recordAll(java.util.List.of(change));
    }

    /**
     * Records a poll's changes in their order, one statement; call it last in the transaction that made them (the
     * lock is taken once, so a batch holds it only for its commit).
     */
    public Mono<Void> recordAll(java.util.List<LiveChange.Subject> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        String[] tenants = changes.stream().map(LiveChange.Subject::tenantId).toArray(String[]::new);
        String[] kinds = changes.stream().map(change -> change.kind().name()).toArray(String[]::new);
        String[] subjects = changes.stream().map(LiveChange.Subject::subject).toArray(String[]::new);
        return db.sql("SELECT pg_advisory_xact_lock($1)").bind(0, ORDER_LOCK).fetch().first()
                .then(db.sql("""
                                INSERT INTO live_change (tenant_id, kind, subject)
                                SELECT t, k, s FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS c(t, k, s, n)
                                ORDER BY n""")
                        .bind(0, tenants).bind(1, kinds).bind(2, subjects).then());
    }

    /** After a commit that recorded changes: the reader emits them to the open streams. */
    public void committed() {
        if (wakes.getAndIncrement() == 0) {
            reader.execute(this::drain);
        }
    }

    /** The newest change's id (0 when there is none): a page rendered now follows the feed from here. */
    public Mono<Long> latestId() {
        return db.sql("SELECT COALESCE(MAX(id), 0) AS id FROM live_change").map(row -> row.get("id", Long.class)).one();
    }

    /**
     * One tenant's changes after {@code lastId}: the stored ones, then live ones as they are committed. Ends with an
     * error if the subscriber falls {@value #SUBSCRIBER_BUFFER} changes behind (its browser reconnects).
     */
    public Flux<LiveChange> since(String tenantId, long lastId) {
        return Flux.defer(() -> {
            // Follow the live feed first, buffering, so nothing committed during the replay query is lost.
            Sinks.Many<LiveChange> mine = Sinks.many().unicast()
                    .onBackpressureBuffer(Queues.<LiveChange>get(SUBSCRIBER_BUFFER).get());
            Disposable following = shared.asFlux()
                    .filter(change -> change.tenantId().equals(tenantId))
                    .subscribe(change -> {
                        if (mine.tryEmitNext(change).isFailure()) {
                            mine.tryEmitError(new IllegalStateException("live subscriber too far behind"));
                        }
                    });
            AtomicLong watermark = new AtomicLong(lastId);
            Flux<LiveChange> stored = storedAfter(tenantId, lastId).doOnNext(change -> watermark.set(change.id()));
            return Flux.concat(stored, mine.asFlux().filter(change -> change.id() > watermark.get()))
                    .doFinally(signal -> following.dispose());
        });
    }

    /** A tenant's stored changes after an id, in order, page by page. */
    Flux<LiveChange> storedAfter(String tenantId, long lastId) {
        return page(tenantId, lastId).expand(page -> page.size() < PAGE ? Mono.empty()
                        : page(tenantId, page.get(page.size() - 1).id()))
                .flatMapIterable(page -> page);
    }

    private Mono<java.util.List<LiveChange>> page(String tenantId, long after) {
        return db.sql(SELECT + " WHERE lc.tenant_id = $1 AND lc.id > $2 ORDER BY lc.id LIMIT " + PAGE)
                .bind(0, tenantId).bind(1, after)
                .map(LiveChanges::change).all().collectList();
    }

    /** Reads every change after the last one read, for everyone, until a round finds no new wake-up. */
    private void drain() {
        int pending = 1;
        do {
            try {
                readNew();
            } catch (RuntimeException e) {
                log.warn("Live feed: reading new changes failed ({}); the next change or the safety poll retries", e.toString());
            }
            pending = wakes.addAndGet(-pending);
        } while (pending != 0);
    }

    private void readNew() {
        if (lastRead.get() < 0) {
            // Read on first use, not at creation: the tables may not exist before the migrations have run.
            lastRead.set(db.sql("SELECT COALESCE(MAX(id), 0) AS id FROM live_change WHERE created_at < $1")
                    .bind(0, started).map(row -> row.get("id", Long.class)).one().block(Duration.ofSeconds(10)));
        }
        while (true) {
            java.util.List<LiveChange> changes = db.sql(SELECT + " WHERE lc.id > $1 ORDER BY lc.id LIMIT " + PAGE)
                    .bind(0, lastRead.get()).map(LiveChanges::change).all().collectList().block(Duration.ofSeconds(10));
            if (changes == null || changes.isEmpty()) {
                return;
            }
            for (LiveChange change : changes) {
                shared.tryEmitNext(change);
                lastRead.set(change.id());
            }
            if (changes.size() < PAGE) {
                return;
            }
        }
    }


    /** Deletes changes older than {@code retention}, a bounded batch at a time; returns how many. */
    public int prune(Duration retention) {
        Long deleted = db.sql("""
                        DELETE FROM live_change WHERE id IN (
                            SELECT id FROM live_change WHERE created_at < now() - make_interval(secs => $1) ORDER BY id LIMIT 5000)""")
                .bind(0, (double) retention.toSeconds()).fetch().rowsUpdated().block(Duration.ofSeconds(30));
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
            thread = new ThreadLine(row.get("phone", String.class), instant(row, "last_message_at"),
                    row.get("last_body", String.class), unread == null ? 0 : unread, instant(row, "taken_over_at"),
                    Boolean.TRUE.equals(row.get("opted_out", Boolean.class)));
        }
        return new LiveChange(row.get("id", Long.class), row.get("tenant_id", String.class), kind,
                row.get("subject", String.class), booking, thread);
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
