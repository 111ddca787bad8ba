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
package io.confirmline.orchestrator.idempotency;

import io.confirmline.events.Topic;
import io.confirmline.kafka.InvalidEventException;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The events this service has applied, by eventId ({@code processed_event}, kept for the retention's
 * {@code processed-events} age): a record delivered again — after a crash, a rebalance, or offsets committed once a
 * second — is claimed once, in the transaction that applies it, and is dropped the second time.
 */
@Component
public class ProcessedEvents {

    private final DatabaseClient db;

    public ProcessedEvents(DatabaseClient db) {
        this.db = db;
    }

    /** Records the event as applied; true the first time, false when it was applied before. */
    public Mono<Boolean> claim(String eventId, Topic<?> topic) {
        return db.sql("INSERT INTO processed_event (event_id, topic) VALUES (:id, :topic) ON CONFLICT DO NOTHING")
                .bind("id", eventId)
                .bind("topic", topic.name())
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /**
     * What to do with an event that failed validation: completes empty when it was applied before, else fails with
     * an {@link InvalidEventException} naming the problems (to the dead-letter topic). An event checked against the
     * clock (a booking's start, a message's validity) can fail that check only on its second delivery: the first
     * one's work is done and stays done, and the repeat is dropped rather than dead-lettered.
     */
    public Mono<Void> rejectUnlessApplied(String eventId, List<String> problems) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM processed_event WHERE event_id = :id) AS applied")
                .bind("id", eventId)
                .map(row -> Boolean.TRUE.equals(row.get("applied", Boolean.class)))
                .one()
                .flatMap(applied -> applied
                        ? Mono.<Void>empty()
                        : Mono.error(new InvalidEventException(String.join("; ", problems))));
    }
}
