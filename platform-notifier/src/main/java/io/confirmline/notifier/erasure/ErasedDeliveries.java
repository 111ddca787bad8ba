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
package io.confirmline.notifier.erasure;

import io.confirmline.events.GuestDataErased;
import io.confirmline.events.Topics;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Forgets the deliveries of an erased guest's bookings and messages: the finished ones (delivered or
 * dead-lettered) with their attempts, in one transaction with the eventId, so a redelivered erasure changes
 * nothing. A pending status delivery is left to be sent — the platform must still hear the call withdrawn — and
 * goes the way of every delivered row, with retention ({@code confirmline.retention.succeeded-deliveries}).
 *
 * <p>Guest facts ({@code guest.opted_out}...) carry the guest's phone and are queued under their conversation key.
 * The erasure names bookings, not the number, so the guest's conversation key is found through a fact about one
 * of the erased bookings; then every fact under that key goes too: the finished ones are deleted, the pending ones
 * are still sent (the platform must hear the opt-out) but with the phone blanked and under a key without it. Facts
 * of a guest none of whose facts names an erased booking cannot be told apart and stay until retention.
 */
@Component
class ErasedDeliveries {

    /** The erased guest's conversation keys, found through their guest facts about the erased bookings. */
    private static final String GUEST_KEYS = """
            SELECT DISTINCT subject_id FROM delivery
            WHERE tenant_id = :tenant AND carries_phone AND about_reservation_id = ANY(:subjects)""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    ErasedDeliveries(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
    }

    /** Returns how many deliveries were deleted or blanked; empty when this eventId was applied before. */
    Mono<Long> forget(GuestDataErased erased) {
        String[] subjects = erased.getSubjectIds().toArray(String[]::new);
        return db.sql("INSERT INTO processed_event (event_id, topic) VALUES (:id, :topic) ON CONFLICT DO NOTHING")
                .bind("id", erased.getEventId())
                .bind("topic", Topics.GUEST_ERASURES.name())
                .fetch()
                .rowsUpdated()
                .flatMap(first -> first == 0
                        ? Mono.<Long>empty()
                        : forgetGuestFacts(erased, subjects)
                                .flatMap(facts ->
                                        forgetStatuses(erased, subjects).map(statuses -> facts + statuses)))
                .as(transaction::transactional);
    }

    private Mono<Long> forgetStatuses(GuestDataErased erased, String[] subjects) {
        return db.sql("""
                        DELETE FROM delivery WHERE tenant_id = :tenant AND subject_id = ANY(:subjects)
                          AND status IN ('SUCCEEDED', 'DEAD')""")
                .bind("tenant", erased.getTenantId())
                .bind("subjects", subjects)
                .fetch()
                .rowsUpdated(); // their attempts go with them (ON DELETE CASCADE, V5)
    }

    private Mono<Long> forgetGuestFacts(GuestDataErased erased, String[] subjects) {
        return db.sql(GUEST_KEYS)
                .bind("tenant", erased.getTenantId())
                .bind("subjects", subjects)
                .map(row -> row.get("subject_id", String.class))
                .all()
                .collectList()
                .flatMap(keys -> keys.isEmpty()
                        ? Mono.just(0L)
                        : forgetGuestFacts(
                                erased,
                                keys.toArray(String[]::new),
                                erased.getTenantId() + ":erased:" + erased.getErasureId()));
    }

    private Mono<Long> forgetGuestFacts(GuestDataErased erased, String[] keys, String blankKey) {
        // Each key's queue is locked as the intake and the worker lock it, so no delivery is created or settled
        // under a key while its rows move to the blank one; in their order by lock key, as they lock them (V7).
        Mono<Void> lockKeys = db.sql("SELECT pg_advisory_xact_lock(l.key) FROM (SELECT DISTINCT"
                        + " hashtextextended(:tenant || '/' || k, 0) AS key FROM unnest(CAST(:keys AS text[])) AS k"
                        + " ORDER BY 1) l")
                .bind("tenant", erased.getTenantId())
                .bind("keys", keys)
                .then();
        Mono<Long> deleteFinished = db.sql("""
                        DELETE FROM delivery WHERE tenant_id = :tenant AND carries_phone AND subject_id = ANY(:keys)
                          AND status IN ('SUCCEEDED', 'DEAD')""")
                .bind("tenant", erased.getTenantId())
                .bind("keys", keys)
                .fetch()
                .rowsUpdated();
        // The pending ones are still sent, in their order, under one key named after the erasure instead of the
        // number (several keys of one guest merge into one queue: the order within each is kept).
        Mono<Long> blankPending = db.sql("""
                        SELECT id, payload FROM delivery
                        WHERE tenant_id = :tenant AND carries_phone AND subject_id = ANY(:keys) AND status = 'PENDING'""")
                .bind("tenant", erased.getTenantId())
                .bind("keys", keys)
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("payload", String.class)))
                .all()
                .concatMap(
                        row -> db.sql("UPDATE delivery SET payload = :payload, subject_id = :blankKey WHERE id = :id")
                                .bind("payload", withoutPhone(row.getValue()))
                                .bind("blankKey", blankKey)
                                .bind("id", row.getKey())
                                .fetch()
                                .rowsUpdated())
                .reduce(0L, Long::sum);
        return lockKeys.then(deleteFinished).flatMap(deleted -> blankPending.map(blanked -> deleted + blanked));
    }

    /**
     * The same body with {@code data.phone} null, and the guest's own words of a change or booking request
     * ({@code data.request.words}: they may name the guest), written as the intake writes bodies (compact, in
     * order). The wanted date, time and party size stay: the platform still needs them to answer the request.
     */
    static String withoutPhone(String payload) {
        ObjectNode body = (ObjectNode) JSON.readTree(payload);
        ObjectNode data = (ObjectNode) body.get("data");
        data.putNull("phone");
        if (data.get("request") instanceof ObjectNode request) {
            request.putNull("words");
        }
        return JSON.writeValueAsString(body);
    }
}
