package io.confirmline.notifier.erasure;

import io.confirmline.events.GuestDataErased;
import io.confirmline.events.Topics;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Forgets the deliveries of an erased guest's bookings and messages: the finished ones (delivered or
 * dead-lettered) with their attempts, in one transaction with the eventId, so a redelivered erasure changes
 * nothing. A pending delivery is left to be sent — the platform must still hear the call withdrawn — and goes the
 * way of every delivered row, with retention ({@code confirmline.retention.succeeded-deliveries}).
 */
@Component
class ErasedDeliveries {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    ErasedDeliveries(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
    }

    /** Returns how many deliveries were deleted; empty when this eventId was applied before. */
    Mono<Long> forget(GuestDataErased erased) {
        String[] subjects = erased.getSubjectIds().toArray(String[]::new);
        return db.sql("INSERT INTO processed_event (event_id, topic) VALUES (:id, :topic) ON CONFLICT DO NOTHING")
                .bind("id", erased.getEventId()).bind("topic", Topics.GUEST_ERASURES.name())
                .fetch().rowsUpdated()
                .flatMap(first -> first == 0 ? Mono.<Long>empty() : db.sql("""
                                DELETE FROM delivery_attempt WHERE delivery_id IN (
                                    SELECT id FROM delivery WHERE tenant_id = :tenant AND subject_id = ANY(:subjects)
                                      AND status IN ('SUCCEEDED', 'DEAD'))""")
                        .bind("tenant", erased.getTenantId()).bind("subjects", subjects).then()
                        .then(db.sql("""
                                        DELETE FROM delivery WHERE tenant_id = :tenant AND subject_id = ANY(:subjects)
                                          AND status IN ('SUCCEEDED', 'DEAD')""")
                                .bind("tenant", erased.getTenantId()).bind("subjects", subjects)
                                .fetch().rowsUpdated()))
                .as(transaction::transactional);
    }
}
