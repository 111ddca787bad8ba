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
package io.confirmline.console.conversation;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A tenant's quick replies ({@code quick_reply}), in their order; every statement is scoped to the tenant. */
@Repository
public class QuickReplies {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    public QuickReplies(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
    }

    public Flux<QuickReply> all(String tenantId) {
        return db.sql("SELECT id, label, body, position FROM quick_reply WHERE tenant_id = $1 ORDER BY position, id")
                .bind(0, tenantId)
                .map(row -> new QuickReply(
                        row.get("id", Long.class),
                        row.get("label", String.class),
                        row.get("body", String.class),
                        row.get("position", Integer.class)))
                .all();
    }

    public Mono<QuickReply> find(String tenantId, long id) {
        return all(tenantId).filter(reply -> reply.id() == id).next();
    }

    /** Adds one at the end; its id. */
    public Mono<Long> add(String tenantId, String label, String body) {
        return db.sql("""
                        INSERT INTO quick_reply (tenant_id, label, body, position)
                        VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM quick_reply WHERE tenant_id = $1))
                        RETURNING id""")
                .bind(0, tenantId)
                .bind(1, label)
                .bind(2, body)
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /** Whether it existed. */
    public Mono<Boolean> update(String tenantId, long id, String label, String body) {
        return db.sql(
                        "UPDATE quick_reply SET label = $3, body = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .bind(2, label)
                .bind(3, body)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    public Mono<Boolean> delete(String tenantId, long id) {
        return db.sql("DELETE FROM quick_reply WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Swaps it with its neighbour before ({@code up}) or after it; false when it is already at that end. */
    public Mono<Boolean> move(String tenantId, long id, boolean up) {
        return all(tenantId)
                .collectList()
                .flatMap(replies -> {
                    int at = -1;
                    for (int i = 0; i < replies.size(); i++) {
                        if (replies.get(i).id() == id) {
                            at = i;
                        }
                    }
                    int other = up ? at - 1 : at + 1;
                    if (at < 0 || other < 0 || other >= replies.size()) {
                        return Mono.just(false);
                    }
                    // Renumber the whole list in its new order: positions stay 1..n whatever they were before.
                    java.util.List<QuickReply> order = new java.util.ArrayList<>(replies);
                    java.util.Collections.swap(order, at, other);
                    return Flux.range(0, order.size())
                            .concatMap(
                                    i -> db.sql("UPDATE quick_reply SET position = $3 WHERE tenant_id = $1 AND id = $2")
                                            .bind(0, tenantId)
                                            .bind(1, order.get(i).id())
                                            .bind(2, i + 1)
                                            .then())
                            .then(Mono.just(true));
                })
                .as(transaction::transactional);
    }
}
