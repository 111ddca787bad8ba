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

import io.confirmline.events.CallSessionSummary;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.CallSummaryLeg;
import io.confirmline.events.Channel;
import io.confirmline.events.SubjectType;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body the platform receives for a status change: {@code {type, timestamp, data}}, as Standard Webhooks
 * suggests. {@code type} is {@code <subject>.<status>}: {@code reservation.confirmed},
 * {@code reservation.cancelled} (the guest pressed 0), {@code reservation.texted} (the fallback text went out),
 * {@code appointment.unreachable}, {@code voice_message.delivered}... with {@code data.channel} saying how the guest
 * was reached or answered — and {@code call.completed} for the change that carries a finished call
 * session's summary ({@code callSummary}), with that summary under {@code data.summary}.
 */
public record StatusWebhookBody(String type, String json) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static StatusWebhookBody of(CallStatusChanged change) {
        String type = change.getCallSummary() != null
                ? "call.completed"
                : subject(change.getSubjectType()) + "." + status(change.getStatus());
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        body.put("timestamp", change.getOccurredAt().toString());
        ObjectNode data = body.putObject("data");
        data.put("eventId", change.getEventId());
        data.put("tenantId", change.getTenantId());
        data.put("subjectType", change.getSubjectType().name());
        data.put(
                change.getSubjectType() == SubjectType.VOICE_MESSAGE ? "messageId" : "reservationId",
                change.getSubjectId());
        data.put("callId", change.getCallId());
        data.put("attempt", change.getAttempt());
        data.put(
                "previousStatus",
                change.getPreviousStatus() == null
                        ? null
                        : change.getPreviousStatus().name());
        data.put("status", change.getStatus().name());
        // How the guest was reached or answered: VOICE, SMS (the fallback text or a reply to it), INBOUND_CALL or
        // CONSOLE. A channel added to the schema after this build reads as UNKNOWN and is sent as such: the status
        // is what the platform acts on, and it must not wait in a dead letter for a detail.
        data.put(
                "channel",
                change.getChannel() == null
                        ? Channel.VOICE.name()
                        : change.getChannel().name());
        data.put("reason", change.getReason());
        data.put("digits", change.getDigits());
        data.put("sessionId", change.getSessionId());
        data.put("scheduledFor", text(change.getScheduledFor()));
        data.put("dialedAt", text(change.getDialedAt()));
        data.put("connectedAt", text(change.getConnectedAt()));
        data.put("endedAt", text(change.getEndedAt()));
        data.put("durationSeconds", change.getDurationSeconds());
        data.put("providerStatus", change.getProviderStatus());
        data.put("providerErrorCode", change.getProviderErrorCode());
        if (change.getCallSummary() != null) {
            summary(data.putObject("summary"), change.getCallSummary());
        }
        return new StatusWebhookBody(type, JSON.writeValueAsString(body));
    }

    static String subject(SubjectType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    static String status(CallStatus status) {
        return status == CallStatus.CANCELLED_BY_GUEST
                ? "cancelled"
                : status.name().toLowerCase(Locale.ROOT);
    }

    private static void summary(ObjectNode node, CallSessionSummary summary) {
        node.put("sessionId", summary.getSessionId());
        node.put("attemptId", summary.getAttemptId());
        node.put("providerStatus", summary.getProviderStatus());
        node.put("errorCode", summary.getErrorCode());
        node.put("errorMessage", summary.getErrorMessage());
        node.put("startedAt", text(summary.getStartedAt()));
        node.put("endedAt", text(summary.getEndedAt()));
        node.put("durationSeconds", summary.getDurationSeconds());
        ArrayNode legs = node.putArray("legs");
        for (CallSummaryLeg leg : summary.getLegs()) {
            ObjectNode l = legs.addObject();
            l.put("name", leg.getName());
            l.put("callId", leg.getCallId());
            l.put("direction", leg.getDirection());
            l.put("callStatus", leg.getCallStatus());
            l.put("initiatedAt", text(leg.getInitiatedAt()));
            l.put("connectedAt", text(leg.getConnectedAt()));
            l.put("disconnectedAt", text(leg.getDisconnectedAt()));
            l.put("durationSeconds", leg.getDurationSeconds());
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
