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
package io.confirmline.orchestrator.outbox;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.GuestDataErased;
import io.confirmline.events.Topics;
import io.confirmline.outbox.OutboxRelay;
import io.confirmline.outbox.OutboxSettings;
import io.micrometer.tracing.Tracer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

/** The shared outbox relay on the orchestrator's {@code outbox} table and the topics {@link Outbox} writes to. */
@Configuration
public class OutboxConfiguration {

    /** "outbox": serialises claims across orchestrator instances. */
    public static final OutboxSettings SETTINGS = new OutboxSettings(
            "outbox",
            0x6f7574626f78L,
            "outbox rows",
            Map.of(
                    Topics.SESSIONS.name(), CallSessionOpened.class,
                    Topics.CALL_STATUS.name(), CallStatusChanged.class,
                    Topics.GUEST_ERASURES.name(), GuestDataErased.class,
                    Topics.CONVERSATIONS.name(), ConversationEvent.class,
                    Topics.BOOKINGS.name(), BookingSnapshot.class));

    @Bean
    OutboxRelay outboxRelay(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            KafkaTemplate<String, SpecificRecord> kafka,
            ObjectProvider<Tracer> tracer) {
        return new OutboxRelay(db, transactions, kafka, tracer.getIfAvailable(), SETTINGS);
    }
}
