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
package io.confirmline.orchestrator.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Deletes what is kept only for a while — sent outbox rows, processed eventIds, old texts and call-backs — one bounded batch per table per
 * round, oldest first, and counts what went ({@code confirmline_orchestrator_retention_removed_total{table}}).
 * Parked events need no retention: each is applied or dead-lettered, and deleted, once its wait is over.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** One table's rule: the statement deleting one batch older than {@code :age} seconds. */
    private record Rule(String table, Duration age, String deleteBatch) {}

    private final DatabaseClient db;
    private final MeterRegistry meters;
    private final int batchSize;
    private final List<Rule> rules;

    public Retention(DatabaseClient db, MeterRegistry meters, RetentionProperties properties) {
        this.db = db;
        this.meters = meters;
        this.batchSize = properties.batchSize();
        this.rules = List.of(
                new Rule("outbox", properties.sentOutbox(), """
                        DELETE FROM outbox WHERE id IN (
                            SELECT id FROM outbox
                            WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => :age)
                            ORDER BY sent_at LIMIT :batch)"""),
                new Rule("processed_event", properties.processedEvents(), """
                        DELETE FROM processed_event WHERE event_id IN (
                            SELECT event_id FROM processed_event
                            WHERE processed_at < now() - make_interval(secs => :age)
                            ORDER BY processed_at LIMIT :batch)"""),
                // Texts still waiting to go out are never deleted, however old.
                new Rule("text_message", properties.texts(), """
                        DELETE FROM text_message WHERE id IN (
                            SELECT id FROM text_message
                            WHERE state <> 'PENDING' AND updated_at < now() - make_interval(secs => :age)
                            ORDER BY updated_at LIMIT :batch)"""),
                // An owner action's Idempotency-Key is remembered as long as an eventId is.
                new Rule("owner_action", properties.processedEvents(), """
                        DELETE FROM owner_action WHERE (tenant_id, idempotency_key) IN (
                            SELECT tenant_id, idempotency_key FROM owner_action
                            WHERE created_at < now() - make_interval(secs => :age)
                            ORDER BY created_at LIMIT :batch)"""),
                // Guests' call-backs (the caller's number) go with the texts of the same conversations.
                new Rule("inbound_call", properties.texts(), """
                        DELETE FROM inbound_call WHERE session_id IN (
                            SELECT session_id FROM inbound_call
                            WHERE received_at < now() - make_interval(secs => :age)
                            ORDER BY received_at LIMIT :batch)"""));
        rules.forEach(rule -> meters.counter("confirmline_orchestrator_retention_removed", "table", rule.table()));
    }

    /** Deletes at most one batch per table; returns how many rows went in all (0: nothing is due). */
    public int pruneOnce() {
        int removed = 0;
        for (Rule rule : rules) {
            Long deleted = db.sql(rule.deleteBatch())
                    .bind("age", (double) rule.age().toSeconds())
                    .bind("batch", batchSize)
                    .fetch()
                    .rowsUpdated()
                    .block(Duration.ofSeconds(60));
            int n = deleted == null ? 0 : deleted.intValue();
            if (n > 0) {
                meters.counter("confirmline_orchestrator_retention_removed", "table", rule.table())
                        .increment(n);
                log.debug("Retention removed {} rows from {}", n, rule.table());
            }
            removed += n;
        }
        return removed;
    }
}
