package io.confirmline.notifier.delivery;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The notifier's tables: deliveries, their attempts and disabled endpoints. */
@Component
public class DeliveryStore {

    private static final String COLUMNS = "id, sequence, tenant_id, subject_id, event_id, type, payload, occurred_at, "
            + "status, attempts, next_attempt_at, last_status_code, last_error, created_at, delivered_at, dead_at" + ", trace_parent";

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    public DeliveryStore(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
    }

    /**
     * Serialises changes to one subject's queue (creating a delivery, settling or replaying one) until the
     * transaction ends, so the "ready" mark always sits on the oldest pending delivery.
     */
    private Mono<Void> lockSubject(String tenantId, String subjectId) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .bind("key", tenantId + "/" + subjectId).then();
    }

    /** Marks the oldest pending delivery of the subject ready, and only it. */
    private Mono<Void> moveHead(String tenantId, String subjectId) {
        return db.sql("""
                        UPDATE delivery d SET ready = (d.sequence = h.head)
                        FROM (SELECT min(sequence) AS head FROM delivery
                              WHERE tenant_id = :tenant AND subject_id = :subject AND status = 'PENDING') h
                        WHERE d.tenant_id = :tenant AND d.subject_id = :subject AND d.status = 'PENDING'
                          AND d.ready IS DISTINCT FROM (d.sequence = h.head)""")
                .bind("tenant", tenantId).bind("subject", subjectId).then();
    }

    /**
     * What a new delivery is made of. {@code carriesPhone} marks a guest fact, whose body has the guest's number and
     * whose subject is their conversation key; {@code aboutReservationId} is the booking it is about, if any, by
     * which a guest's erasure finds it (ErasedDeliveries).
     */
    public record NewDelivery(String eventId, String topic, String tenantId, String subjectId, String type,
            String payload, Instant occurredAt, Instant firstAttemptAt, String traceParent, boolean carriesPhone,
            String aboutReservationId) {

        /** A status change: no phone in it. */
        public NewDelivery(String eventId, String topic, String tenantId, String subjectId, String type,
                String payload, Instant occurredAt, Instant firstAttemptAt, String traceParent) {
            this(eventId, topic, tenantId, subjectId, type, payload, occurredAt, firstAttemptAt, traceParent, false, null);
        }
    }

    /**
     * Records the eventId and creates its delivery in one statement (one transaction): a redelivered record finds
     * its eventId and creates nothing — in processed_event, or in the delivery itself once retention has forgotten
     * the processed eventId but not yet the delivery. Returns whether a delivery was created.
     */
    public Mono<Boolean> create(NewDelivery d) {
        return insert(d).as(transaction::transactional);
    }

    /** Creates the deliveries of a batch in one transaction, in order; returns how many were new. */
    public Mono<Long> createAll(java.util.List<NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Mono.just(0L);
        }
        return reactor.core.publisher.Flux.fromIterable(deliveries).concatMap(this::insert)
                .filter(Boolean::booleanValue).count().as(transaction::transactional);
    }

    private Mono<Boolean> insert(NewDelivery d) {
        GenericExecuteSpec spec = db.sql("""
                        WITH seen AS (
                            INSERT INTO processed_event (event_id, topic) VALUES (:eventId, :topic)
                            ON CONFLICT (event_id) DO NOTHING RETURNING event_id)
                        INSERT INTO delivery (id, tenant_id, subject_id, event_id, type, payload, occurred_at, status,
                                              next_attempt_at, trace_parent, carries_phone, about_reservation_id, ready)
                        SELECT :id, :tenantId, :subjectId, seen.event_id, :type, :payload, :occurredAt, 'PENDING',
                               :firstAttemptAt, :traceParent, :carriesPhone, :aboutReservationId,
                               NOT EXISTS (SELECT 1 FROM delivery p WHERE p.tenant_id = :tenantId
                                           AND p.subject_id = :subjectId AND p.status = 'PENDING')
                        FROM seen
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("eventId", d.eventId()).bind("topic", d.topic()).bind("id", UUID.randomUUID())
                .bind("tenantId", d.tenantId()).bind("subjectId", d.subjectId()).bind("type", d.type())
                .bind("payload", d.payload()).bind("occurredAt", utc(d.occurredAt()))
                .bind("firstAttemptAt", utc(d.firstAttemptAt())).bind("carriesPhone", d.carriesPhone());
        spec = d.traceParent() == null ? spec.bindNull("traceParent", String.class) : spec.bind("traceParent", d.traceParent());
        spec = d.aboutReservationId() == null ? spec.bindNull("aboutReservationId", String.class)
                : spec.bind("aboutReservationId", d.aboutReservationId());
        Mono<Boolean> insert = spec.fetch().rowsUpdated().map(rows -> rows > 0);
        return lockSubject(d.tenantId(), d.subjectId()).then(insert);
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code lease}: each the oldest still-pending delivery of its
     * subject (marked ready), to an endpoint that is not disabled. {@code SKIP LOCKED} lets several instances claim side by side
     * without waiting for each other or taking the same row.
     */
    public Flux<Delivery> claim(int limit, Duration lease) {
        return db.sql("""
                        UPDATE delivery SET lease_until = now() + make_interval(secs => :leaseSeconds)
                        WHERE id IN (
                            SELECT d.id FROM delivery d
                            WHERE d.status = 'PENDING' AND d.ready AND d.next_attempt_at <= now()
                              AND (d.lease_until IS NULL OR d.lease_until < now())
                              AND NOT EXISTS (SELECT 1 FROM disabled_endpoint e WHERE e.tenant_id = d.tenant_id)
                            ORDER BY d.next_attempt_at, d.sequence
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + COLUMNS)
                .bind("leaseSeconds", lease.toMillis() / 1000.0).bind("limit", limit)
                .map(DeliveryStore::delivery).all();
    }

    /** The platform answered 2xx. */
    public Mono<Void> succeeded(Delivery d, Attempt attempt) {
        return settleAndMoveHead(d, attempt, """
                UPDATE delivery SET status = 'SUCCEEDED', attempts = :attempt, last_status_code = :code,
                       last_error = NULL, delivered_at = now(), lease_until = NULL
                WHERE id = :id""", null);
    }

    /** The attempt failed and another is due at {@code nextAttemptAt}. */
    public Mono<Void> retryLater(Delivery d, Attempt attempt, Instant nextAttemptAt) {
        return settle(attempt, """
                UPDATE delivery SET attempts = :attempt, next_attempt_at = :next, last_status_code = :code,
                       last_error = :error, lease_until = NULL
                WHERE id = :id""", nextAttemptAt);
    }

    /** No more attempts: the delivery is dead-lettered (kept, listed, replayable). */
    public Mono<Void> dead(Delivery d, Attempt attempt) {
        return settleAndMoveHead(d, attempt, """
                UPDATE delivery SET status = 'DEAD', attempts = :attempt, last_status_code = :code,
                       last_error = :error, dead_at = now(), lease_until = NULL
                WHERE id = :id""", null);
    }

    /** The delivery leaves the queue: record it and make the next one of its subject ready, together. */
    private Mono<Void> settleAndMoveHead(Delivery d, Attempt attempt, String update, Instant nextAttemptAt) {
        return lockSubject(d.tenantId(), d.subjectId())
                .then(settle(attempt, update, nextAttemptAt))
                .then(moveHead(d.tenantId(), d.subjectId()))
                .as(transaction::transactional);
    }

    /** Records the attempt and the delivery's new state in one statement. */
    private Mono<Void> settle(Attempt a, String update, Instant nextAttemptAt) {
        GenericExecuteSpec spec = db.sql("""
                        WITH attempt AS (
                            INSERT INTO delivery_attempt (delivery_id, attempt, started_at, duration_ms, status_code, error)
                            VALUES (:id, :attempt, :started, :duration, :code, :error)
                            ON CONFLICT (delivery_id, attempt) DO NOTHING)
                        """ + update)
                .bind("id", a.deliveryId()).bind("attempt", a.number()).bind("started", utc(a.startedAt()))
                .bind("duration", (int) Math.min(Integer.MAX_VALUE, a.durationMs()));
        if (nextAttemptAt != null) {
            spec = spec.bind("next", utc(nextAttemptAt));
        }
        return nullable(spec, a).then();
    }

    /** Not attempted (the endpoint's breaker is open): try again later, no attempt counted. */
    public Mono<Void> postpone(Delivery d, Instant nextAttemptAt) {
        return db.sql("UPDATE delivery SET next_attempt_at = :next, lease_until = NULL WHERE id = :id")
                .bind("next", utc(nextAttemptAt)).bind("id", d.id()).then();
    }

    public Mono<Void> disableEndpoint(String tenantId, String reason) {
        return db.sql("""
                        INSERT INTO disabled_endpoint (tenant_id, reason) VALUES (:tenant, :reason)
                        ON CONFLICT (tenant_id) DO UPDATE SET reason = excluded.reason, disabled_at = now()""")
                .bind("tenant", tenantId).bind("reason", reason).then();
    }

    public Mono<Boolean> enableEndpoint(String tenantId) {
        return db.sql("DELETE FROM disabled_endpoint WHERE tenant_id = :tenant").bind("tenant", tenantId)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** A tenant's deliveries, newest first, optionally of one status and one subject. */
    public Flux<Delivery> list(String tenantId, String status, String subjectId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM delivery WHERE tenant_id = :tenant");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (subjectId != null) {
            sql.append(" AND subject_id = :subject");
        }
        sql.append(" ORDER BY sequence DESC LIMIT :limit");
        GenericExecuteSpec spec = db.sql(sql.toString()).bind("tenant", tenantId).bind("limit", limit);
        if (status != null) {
            spec = spec.bind("status", status);
        }
        if (subjectId != null) {
            spec = spec.bind("subject", subjectId);
        }
        return spec.map(DeliveryStore::delivery).all();
    }

    public Mono<Delivery> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM delivery WHERE id = :id").bind("id", id)
                .map(DeliveryStore::delivery).one();
    }

    /** A dead delivery goes back to PENDING with a fresh schedule; returns it, or empty if it was not dead. */
    public Mono<Delivery> replay(UUID id, Instant firstAttemptAt) {
        return find(id).flatMap(found -> lockSubject(found.tenantId(), found.subjectId())
                .then(reopen(id, firstAttemptAt))
                .flatMap(reopened -> moveHead(found.tenantId(), found.subjectId()).thenReturn(reopened))
                .as(transaction::transactional));
    }

    private Mono<Delivery> reopen(UUID id, Instant firstAttemptAt) {
        return db.sql("""
                        UPDATE delivery SET status = 'PENDING', attempts = 0, next_attempt_at = :next, dead_at = NULL,
                               lease_until = NULL
                        WHERE id = :id AND status = 'DEAD'
                        RETURNING\s""" + COLUMNS)
                .bind("id", id).bind("next", utc(firstAttemptAt)).map(DeliveryStore::delivery).one();
    }

    /**
     * Marks the head of any subject whose pending deliveries have none marked ready. The transitions above keep
     * the mark right under the subject lock; this is the safety net that makes a missed one cost a delay of one
     * sweep instead of a queue that never moves. Returns how many subjects it had to repair.
     */
    public Mono<Long> repairHeads() {
        return db.sql("""
                        UPDATE delivery d SET ready = true
                        FROM (SELECT tenant_id, subject_id, min(sequence) AS head FROM delivery
                              WHERE status = 'PENDING' GROUP BY tenant_id, subject_id
                              HAVING NOT bool_or(ready)) h
                        WHERE d.tenant_id = h.tenant_id AND d.subject_id = h.subject_id AND d.sequence = h.head""")
                .fetch().rowsUpdated();
    }

    /** Pending deliveries per tenant: how many and how old the oldest is. */
    public record Backlog(String tenantId, long pending, Instant oldestCreatedAt) {
    }

    public Flux<Backlog> backlog() {
        return db.sql("SELECT tenant_id, count(*) AS pending, min(created_at) AS oldest FROM delivery "
                        + "WHERE status = 'PENDING' GROUP BY tenant_id")
                .map(row -> new Backlog(row.get("tenant_id", String.class), row.get("pending", Long.class),
                        instant(row, "oldest")))
                .all();
    }

    /** One HTTP attempt. */
    public record Attempt(UUID deliveryId, int number, Instant startedAt, long durationMs, Integer statusCode,
            String error) {
    }

    private static GenericExecuteSpec nullable(GenericExecuteSpec spec, Attempt a) {
        spec = a.statusCode() == null ? spec.bindNull("code", Integer.class) : spec.bind("code", a.statusCode());
        return a.error() == null ? spec.bindNull("error", String.class) : spec.bind("error", a.error());
    }

    private static Delivery delivery(Readable row) {
        return new Delivery(row.get("id", UUID.class), row.get("sequence", Long.class), row.get("tenant_id", String.class),
                row.get("subject_id", String.class), row.get("event_id", String.class), row.get("type", String.class),
                row.get("payload", String.class), instant(row, "occurred_at"), row.get("status", String.class),
                row.get("attempts", Integer.class), instant(row, "next_attempt_at"),
                row.get("last_status_code", Integer.class), row.get("last_error", String.class),
                instant(row, "created_at"), instant(row, "delivered_at"), instant(row, "dead_at"),
                row.get("trace_parent", String.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
