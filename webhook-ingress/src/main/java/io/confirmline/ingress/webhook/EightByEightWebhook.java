package io.confirmline.ingress.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
        String sessionId = text(payload, "sessionId");
        if (sessionId == null || sessionId.isBlank()) {
            throw WebhookRefusals.badRequest("payload.sessionId is required");
        }
        String subAccountId = text(payload, "subAccountId");
        if (subAccountId == null || subAccountId.isBlank()) {
            throw WebhookRefusals.badRequest("payload.subAccountId is required");
        }
        return new EightByEightWebhook(text(root, "eventType"), payload, sessionId, subAccountId);
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
        String given = text(payload, "eventId");
        if (given != null && !given.isBlank()) {
            return given;
        }
        String identity = "8x8:" + eventTypeOr(assumedType) + ":" + WebhookJson.canonical(payload);
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A string field, or null when absent or JSON null; numbers are given as text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainer()) {
            return null;
        }
        return value.asString();
    }

    /**
     * An integer given as a number or as a string ({@code callDuration} is documented as both); else null. A number
     * that is not finite or does not fit an int ({@code 99999999999}, {@code 1e999}) is treated as absent: every
     * integer we read is informational (durations, SIP and error codes, counts), and refusing the webhook for one
     * would lose the rest of it (a VSS answered 4xx is not delivered again).
     */
    static Integer integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? value.intValue() : null;
        }
        if (value.isNumber()) {
            return rounded(value.doubleValue());
        }
        if (value.isString()) {
            try {
                return rounded(Double.parseDouble(value.asString().trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer rounded(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        long rounded = Math.round(value);
        return rounded < Integer.MIN_VALUE || rounded > Integer.MAX_VALUE ? null : (int) rounded;
    }

    /** The years a timestamp may have: beyond them it is nonsense, and past ±292 million years not even epoch millis. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /**
     * An ISO-8601 timestamp ({@code 2024-05-16T04:12:11.217Z}, or with an offset); null when absent, unreadable or
     * outside the years 1 to 9999 (events carry epoch milliseconds, which {@code -1000000000-01-01T00:00:00Z}
     * overflows).
     */
    static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                parsed = Instant.parse(value.trim());
            } catch (DateTimeParseException again) {
                return null;
            }
        }
        return parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST) ? null : parsed;
    }
}
