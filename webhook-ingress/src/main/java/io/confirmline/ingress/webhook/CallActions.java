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

import io.confirmline.events.CallActionReceived;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Turns a VCA webhook into a {@link CallActionReceived}. */
public final class CallActions {

    private CallActions() {}

    public static CallActionReceived toEvent(EightByEightWebhook webhook, String tenantId, Instant receivedAt) {
        JsonNode payload = webhook.payload();
        Instant at = WebhookFields.instant(payload, "timestamp");
        return CallActionReceived.newBuilder()
                .setEventId(webhook.eventId("CALL_ACTION"))
                .setOccurredAt(at == null ? receivedAt : at)
                .setTenantId(tenantId)
                .setSessionId(webhook.sessionId())
                .setSubAccountId(webhook.subAccountId())
                .setCallId(WebhookFields.text(payload, "callId"))
                .setDigits(digits(payload))
                .setCallStatus(WebhookFields.text(payload, "callStatus"))
                .setClientActionId(WebhookFields.text(payload, "clientActionId"))
                .setSipCode(WebhookFields.integer(payload, "sipCode"))
                .setCallDurationSeconds(WebhookFields.integer(payload, "callDuration"))
                .setReceivedAt(receivedAt)
                .build();
    }

    /**
     * The captured digits in any of the three documented shapes: {@code eventData: {"dtmf": "1"}} (current),
     * {@code eventData: "1"} (V2 and the 2025 sample), or {@code dtmf: "1"} at the top of the payload (2023).
     * Null when nothing was captured.
     */
    public static String digits(JsonNode payload) {
        JsonNode eventData = payload.get("eventData");
        String digits = null;
        if (eventData != null && eventData.isObject()) {
            digits = WebhookFields.text(eventData, "dtmf");
        } else if (eventData != null && (eventData.isString() || eventData.isNumber())) {
            digits = eventData.asString();
        }
        if (digits == null) {
            digits = WebhookFields.text(payload, "dtmf");
        }
        return digits == null || digits.isBlank() ? null : digits.trim();
    }
}
