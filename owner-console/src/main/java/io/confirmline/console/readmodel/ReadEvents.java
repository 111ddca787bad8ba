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
package io.confirmline.console.readmodel;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The events the read model has applied ({@code read_event}): a redelivered record changes nothing. */
@Component
class ReadEvents {

    private final DatabaseClient db;

    ReadEvents(DatabaseClient db) {
        this.db = db;
    }

    /** True the first time an event is seen (inside the transaction that applies it), false ever after. */
    Mono<Boolean> claim(String eventId, String topic) {
        return db.sql("INSERT INTO read_event (event_id, topic) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(0, eventId)
                .bind(1, topic)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }
}
