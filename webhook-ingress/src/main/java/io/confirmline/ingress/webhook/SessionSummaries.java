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
package io.confirmline.ingress.webhook;

import io.confirmline.events.CallLeg;
import io.confirmline.events.SessionStatus;
import io.confirmline.events.SessionSummaryReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Turns a VSS webhook into a {@link SessionSummaryReceived}. */
public final class SessionSummaries {

    private SessionSummaries() {}

    public static SessionSummaryReceived toEvent(EightByEightWebhook webhook, String tenantId, Instant receivedAt) {
        JsonNode payload = webhook.payload();
        String rawStatus = WebhookFields.text(payload, "sessionStatus");
        Instant end = WebhookFields.instant(payload, "endTime");
        JsonNode error = payload.get("errorDetails");
        Integer callCount = WebhookFields.integer(payload, "callCount");
        return SessionSummaryReceived.newBuilder()
                .setEventId(webhook.eventId("SESSION_SUMMARY"))
                .setOccurredAt(end == null ? receivedAt : end)
                .setTenantId(tenantId)
                .setSessionId(webhook.sessionId())
                .setSubAccountId(webhook.subAccountId())
                .setSessionStatus(status(rawStatus))
                .setRawSessionStatus(rawStatus == null ? "" : rawStatus)
                .setStartTime(WebhookFields.instant(payload, "startTime"))
                .setEndTime(end)
                .setLastAction(WebhookFields.text(payload, "lastAction"))
                .setCallCount(callCount == null ? 0 : callCount)
                .setClientRequestId(WebhookFields.text(payload, "clientRequestId"))
                .setClientBatchId(WebhookFields.text(payload, "clientBatchId"))
                .setErrorCode(error == null ? null : WebhookFields.integer(error, "errorCode"))
                .setErrorMessage(error == null ? null : WebhookFields.text(error, "errorMsg"))
                .setLegs(legs(payload.get("details")))
                .build();
    }

    /** 8x8's sessionStatus; {@code CANCELLED} (one page spells it so) is {@code CANCELED}; anything new is UNKNOWN. */
    static SessionStatus status(String raw) {
        if (raw == null) {
            return SessionStatus.UNKNOWN;
        }
        String normalised = raw.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        if (normalised.equals("CANCELLED")) {
            return SessionStatus.CANCELED;
        }
        try {
            return SessionStatus.valueOf(normalised);
        } catch (IllegalArgumentException e) {
            return SessionStatus.UNKNOWN;
        }
    }

    /** {@code details.callA}, {@code callB}... matched case-insensitively ({@code CallA} appears in one sample). */
    static List<CallLeg> legs(JsonNode details) {
        if (details == null || !details.isObject()) {
            return List.of();
        }
        TreeMap<String, JsonNode> byName = new TreeMap<>();
        for (String name : details.propertyNames()) {
            JsonNode leg = details.get(name);
            if (leg != null && leg.isObject()) {
                byName.putIfAbsent(name.toLowerCase(Locale.ROOT), leg);
            }
        }
        List<CallLeg> legs = new ArrayList<>(byName.size());
        byName.forEach((name, leg) -> legs.add(CallLeg.newBuilder()
                .setName(name)
                .setCallId(WebhookFields.text(leg, "callId"))
                .setDirection(WebhookFields.text(leg, "callDirection"))
                .setCallType(WebhookFields.text(leg, "callType"))
                .setSource(WebhookFields.text(leg, "source"))
                .setDestination(WebhookFields.text(leg, "destination"))
                .setCallStatus(WebhookFields.text(leg, "callStatus"))
                .setInitiatedAt(WebhookFields.instant(leg, "initiatedTimestamp"))
                .setConnectedAt(WebhookFields.instant(leg, "connectedTimestamp"))
                .setDisconnectedAt(WebhookFields.instant(leg, "disconnectedTimestamp"))
                .setDurationSeconds(WebhookFields.integer(leg, "callDuration"))
                .build()));
        return legs;
    }
}
