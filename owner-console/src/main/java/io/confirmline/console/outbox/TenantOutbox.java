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
package io.confirmline.console.outbox;

import io.confirmline.events.TenantConfigured;
import io.confirmline.kafka.AvroBinary;
import io.confirmline.outbox.OutboxRelay;
import io.confirmline.tenant.TenantDirectoryProperties;
import java.nio.ByteBuffer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes a tenant's record for {@code tenants.v1} into the outbox, inside the caller's transaction, so the change
 * and its announcement commit together; the shared {@link io.confirmline.outbox.OutboxRelay} publishes it.
 */
@Component
public class TenantOutbox {

    private final DatabaseClient db;
    private final String topic;
    private final OutboxRelay relay;

    public TenantOutbox(DatabaseClient db, TenantDirectoryProperties directory, OutboxRelay relay) {
        this.db = db;
        this.topic = directory.topic();
        this.relay = relay;
    }

    /** The tenant's new state; returns the outbox row's id. */
    public Mono<Long> add(TenantConfigured event) {
        return db.sql("INSERT INTO outbox (topic, message_key, payload) VALUES (:topic, :key, :payload) RETURNING id")
                .bind("topic", topic)
                .bind("key", event.getTenantId())
                .bind("payload", ByteBuffer.wrap(AvroBinary.encode(event)))
                .map(row -> row.get("id", Long.class))
                .one()
                .flatMap(id -> relay.wakeAfterCommit().thenReturn(id));
    }

    /** The tenant is gone: a tombstone, so compaction forgets it and every service drops it. */
    public Mono<Long> tombstone(String tenantId) {
        return db.sql("INSERT INTO outbox (topic, message_key, payload) VALUES (:topic, :key, NULL) RETURNING id")
                .bind("topic", topic)
                .bind("key", tenantId)
                .map(row -> row.get("id", Long.class))
                .one()
                .flatMap(id -> relay.wakeAfterCommit().thenReturn(id));
    }

    /** Whether the row has been published (acknowledged by the broker). */
    public Mono<Boolean> published(long id) {
        return db.sql("SELECT sent_at IS NOT NULL AS published FROM outbox WHERE id = :id")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("published", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }
}
