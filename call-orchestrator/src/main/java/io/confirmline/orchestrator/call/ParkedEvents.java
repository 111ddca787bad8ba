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
package io.confirmline.orchestrator.call;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.Topic;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroBinary;
import io.confirmline.kafka.DeadLetterHeaders;
import io.confirmline.orchestrator.inbound.InboundCalls;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Key presses and summaries for sessions not known yet. 8x8 can call back before the transaction that stored the
 * session has committed, or before its summary (carrying our attempt id) tells which attempt a session whose Send
 * Callflow answer never reached us belongs to; or the event is for a session this service never placed — a guest's
 * call-back's summary may also come before the call-back itself, and is then handed to {@link InboundCalls}. Parked
 * events are applied once their session appears. Those still unknown after {@code unknown-session-wait} go to the
 * topic's dead-letter topic with the reason, and are gone from here — but not while their tenant has an attempt
 * whose outcome is unknown (DIALING without a session): the event may be that attempt's, and waits until its summary
 * names it or the attempt is closed as lost.
 */
@Component
public class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    private final DatabaseClient db;
    private final CallProgress progress;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final String serviceName;
    private final OutcomeProperties properties;
    private final InboundCalls inbound;

    public ParkedEvents(
            DatabaseClient db,
            CallProgress progress,
            InboundCalls inbound,
            KafkaTemplate<String, SpecificRecord> kafka,
            OutcomeProperties properties,
            @Value("${spring.application.name}") String serviceName) {
        this.inbound = inbound;
        this.serviceName = serviceName;
        this.db = db;
        this.progress = progress;
        this.kafka = kafka;
        this.properties = properties;
    }

    public Mono<Void> park(String topic, String eventId, String tenantId, String sessionId, SpecificRecord event) {
        return db.sql("INSERT INTO parked_event (event_id, topic, tenant_id, session_id, payload) "
                        + "VALUES (:id, :topic, :tenant, :session, :payload) ON CONFLICT DO NOTHING")
                .bind("id", eventId)
                .bind("topic", topic)
                .bind("tenant", tenantId)
                .bind("session", sessionId)
                .bind("payload", ByteBuffer.wrap(AvroBinary.encode(event)))
                .then();
    }

    private record Parked(String eventId, String topic, String sessionId, ByteBuffer payload, boolean expired) {}

    /** Applies parked events whose session is known now and dead-letters expired ones; returns how many went. */
    public int retryOnce() {
        List<Parked> rows = db.sql("""
                        SELECT event_id, topic, session_id, payload, expired
                        FROM (SELECT p.*,
                                     p.parked_at < now() - make_interval(secs => :wait)
                                     AND NOT EXISTS (SELECT 1 FROM call c WHERE c.status = 'DIALING'
                                                       AND c.session_id IS NULL AND c.tenant_id = p.tenant_id) AS expired
                              FROM parked_event p) p
                        WHERE expired OR EXISTS (SELECT 1 FROM call_attempt a WHERE a.session_id = p.session_id)
                           OR EXISTS (SELECT 1 FROM inbound_call i WHERE i.session_id = p.session_id)
                        ORDER BY parked_at LIMIT 100""")
                .bind("wait", properties.unknownSessionWait().toMillis() / 1000.0)
                .map(row -> new Parked(
                        row.get("event_id", String.class),
                        row.get("topic", String.class),
                        row.get("session_id", String.class),
                        row.get("payload", ByteBuffer.class),
                        Boolean.TRUE.equals(row.get("expired", Boolean.class))))
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
        if (rows == null) {
            return 0;
        }
        for (Parked row : rows) {
            SpecificRecord event = decode(row);
            CallProgress.Applied applied = event instanceof CallActionReceived action
                    ? progress.keyPressed(action).block(Duration.ofSeconds(30))
                    : progress.sessionEnded((SessionSummaryReceived) event).block(Duration.ofSeconds(30));
            // A guest's call-back: its summary goes to the inbound calls; a call action for it means nothing here.
            boolean inboundSession = applied == CallProgress.Applied.UNKNOWN_SESSION
                    && Boolean.TRUE.equals(
                            event instanceof SessionSummaryReceived summary
                                    ? inbound.sessionEnded(summary).block(Duration.ofSeconds(30))
                                    : inbound.knows(row.sessionId()).block(Duration.ofSeconds(30)));
            if (applied == CallProgress.Applied.UNKNOWN_SESSION && !inboundSession) {
                if (!row.expired()) {
                    continue;
                }
                deadLetter(row, event);
            }
            db.sql("DELETE FROM parked_event WHERE event_id = :id")
                    .bind("id", row.eventId())
                    .then()
                    .block(Duration.ofSeconds(30));
        }
        return rows.size();
    }

    private void deadLetter(Parked row, SpecificRecord event) {
        String dlt = row.topic() + Topic.DEAD_LETTER_SUFFIX;
        String reason = "Unknown session " + row.sessionId() + ": no call of this service has it after waiting "
                + properties.unknownSessionWait();
        ProducerRecord<String, SpecificRecord> record =
                new ProducerRecord<>(dlt, null, row.sessionId(), event, DeadLetterHeaders.of(reason, serviceName));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not dead-letter event " + row.eventId() + ": " + e, e);
        }
        log.warn("Event {} dead-lettered to {}: {}", row.eventId(), dlt, reason);
    }

    private static SpecificRecord decode(Parked row) {
        Class<? extends SpecificRecord> type = Topics.CALL_ACTIONS.name().equals(row.topic())
                ? CallActionReceived.class
                : SessionSummaryReceived.class;
        return AvroBinary.decode(type, row.payload());
    }
}
