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
package io.confirmline.notifier.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Deletes finished rows older than their retention, one bounded batch per table per round: succeeded and
 * dead-lettered deliveries (their attempts go with them) and remembered eventIds. Several instances may sweep at
 * once: rows another sweep holds are skipped.
 */
@Component
public class Retention {

    private static final String DELETE_DELIVERIES = """
            DELETE FROM delivery WHERE id IN (
                SELECT id FROM delivery WHERE status = :status AND %s < :cutoff
                LIMIT :batch FOR UPDATE SKIP LOCKED)""";

    private final DatabaseClient db;
    private final RetentionProperties properties;
    private final Clock clock;
    private final Counter deliveries;
    private final Counter processedEvents;

    public Retention(DatabaseClient db, RetentionProperties properties, Clock clock, MeterRegistry meters) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
        this.deliveries = deleted(meters, "delivery");
        this.processedEvents = deleted(meters, "processed_event");
    }

    private static Counter deleted(MeterRegistry meters, String table) {
        return Counter.builder("confirmline.notifier.retention.removed")
                .description("Rows deleted because their retention ran out, per table")
                .tag("table", table)
                .register(meters);
    }

    /** One round: at most one batch from each table. Returns how many rows went; 0 when nothing was due. */
    public int pruneOnce() {
        long succeeded = deleteDeliveries("SUCCEEDED", "delivered_at", properties.succeededDeliveries());
        long dead = deleteDeliveries("DEAD", "dead_at", properties.deadDeliveries());
        deliveries.increment((double) (succeeded + dead));
        long events = delete("""
                DELETE FROM processed_event WHERE event_id IN (
                    SELECT event_id FROM processed_event WHERE processed_at < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", null, properties.processedEvents());
        processedEvents.increment((double) events);
        return (int) (succeeded + dead + events);
    }

    private long deleteDeliveries(String status, String finishedAt, Duration age) {
        return delete(DELETE_DELIVERIES.formatted(finishedAt), status, age);
    }

    private long delete(String sql, String status, Duration age) {
        OffsetDateTime cutoff = clock.instant().minus(age).atOffset(ZoneOffset.UTC);
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(sql).bind("cutoff", cutoff).bind("batch", properties.batchSize());
        if (status != null) {
            spec = spec.bind("status", status);
        }
        Long rows = spec.fetch().rowsUpdated().block(Duration.ofMinutes(1));
        return rows == null ? 0 : rows;
    }
}
