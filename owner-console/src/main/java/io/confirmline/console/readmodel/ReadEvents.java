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
                .bind(0, eventId).bind(1, topic)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }
}
