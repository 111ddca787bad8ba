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

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

    /**
     * Claims a poll's events in one statement (inside the transaction that applies them) and returns the ids claimed
     * now — each once, even when the poll carries it twice, so the caller applies each at its first place only. An id
     * seen in an earlier transaction is not among them.
     *
     * @param eventIds the events' ids, in the poll's order
     * @param topics each event's topic, at the same index
     */
    Mono<Set<String>> claimAll(List<String> eventIds, List<String> topics) {
        return db.sql(
                        "INSERT INTO read_event (event_id, topic) SELECT e, t FROM unnest($1::text[], $2::text[]) AS i(e, t) "
                                + "ON CONFLICT DO NOTHING RETURNING event_id")
                .bind(0, eventIds.toArray(String[]::new))
                .bind(1, topics.toArray(String[]::new))
                .map(row -> row.get("event_id", String.class))
                .all()
                .collect(Collectors.toCollection(HashSet::new));
    }
}
