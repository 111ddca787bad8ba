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
package io.confirmline.orchestrator.conversation;

import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.ConversationMessage;
import io.confirmline.events.GuestRequest;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.outbox.Outbox;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes the guest-level stream, {@code conversations.v1} (design.md §10.2), into the outbox — inside the caller's
 * transaction, so a message is announced exactly when it is stored.
 */
@Component
public class ConversationEvents {

    private final Outbox outbox;
    private final Clock clock;

    public ConversationEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A message in or out ({@code MESSAGE_RECEIVED}, {@code MESSAGE_SENT}, {@code MESSAGE_STATUS}). */
    public Mono<Void> message(ConversationEventType type, String tenantId, String phone, ConversationMessage message) {
        return add(base(type, tenantId, phone)
                .setMessage(message)
                .setReservationId(message.getReservationId())
                .build());
    }

    /** A guest fact or a take-over, with where it came from and why. */
    public Mono<Void> fact(
            ConversationEventType type,
            String tenantId,
            String phone,
            String reservationId,
            String source,
            String reason) {
        return add(base(type, tenantId, phone)
                .setReservationId(reservationId)
                .setSource(source)
                .setReason(reason)
                .build());
    }

    /**
     * A guest's request the platform decides on (CHANGE_REQUESTED, BOOKING_REQUESTED; issue #17): delivered to it as
     * {@code reservation.change_requested} or {@code reservation.requested}.
     */
    public Mono<Void> request(
            ConversationEventType type,
            String tenantId,
            String phone,
            String reservationId,
            String source,
            String reason,
            GuestRequest request) {
        return add(base(type, tenantId, phone)
                .setReservationId(reservationId)
                .setSource(source)
                .setReason(reason)
                .setRequest(request)
                .build());
    }

    private ConversationEvent.Builder base(ConversationEventType type, String tenantId, String phone) {
        return ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setTenantId(tenantId)
                .setPhone(phone)
                .setType(type);
    }

    private Mono<Void> add(ConversationEvent event) {
        return outbox.add(
                Topics.CONVERSATIONS.name(), Topics.conversationKey(event.getTenantId(), event.getPhone()), event);
    }
}
