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
package io.confirmline.ingress.sms;

import io.confirmline.ingress.webhook.WebhookFields;
import io.confirmline.ingress.webhook.WebhookJson;
import io.confirmline.ingress.webhook.WebhookRefusals;
import tools.jackson.databind.JsonNode;

/**
 * An 8x8 SMS webhook envelope ({@code namespace, eventType, description, payload}, 8x8-voice-api.md §7, §7.1).
 * Only the envelope is checked here, so that an event type the endpoint does not take is ignored whatever its
 * payload looks like; {@link InboundText} and {@link DeliveryReceipt} check the payload of the two we take.
 *
 * @param eventType {@code inbound_message_received}, {@code outbound_message_status_changed}...; null when absent
 * @param payload the {@code payload} object
 */
record SmsWebhook(String eventType, JsonNode payload) {

    /** Reads a body; one that is not JSON or has no payload object is a 400 with the reason. */
    static SmsWebhook parse(byte[] body) {
        JsonNode root = WebhookJson.read(body);
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            throw WebhookRefusals.badRequest("payload is required and must be an object");
        }
        return new SmsWebhook(WebhookFields.text(root, "eventType"), payload);
    }

    /** The eventType, or {@code fallback} when 8x8 sent none (older formats). */
    String eventTypeOr(String fallback) {
        return eventType == null || eventType.isBlank() ? fallback : eventType;
    }

    /** A text field of {@code node} that must be there and not blank, else a 400 naming {@code path}. */
    static String required(JsonNode node, String field, String path) {
        String value = WebhookFields.text(node, field);
        if (value == null || value.isBlank()) {
            throw WebhookRefusals.badRequest(path + " is required");
        }
        return value.strip();
    }

    /** A text field of the payload that must be there, else a 400. */
    String required(String field) {
        return required(payload, field, "payload." + field);
    }

    /** An optional text field of the payload, stripped; null when absent or blank. */
    String optional(String field) {
        String value = WebhookFields.text(payload, field);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
