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
package io.confirmline.notifier.erasure;

import io.confirmline.events.GuestDataErased;
import io.confirmline.kafka.InvalidEventException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the orchestrator's erasures ({@code guests.erasures.v1}): the notifier never reads the orchestrator's
 * tables, so this is how it learns which bookings and messages were an erased guest's. Idempotent on eventId, as
 * the status intake is; the offset is committed only after the transaction.
 */
@Component
public class GuestErasureIntake {

    private static final Logger log = LoggerFactory.getLogger(GuestErasureIntake.class);

    private final ErasedDeliveries deliveries;

    GuestErasureIntake(ErasedDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).GUEST_ERASURES.name()}")
    public void onErasure(ConsumerRecord<String, GuestDataErased> record) {
        GuestDataErased erased = record.value();
        if (erased == null) {
            throw new InvalidEventException("Undecodable record: no value");
        }
        Long deleted = deliveries.forget(erased).block(Duration.ofSeconds(30));
        if (deleted != null) {
            // The erasure's id, never anything about the guest.
            log.info(
                    "Erasure {} for tenant {}: {} delivery(ies) of {} subject(s) deleted, or their phone blanked",
                    erased.getErasureId(),
                    erased.getTenantId(),
                    deleted,
                    erased.getSubjectIds().size());
        }
    }
}
