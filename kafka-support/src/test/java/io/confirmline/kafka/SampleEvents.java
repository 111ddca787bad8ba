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
package io.confirmline.kafka;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallActionReceived;
import io.confirmline.events.CallLeg;
import io.confirmline.events.CallPurpose;
import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.SessionStatus;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.SubjectType;
import io.confirmline.events.VoiceMessagePurpose;
import io.confirmline.events.VoiceMessageRequested;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One fully populated event of each type, every optional field set, so a round trip checks every field. */
final class SampleEvents {

    static final Instant T = Instant.parse("2026-11-21T19:30:00.123Z");

    private SampleEvents() {}

    static ReservationEvent reservation() {
        return ReservationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setReservationId("r-4821")
                .setVersion(7)
                .setType(ReservationEventType.UPDATED)
                .setKind(BookingKind.APPOINTMENT)
                .setStartsAt(T.plusSeconds(7200))
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana María")
                .setGuestPhone("+34600111222")
                .setGuestLocale("es-ES")
                .setVenueName("Luigi's")
                .setPartySize(4)
                .setServiceName("Tasting menu")
                .build();
    }

    static VoiceMessageRequested voiceMessage() {
        return VoiceMessageRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setMessageId("m-1")
                .setPhone("+6591234567")
                .setLocale("en-SG")
                .setText("Your code is 4 8 2 1")
                .setRepetitions(5)
                .setPurpose(VoiceMessagePurpose.OTP)
                .setValidUntil(T.plusSeconds(300))
                .build();
    }

    static CallActionReceived callAction() {
        return CallActionReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setSessionId("a4fad4b3-b388-12ee-b217-2fb8260fcf59")
                .setSubAccountId("luigis_sub")
                .setCallId("627e25f1-133a")
                .setDigits("1")
                .setCallStatus("ACTION_COMPLETED")
                .setClientActionId("ivr1_level1")
                .setSipCode(200)
                .setCallDurationSeconds(14)
                .setReceivedAt(T.plusMillis(40))
                .build();
    }

    static SessionSummaryReceived sessionSummary() {
        CallLeg leg = CallLeg.newBuilder()
                .setName("calla")
                .setCallId("1f048a83")
                .setDirection("OUTBOUND")
                .setCallType("PSTN")
                .setSource("+12314377870")
                .setDestination("+6568332048")
                .setCallStatus("COMPLETED")
                .setInitiatedAt(T)
                .setConnectedAt(T.plusSeconds(9))
                .setDisconnectedAt(T.plusSeconds(22))
                .setDurationSeconds(13)
                .build();
        return SessionSummaryReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setSessionId("1f048a84-ea6d-11ee-911b-078f7290bf52")
                .setSubAccountId("8x8_test")
                .setSessionStatus(SessionStatus.ERROR)
                .setRawSessionStatus("ERROR")
                .setStartTime(T)
                .setEndTime(T.plusSeconds(22))
                .setLastAction("SAY_AND_CAPTURE")
                .setCallCount(1)
                .setClientRequestId("att-1")
                .setClientBatchId("batch-1")
                .setErrorCode(-2004)
                .setErrorMessage("No coverage available for requested area")
                .setLegs(List.of(leg))
                .build();
    }

    static CallSessionOpened sessionOpened() {
        return CallSessionOpened.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setSessionId("s-1")
                .setCallId("c-1")
                .setAttemptId("att-1")
                .setPurpose(CallPurpose.CONFIRMATION)
                .setLocale("es-ES")
                .setVoiceProfile("es-ES-ElviraNeural")
                .setDigitReplies(Map.of("1", "{\"callflow\":[{\"action\":\"hangup\"}]}", "0", "{\"callflow\":[]}"))
                .setInvalidInputReply("{\"callflow\":[{\"action\":\"sayAndCapture\"}]}")
                .setNoInputReply("{\"callflow\":[{\"action\":\"sayAndCapture\"}]}")
                .setFinalReply("{\"callflow\":[{\"action\":\"hangup\"}]}")
                .setMaxReprompts(2)
                .setExpiresAt(T.plusSeconds(3600))
                .build();
    }

    static CallStatusChanged statusChanged() {
        return CallStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setSubjectType(SubjectType.RESERVATION)
                .setSubjectId("r-4821")
                .setCallId("c-1")
                .setAttempt(2)
                .setPreviousStatus(CallStatus.IN_PROGRESS)
                .setStatus(CallStatus.CONFIRMED)
                .setReason("guest pressed 1")
                .setDigits("1")
                .setSessionId("s-1")
                .setScheduledFor(T.minusSeconds(60))
                .setDialedAt(T)
                .setConnectedAt(T.plusSeconds(8))
                .setEndedAt(T.plusSeconds(30))
                .setDurationSeconds(22)
                .setProviderStatus("COMPLETED")
                .setProviderErrorCode(0)
                .build();
    }

