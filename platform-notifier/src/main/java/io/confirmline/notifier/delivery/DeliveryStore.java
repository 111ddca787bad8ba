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

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
            + "status, attempts, next_attempt_at, last_status_code, last_error, created_at, delivered_at, dead_at"
            + ", trace_parent";

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
                .bind("key", tenantId + "/" + subjectId)
                .then();
    }

    /** Marks the oldest pending delivery of the subject ready, and only it. */
    private Mono<Void> moveHead(String tenantId, String subjectId) {
        return db.sql("""
                        UPDATE delivery d SET ready = (d.sequence = h.head)
                        FROM (SELECT min(sequence) AS head FROM delivery
                              WHERE tenant_id = :tenant AND subject_id = :subject AND status = 'PENDING') h
                        WHERE d.tenant_id = :tenant AND d.subject_id = :subject AND d.status = 'PENDING'
                          AND d.ready IS DISTINCT FROM (d.sequence = h.head)""").bind("tenant", tenantId).bind("subject", subjectId).then();
    }

    /**
     * What a new delivery is made of. {@code carriesPhone} marks a guest fact, whose body has the guest's number and
     * whose subject is their conversation key; {@code aboutReservationId} is the booking it is about, if any, by
     * which a guest's erasure finds it (ErasedDeliveries).
     */
    public record NewDelivery(
            String eventId,
            String topic,
            String tenantId,
            String subjectId,
            String type,
            String payload,
            Instant occurredAt,
            Instant firstAttemptAt,
            String traceParent,
            boolean carriesPhone,
            String aboutReservationId) {

        /** A status change: no phone in it. */
        public NewDelivery(
                String eventId,
                String topic,
                String tenantId,
                String subjectId,
                String type,
                String payload,
                Instant occurredAt,
                Instant firstAttemptAt,
                String traceParent) {
            this(
                    eventId,
                    topic,
                    tenantId,
                    subjectId,
                    type,
                    payload,
                    occurredAt,
                    firstAttemptAt,
                    traceParent,
                    false,
                    null);
        }
    }

    /**
     * Records the eventId and creates its delivery in one transaction: a redelivered record finds its eventId and
     * creates nothing — in processed_event, or in the delivery itself once retention has forgotten the processed
     * eventId but not yet the delivery. Returns whether a delivery was created.
     */
    public Mono<Boolean> create(NewDelivery d) {
        return createAll(List.of(d)).map(created -> created > 0);
    }

    /**
     * Creates the deliveries of a batch in one transaction, in order, with one call of {@code create_deliveries}
     * (V7); returns how many were new.
     */
    public Mono<Long> createAll(List<NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Mono.just(0L);
        }
        int n = deliveries.size();
        String[] eventIds = new String[n], topics = new String[n], tenants = new String[n], subjects = new String[n];
        String[] types = new String[n], payloads = new String[n], traceParents = new String[n], abouts = new String[n];
        UUID[] ids = new UUID[n];
        Long[] occurred = new Long[n], firstAttempt = new Long[n];
        Boolean[] carriesPhone = new Boolean[n];
        for (int i = 0; i < n; i++) {
            NewDelivery d = deliveries.get(i);
            eventIds[i] = d.eventId();
            topics[i] = d.topic();
            ids[i] = UUID.randomUUID();
            tenants[i] = d.tenantId();
            subjects[i] = d.subjectId();
            types[i] = d.type();
            payloads[i] = d.payload();
            occurred[i] = micros(d.occurredAt());
            firstAttempt[i] = micros(d.firstAttemptAt());
            traceParents[i] = d.traceParent();
            carriesPhone[i] = d.carriesPhone();
            abouts[i] = d.aboutReservationId();
        }
        return db.sql("""
                        SELECT create_deliveries(CAST(:eventIds AS text[]), CAST(:topics AS text[]), CAST(:ids AS uuid[]),
                            CAST(:tenants AS text[]), CAST(:subjects AS text[]), CAST(:types AS text[]),
                            CAST(:payloads AS text[]), CAST(:occurred AS bigint[]), CAST(:firstAttempt AS bigint[]),
                            CAST(:traceParents AS text[]), CAST(:carriesPhone AS boolean[]),
                            CAST(:abouts AS text[])) AS created""")
                .bind("eventIds", eventIds)
                .bind("topics", topics)
                .bind("ids", ids)
                .bind("tenants", tenants)
                .bind("subjects", subjects)
                .bind("types", types)
                .bind("payloads", payloads)
                .bind("occurred", occurred)
                .bind("firstAttempt", firstAttempt)
                .bind("traceParents", traceParents)
                .bind("carriesPhone", carriesPhone)
                .bind("abouts", abouts)
                .map(row -> row.get("created", Long.class))
                .one();
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code lease}: each the oldest still-pending delivery of its
     * subject (marked ready), to an endpoint that is not disabled. {@code SKIP LOCKED} lets several instances claim
     * side by side without waiting for each other or taking the same row.
     */
    public Flux<Delivery> claim(int limit, Duration lease) {
        return recordAndClaim(List.of(), limit, lease);
    }

    /** The platform answered 2xx. */
    public Mono<Void> succeeded(Delivery d, Attempt attempt) {
        return record(List.of(Outcome.succeeded(attempt)));
    }

    /** The attempt failed and another is due at {@code nextAttemptAt}. */
    public Mono<Void> retryLater(Delivery d, Attempt attempt, Instant nextAttemptAt) {
        return record(List.of(Outcome.retryLater(attempt, nextAttemptAt)));
    }

    /** No more attempts: the delivery is dead-lettered (kept, listed, replayable). */
    public Mono<Void> dead(Delivery d, Attempt attempt) {
        return record(List.of(Outcome.dead(attempt)));
    }

    /** Not attempted (the endpoint's breaker is open): try again later, no attempt counted. */
    public Mono<Void> postpone(Delivery d, Instant nextAttemptAt) {
        return record(List.of(Outcome.postponed(d.id(), nextAttemptAt)));
    }

    /**
     * Records a batch of outcomes in one transaction: each attempt and its delivery's new state, and for each
     * delivery that left the queue the ready mark on the next one of its subject, under the subjects' locks.
     */
    public Mono<Void> record(List<Outcome> outcomes) {
        return outcomes.isEmpty()
                ? Mono.empty()
                : recordAndClaim(outcomes, 0, Duration.ZERO).then();
    }

    /**
     * Records {@code outcomes} (as {@link #record}) and then claims up to {@code limit} due deliveries (as
     * {@link #claim}), in one transaction with one call of {@code record_and_claim} (V7): a subject whose head
     * was just recorded has its next delivery among those claimed.
     */
    public Flux<Delivery> recordAndClaim(List<Outcome> outcomes, int limit, Duration lease) {
        int n = outcomes.size();
        UUID[] ids = new UUID[n];
        String[] kinds = new String[n], errors = new String[n];
        Integer[] attempts = new Integer[n], durations = new Integer[n], codes = new Integer[n];
        Long[] started = new Long[n], next = new Long[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.deliveryId();
            kinds[i] = o.kind().name();
            next[i] = o.nextAttemptAt() == null ? null : micros(o.nextAttemptAt());
            Attempt a = o.attempt();
            if (a != null) {
                attempts[i] = a.number();
                started[i] = micros(a.startedAt());
                durations[i] = (int) Math.min(Integer.MAX_VALUE, a.durationMs());
                codes[i] = a.statusCode();
                errors[i] = a.error();
            }
        }
        return db.sql("SELECT " + COLUMNS + " FROM record_and_claim(CAST(:ids AS uuid[]), CAST(:kinds AS text[]),"
                        + " CAST(:attempts AS integer[]), CAST(:started AS bigint[]), CAST(:durations AS integer[]),"
                        + " CAST(:codes AS integer[]), CAST(:errors AS text[]), CAST(:next AS bigint[]), :limit,"
                        + " :leaseSeconds)")
                .bind("ids", ids)
                .bind("kinds", kinds)
                .bind("attempts", attempts)
                .bind("started", started)
                .bind("durations", durations)
                .bind("codes", codes)
                .bind("errors", errors)
                .bind("next", next)
                .bind("limit", limit)
                .bind("leaseSeconds", lease.toMillis() / 1000.0)
                .map(DeliveryStore::delivery)
                .all();
    }

    public Mono<Void> disableEndpoint(String tenantId, String reason) {
        return db.sql("""
                        INSERT INTO disabled_endpoint (tenant_id, reason) VALUES (:tenant, :reason)
                        ON CONFLICT (tenant_id) DO UPDATE SET reason = excluded.reason, disabled_at = now()""").bind("tenant", tenantId).bind("reason", reason).then();
    }

    public Mono<Boolean> enableEndpoint(String tenantId) {
        return db.sql("DELETE FROM disabled_endpoint WHERE tenant_id = :tenant")
                .bind("tenant", tenantId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
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
        GenericExecuteSpec spec =
                db.sql(sql.toString()).bind("tenant", tenantId).bind("limit", limit);
        if (status != null) {
            spec = spec.bind("status", status);
        }
        if (subjectId != null) {
            spec = spec.bind("subject", subjectId);
        }
        return spec.map(DeliveryStore::delivery).all();
    }

    public Mono<Delivery> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM delivery WHERE id = :id")
                .bind("id", id)
                .map(DeliveryStore::delivery)
                .one();
    }

    /** A dead delivery goes back to PENDING with a fresh schedule; returns it, or empty if it was not dead. */
    public Mono<Delivery> replay(UUID id, Instant firstAttemptAt) {
        return find(id).flatMap(found -> lockSubject(found.tenantId(), found.subjectId())
                .then(reopen(id, firstAttemptAt))
                .flatMap(reopened ->
                        moveHead(found.tenantId(), found.subjectId()).thenReturn(reopened))
                .as(transaction::transactional));
    }

    private Mono<Delivery> reopen(UUID id, Instant firstAttemptAt) {
        return db.sql("""
                        UPDATE delivery SET status = 'PENDING', attempts = 0, next_attempt_at = :next, dead_at = NULL,
                               lease_until = NULL
                        WHERE id = :id AND status = 'DEAD'
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("next", utc(firstAttemptAt))
                .map(DeliveryStore::delivery)
                .one();
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
                        WHERE d.tenant_id = h.tenant_id AND d.subject_id = h.subject_id AND d.sequence = h.head""").fetch().rowsUpdated();
    }

    /** Pending deliveries per tenant: how many and how old the oldest is. */
    public record Backlog(String tenantId, long pending, Instant oldestCreatedAt) {}

    public Flux<Backlog> backlog() {
        return db.sql("SELECT tenant_id, count(*) AS pending, min(created_at) AS oldest FROM delivery "
                        + "WHERE status = 'PENDING' GROUP BY tenant_id")
                .map(row -> new Backlog(
                        row.get("tenant_id", String.class), row.get("pending", Long.class), instant(row, "oldest")))
                .all();
    }

    /** One HTTP attempt. */
    public record Attempt(
            UUID deliveryId, int number, Instant startedAt, long durationMs, Integer statusCode, String error) {}

    private static Delivery delivery(Readable row) {
        return new Delivery(
                row.get("id", UUID.class),
                row.get("sequence", Long.class),
                row.get("tenant_id", String.class),
                row.get("subject_id", String.class),
                row.get("event_id", String.class),
                row.get("type", String.class),
                row.get("payload", String.class),
                instant(row, "occurred_at"),
                row.get("status", String.class),
                row.get("attempts", Integer.class),
                instant(row, "next_attempt_at"),
                row.get("last_status_code", Integer.class),
                row.get("last_error", String.class),
                instant(row, "created_at"),
                instant(row, "delivered_at"),
                instant(row, "dead_at"),
                row.get("trace_parent", String.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
