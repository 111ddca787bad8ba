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

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Channel;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.ConversationMessage;
import io.confirmline.events.DeliveryState;
import io.confirmline.events.GuestRequest;
import io.confirmline.events.MessageAuthor;
import io.confirmline.events.MessageDirection;
import io.confirmline.events.SubjectType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The events the read model's tests publish, as the orchestrator writes them. */
public final class ReadModelEvents {

    private ReadModelEvents() {}

    public static BookingSnapshot snapshot(
            String tenantId, String reservationId, long version, String status, Instant startsAt) {
        return BookingSnapshot.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(tenantId)
                .setReservationId(reservationId)
                .setVersion(version)
                .setKind("RESERVATION")
                .setCancelled(false)
                .setStartsAt(startsAt.truncatedTo(ChronoUnit.MILLIS))
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana María")
                .setGuestPhone("+34600111222")
                .setGuestLocale("es-ES")
                .setVenueName("Alpha Bistro")
                .setPartySize(4)
                .setCallId(null)
                .setStatus(status)
                .setChannel("VOICE")
                .setAttempt(1)
                .setReason(null)
                .build();
    }

    public static CallStatusChanged status(String tenantId, String reservationId, CallStatus status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return CallStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setTenantId(tenantId)
                .setSubjectType(SubjectType.RESERVATION)
                .setSubjectId(reservationId)
                .setCallId(UUID.randomUUID().toString())
                .setAttempt(1)
                .setPreviousStatus(CallStatus.DIALING)
                .setStatus(status)
                .setChannel(Channel.VOICE)
                .setReason("guest pressed 1")
                .setDigits("1")
                .setDialedAt(now.minusSeconds(30))
                .setConnectedAt(now.minusSeconds(22))
                .setEndedAt(now)
                .setDurationSeconds(22)
                .setProviderStatus("COMPLETED")
                .setProviderErrorCode(0)
                .build();
    }

    public static ConversationEvent received(String tenantId, String phone, String body) {
        return message(
                tenantId,
                phone,
                ConversationEventType.MESSAGE_RECEIVED,
                UUID.randomUUID().toString(),
                MessageDirection.INBOUND,
                MessageAuthor.GUEST,
                body,
                DeliveryState.RECEIVED);
    }

    public static ConversationEvent message(
            String tenantId,
            String phone,
            ConversationEventType type,
            String messageId,
            MessageDirection direction,
            MessageAuthor author,
            String body,
            DeliveryState delivery) {
        return ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(tenantId)
                .setPhone(phone)
                .setType(type)
                .setMessage(ConversationMessage.newBuilder()
                        .setMessageId(messageId)
                        .setDirection(direction)
                        .setAuthor(author)
                        .setBody(body)
                        .setDelivery(delivery)
                        .setNeedsAttention(false)
                        .build())
                .build();
    }

    public static ConversationEvent fact(String tenantId, String phone, ConversationEventType type) {
        return ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(tenantId)
                .setPhone(phone)
                .setType(type)
                .setSource("GUEST")
                .setReason("STOP")
                .build();
    }

    /** A guest's change or booking request, as the orchestrator writes it once it has read one from their words. */
    public static ConversationEvent ask(
            String tenantId,
            String phone,
            ConversationEventType type,
            String wantedDate,
            String wantedTime,
            Integer partySize,
            String words) {
        return ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(tenantId)
                .setPhone(phone)
                .setType(type)
                .setRequest(GuestRequest.newBuilder()
                        .setWantedDate(wantedDate)
                        .setWantedTime(wantedTime)
                        .setPartySize(partySize)
                        .setWords(words)
                        .setReadBy("ASSISTANT")
                        .build())
                .build();
    }
}
