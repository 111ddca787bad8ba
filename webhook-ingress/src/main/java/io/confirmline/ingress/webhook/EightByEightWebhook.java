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

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An 8x8 voice webhook envelope ({@code namespace, eventType, description, payload}) with the fields every one of
 * them must have. Unknown fields are ignored: 8x8 documents that more may appear.
 *
 * @param eventType {@code CALL_ACTION}, {@code SESSION_SUMMARY}, {@code CALL_STATUS}...; null when absent
 * @param payload the {@code payload} object
 * @param sessionId {@code payload.sessionId}
 * @param subAccountId {@code payload.subAccountId}
 */
public record EightByEightWebhook(String eventType, JsonNode payload, String sessionId, String subAccountId) {

    /** Reads and checks a body; a body that is not an 8x8 webhook is a 400 with the reason. */
    public static EightByEightWebhook parse(byte[] body) {
        JsonNode root = WebhookJson.read(body);
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            throw WebhookRefusals.badRequest("payload is required and must be an object");
        }
        String sessionId = WebhookFields.text(payload, "sessionId");
        if (sessionId == null || sessionId.isBlank()) {
            throw WebhookRefusals.badRequest("payload.sessionId is required");
        }
        String subAccountId = WebhookFields.text(payload, "subAccountId");
        if (subAccountId == null || subAccountId.isBlank()) {
            throw WebhookRefusals.badRequest("payload.subAccountId is required");
        }
        return new EightByEightWebhook(WebhookFields.text(root, "eventType"), payload, sessionId, subAccountId);
    }

    /** The eventType, or {@code fallback} when 8x8 sent none (older payloads). */
    public String eventTypeOr(String fallback) {
        return eventType == null || eventType.isBlank() ? fallback : eventType;
    }

    /**
     * 8x8's {@code payload.eventId} when present; otherwise a name-based UUID of the event type and the canonical
     * payload, so a redelivery of the same webhook gets the same id and consumers can drop it.
     */
    public String eventId(String assumedType) {
        String given = WebhookFields.text(payload, "eventId");
        if (given != null && !given.isBlank()) {
            return given;
        }
        String identity = "8x8:" + eventTypeOr(assumedType) + ":" + WebhookJson.canonical(payload);
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
