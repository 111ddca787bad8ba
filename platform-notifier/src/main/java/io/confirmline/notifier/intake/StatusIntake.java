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
package io.confirmline.notifier.intake;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.kafka.InvalidEventException;
import io.confirmline.notifier.delivery.DeliveryAttempts;
import io.confirmline.notifier.delivery.DeliveryStore;
import io.confirmline.notifier.delivery.DeliveryStore.NewDelivery;
import io.confirmline.notifier.delivery.DeliveryWorker;
import io.confirmline.notifier.delivery.RetrySchedule;
import io.confirmline.tenant.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Turns status changes into delivery rows, a poll's worth at a time in one transaction (one commit, not one per
 * record). Offsets are committed only after that transaction, so a crash between the two loses nothing, and the
 * eventId recorded with each row makes a redelivered record create nothing.
 *
 * <p>A record that cannot become a delivery (undecodable, for a tenant the tenant directory does not have, or with a
 * status or subject type added to the schema after this build) goes to the
 * dead-letter topic: the records before it are stored first, then the error handler is told which record it was
 * and carries on after it. Until the directory has caught up with {@code tenants.v1} (a broker slow at start), no
 * tenant is taken for unknown: the delivery is stored and waits for its tenant in the worker.
 */
@Component
public class StatusIntake {

    private final DeliveryStore store;
    private final TenantDirectory tenants;
    private final RetrySchedule schedule;
    private final DeliveryWorker worker;
    private final Clock clock;

    public StatusIntake(
            DeliveryStore store, TenantDirectory tenants, RetrySchedule schedule, DeliveryWorker worker, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.schedule = schedule;
        this.worker = worker;
        this.clock = clock;
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).CALL_STATUS.name()}", batch = "true")
    public void onStatusChanges(List<ConsumerRecord<String, CallStatusChanged>> records) {
        List<NewDelivery> accepted = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, CallStatusChanged> record = records.get(index);
            RuntimeException problem = problem(record);
            if (problem != null) {
                store(accepted);
                throw new BatchListenerFailedException(problem.getMessage(), problem, index);
            }
            accepted.add(delivery(record.value(), io.confirmline.kafka.TraceParents.from(record.headers())));
        }
        store(accepted);
    }

    private RuntimeException problem(ConsumerRecord<String, CallStatusChanged> record) {
        RuntimeException undecodable = UndecodableRecord.problem(record);
        if (undecodable != null) {
            return undecodable;
        }
        CallStatusChanged change = record.value();
        // UNKNOWN is how Avro reads a status or subject added to the schema after this build (design.md §10.2): the
        // platform cannot be told a status we cannot name, so it waits in the dead-letter topic for a replay.
        if (change.getStatus() == CallStatus.UNKNOWN || change.getSubjectType() == SubjectType.UNKNOWN) {
            return new InvalidEventException("A status or subject type this notifier does not know (read as UNKNOWN):"
                    + " upgrade the notifier, then replay the dead letter");
        }
        // A disabled tenant is known: its platform still hears how its calls ended.
        if (tenants.isCaughtUp() && tenants.byId(change.getTenantId()).isEmpty()) {
            return new InvalidEventException(
                    DeliveryAttempts.TENANT_UNKNOWN + ": " + change.getTenantId() + " is not in the tenant directory");
        }
        return null;
    }

    private NewDelivery delivery(CallStatusChanged change, String traceParent) {
        StatusWebhookBody body = StatusWebhookBody.of(change);
        return new NewDelivery(
                change.getEventId(),
                Topics.CALL_STATUS.name(),
                change.getTenantId(),
                change.getSubjectId(),
                body.type(),
                body.json(),
                change.getOccurredAt(),
                schedule.first(clock.instant()),
                traceParent);
    }

    private void store(List<NewDelivery> deliveries) {
        Long created = store.createAll(deliveries).block(Duration.ofSeconds(60));
        if (created != null && created > 0) {
            worker.wake();
        }
        deliveries.clear();
    }
}
