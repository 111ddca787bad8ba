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
package io.confirmline.notifier.guest;

import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.Topics;
import io.confirmline.kafka.InvalidEventException;
import io.confirmline.kafka.TraceParents;
import io.confirmline.notifier.delivery.DeliveryAttempts;
import io.confirmline.notifier.delivery.DeliveryStore;
import io.confirmline.notifier.delivery.DeliveryStore.NewDelivery;
import io.confirmline.notifier.delivery.DeliveryWorker;
import io.confirmline.notifier.delivery.RetrySchedule;
import io.confirmline.notifier.intake.UndecodableRecord;
import io.confirmline.tenant.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Turns the guest facts on {@code conversations.v1} into deliveries, exactly as the status intake turns status
 * changes into them: a poll's worth in one transaction, each row created with its eventId (a redelivered event
 * creates nothing), offsets committed afterwards. The delivery's subject is the conversation key
 * ({@code <tenantId>:<phone>}), so one guest's facts reach the platform in the order they happened, and the
 * worker signs and retries them like any status webhook.
 *
 * <p>Events the platform does not hear (the messages, a fact it sent itself) are passed over. A record that cannot
 * become a delivery goes to the dead-letter topic with the reason: undecodable, a type added to the schema after
 * this build (read as UNKNOWN, it may be one the platform should hear: replay it after an upgrade), no phone, or a
 * tenant the directory does not have.
 */
@Component
public class GuestFactIntake {

    private final DeliveryStore store;
    private final TenantDirectory tenants;
    private final RetrySchedule schedule;
    private final DeliveryWorker worker;
    private final Clock clock;

    GuestFactIntake(
            DeliveryStore store, TenantDirectory tenants, RetrySchedule schedule, DeliveryWorker worker, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.schedule = schedule;
        this.worker = worker;
        this.clock = clock;
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).CONVERSATIONS.name()}", batch = "true")
    public void onConversationEvents(List<ConsumerRecord<String, ConversationEvent>> records) {
        List<NewDelivery> accepted = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, ConversationEvent> record = records.get(index);
            RuntimeException problem = UndecodableRecord.problem(record);
            if (problem == null && record.value().getType() == ConversationEventType.UNKNOWN) {
                problem = new InvalidEventException("A conversation event type this notifier does not know (read as"
                        + " UNKNOWN): upgrade the notifier, then replay the dead letter");
            }
            Optional<String> type = problem == null ? GuestFactWebhooks.typeOf(record.value()) : Optional.empty();
            if (problem == null && type.isPresent()) {
                problem = deliverable(record.value());
            }
            if (problem != null) {
                store(accepted);
                throw new BatchListenerFailedException(problem.getMessage(), problem, index);
            }
            type.ifPresent(t -> accepted.add(delivery(t, record.value(), TraceParents.from(record.headers()))));
        }
        store(accepted);
    }

    /** Why a fact the platform should hear cannot be delivered (never naming the phone); null when it can. */
    private RuntimeException deliverable(ConversationEvent event) {
        if (event.getPhone() == null || event.getPhone().isBlank()) {
            return new InvalidEventException("A " + event.getType() + " guest fact without a phone");
        }
        // A disabled tenant is known: its platform still hears its guests' facts.
        if (tenants.isCaughtUp() && tenants.byId(event.getTenantId()).isEmpty()) {
            return new InvalidEventException(
                    DeliveryAttempts.TENANT_UNKNOWN + ": " + event.getTenantId() + " is not in the tenant directory");
        }
        return null;
    }

    private NewDelivery delivery(String type, ConversationEvent event, String traceParent) {
        GuestFactWebhookBody body = GuestFactWebhookBody.of(type, event);
        return new NewDelivery(
                event.getEventId(),
                Topics.CONVERSATIONS.name(),
                event.getTenantId(),
                Topics.conversationKey(event.getTenantId(), event.getPhone()),
                body.type(),
                body.json(),
                event.getOccurredAt(),
                schedule.first(clock.instant()),
                traceParent,
                true,
                event.getReservationId());
    }

    private void store(List<NewDelivery> deliveries) {
        Long created = store.createAll(deliveries).block(Duration.ofSeconds(60));
        if (created != null && created > 0) {
            worker.wake();
        }
        deliveries.clear();
    }
}