    static io.confirmline.events.GuestDataErased guestDataErased() {
        return io.confirmline.events.GuestDataErased.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setErasureId(UUID.randomUUID().toString())
                .setSubjectIds(List.of("r-4821", "m-77"))
                .build();
    }

    /** A tenant as the console publishes it, secrets sealed under the demo key. */
    static io.confirmline.events.TenantConfigured tenantConfigured() {
        io.confirmline.tenant.TenantSettings settings = io.confirmline.tenant.testing.TenantSamples.luigis();
        return io.confirmline.tenant.TenantRecords.toEvent(
                settings,
                io.confirmline.tenant.TenantRecords.secretsOf(settings),
                7,
                T,
                io.confirmline.tenant.SecretsCipher.from(new io.confirmline.tenant.SecretsProperties("", List.of())));
    }

    static io.confirmline.events.SmsReceived smsReceived() {
        return io.confirmline.events.SmsReceived.newBuilder()
                .setEventId("9e09ac86-bd74-5465-851d-1eb5a5fdbb9a")
                .setUmid("9e09ac86-bd74-5465-851d-1eb5a5fdbb9a")
                .setTenantId("luigis")
                .setSubAccountId("luigis_sms")
                .setFrom("+34600111222")
                .setTo("+34910000051")
                .setBody("Sí, allí estaremos 👍")
                .setEncoding("UCS2")
                .setSmsCount(1)
                .setSentAt(T)
                .setReceivedAt(T.plusMillis(40))
                .build();
    }

    static io.confirmline.events.SmsStatusReceived smsStatus() {
        return io.confirmline.events.SmsStatusReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setUmid("bda3d56d-1424-e711-813c-06ed3428fe67")
                .setClientMessageId(UUID.randomUUID().toString())
                .setTenantId("luigis")
                .setSubAccountId("luigis_sms")
                .setState("undelivered")
                .setDetail("undelivered_to_recipient")
                .setErrorCode(15)
                .setErrorMessage("Invalid destination")
                .setStatusAt(T)
                .setPriceTotal(0.0375)
                .setPricePerSms(0.0125)
                .setCurrency("USD")
                .setSmsCount(3)
                .setReceivedAt(T.plusMillis(20))
                .build();
    }

    static io.confirmline.events.ConversationEvent conversation() {
        return io.confirmline.events.ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setPhone("+34600111222")
                .setType(io.confirmline.events.ConversationEventType.MESSAGE_RECEIVED)
                .setMessage(io.confirmline.events.ConversationMessage.newBuilder()
                        .setMessageId(UUID.randomUUID().toString())
                        .setDirection(io.confirmline.events.MessageDirection.INBOUND)
                        .setAuthor(io.confirmline.events.MessageAuthor.GUEST)
                        .setBody("can we make it 8:30?")
                        .setDelivery(io.confirmline.events.DeliveryState.RECEIVED)
                        .setReservationId("r-4821")
                        .setInterpretation("UNCLEAR")
                        .setNeedsAttention(true)
                        .setUmid("u-1")
                        .build())
                .setReservationId("r-4821")
                .build();
    }

    static io.confirmline.events.BookingSnapshot bookingSnapshot() {
        return io.confirmline.events.BookingSnapshot.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setReservationId("r-4821")
                .setVersion(3)
                .setKind("RESERVATION")
                .setCancelled(false)
                .setStartsAt(T.plusSeconds(3600))
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana")
                .setGuestPhone("+34600111222")
                .setGuestLocale("es-ES")
                .setVenueName("Luigi's")
                .setPartySize(4)
                .setCallId("c-1")
                .setStatus("TEXTED")
                .setChannel("SMS")
                .setAttempt(2)
                .setReason("Nobody answered; texted the guest, awaiting a reply")
                .build();
    }

    static io.confirmline.events.InboundCallEvent inboundCall() {
        return io.confirmline.events.InboundCallEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(T)
                .setTenantId("luigis")
                .setSessionId("s-in-1")
                .setType(io.confirmline.events.InboundCallEventType.DIGITS)
                .setCaller("+34600111222")
                .setVirtualNumber("+34910000050")
                .setReservationId("r-4821")
                .setBookingVersion(3L)
                .setDigits("1")
                .setSubAccountId("luigis_voice")
                .build();
    }
}
