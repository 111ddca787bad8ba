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

    private SessionSummaries() {
    }

    public static SessionSummaryReceived toEvent(EightByEightWebhook webhook, String tenantId, Instant receivedAt) {
        JsonNode payload = webhook.payload();
        String rawStatus = EightByEightWebhook.text(payload, "sessionStatus");
        Instant end = EightByEightWebhook.instant(payload, "endTime");
        JsonNode error = payload.get("errorDetails");
        Integer callCount = EightByEightWebhook.integer(payload, "callCount");
        return SessionSummaryReceived.newBuilder()
                .setEventId(webhook.eventId("SESSION_SUMMARY"))
                .setOccurredAt(end == null ? receivedAt : end)
                .setTenantId(tenantId)
                .setSessionId(webhook.sessionId())
                .setSubAccountId(webhook.subAccountId())
                .setSessionStatus(status(rawStatus))
                .setRawSessionStatus(rawStatus == null ? "" : rawStatus)
                .setStartTime(EightByEightWebhook.instant(payload, "startTime"))
                .setEndTime(end)
                .setLastAction(EightByEightWebhook.text(payload, "lastAction"))
                .setCallCount(callCount == null ? 0 : callCount)
                .setClientRequestId(EightByEightWebhook.text(payload, "clientRequestId"))
                .setClientBatchId(EightByEightWebhook.text(payload, "clientBatchId"))
                .setErrorCode(error == null ? null : EightByEightWebhook.integer(error, "errorCode"))
                .setErrorMessage(error == null ? null : EightByEightWebhook.text(error, "errorMsg"))
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
                .setCallId(EightByEightWebhook.text(leg, "callId"))
                .setDirection(EightByEightWebhook.text(leg, "callDirection"))
                .setCallType(EightByEightWebhook.text(leg, "callType"))
                .setSource(EightByEightWebhook.text(leg, "source"))
                .setDestination(EightByEightWebhook.text(leg, "destination"))
                .setCallStatus(EightByEightWebhook.text(leg, "callStatus"))
                .setInitiatedAt(EightByEightWebhook.instant(leg, "initiatedTimestamp"))
                .setConnectedAt(EightByEightWebhook.instant(leg, "connectedTimestamp"))
                .setDisconnectedAt(EightByEightWebhook.instant(leg, "disconnectedTimestamp"))
                .setDurationSeconds(EightByEightWebhook.integer(leg, "callDuration"))
                .build()));
        return legs;
    }
}
