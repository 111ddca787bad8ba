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
package io.confirmline.orchestrator.makecall;

import io.confirmline.events.BookingKind;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.VoiceMessagePurpose;
import io.confirmline.events.VoiceMessageRequested;
import io.confirmline.orchestrator.api.ApiRefusals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a make-call body: the fields of {@code ReservationEvent} or {@code VoiceMessageRequested} as JSON, with
 * {@code "type": "RESERVATION" | "APPOINTMENT" | "VOICE_MESSAGE"}. The tenant comes from the API key, never from
 * the body. Every field that is missing or of the wrong shape is named, all at once.
 *
 * <p>Optional here though required in the events: {@code eventId} (default: a name-based UUID of the tenant and
 * the body, so a client that sends the same request again gets the same call), {@code version} (default: the time
 * of receipt in milliseconds, so a later request wins), {@code guestLocale}/{@code locale} ({@code en}),
 * {@code repetitions} (1) and {@code purpose} ({@code NOTICE}).
 */
final class CallRequestReader {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(8).build())
                    .build())
            .build();

    private CallRequestReader() {}

    static CallRequest read(byte[] body, String tenantId, Instant now) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiRefusals.of(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "Malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiRefusals.of(org.springframework.http.HttpStatus.BAD_REQUEST, "The body must be a JSON object");
        }
        Fields fields = new Fields(root);
        String type = fields.text("type", true);
        String eventId = fields.text("eventId", false);
        if (eventId == null) {
            eventId = UUID.nameUUIDFromBytes((tenantId + "\n" + canonical(root)).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
        CallRequest request;
        if ("VOICE_MESSAGE".equals(type)) {
            request = new CallRequest.Message(VoiceMessageRequested.newBuilder()
                    .setEventId(eventId)
                    .setOccurredAt(now)
                    .setTenantId(tenantId)
                    .setMessageId(orEmpty(fields.text("messageId", true)))
                    .setPhone(orEmpty(fields.text("phone", true)))
                    .setLocale(orDefault(fields.text("locale", false), "en"))
                    .setText(orEmpty(fields.text("text", true)))
                    .setRepetitions(orDefault(fields.integer("repetitions", false), 1))
                    .setPurpose(fields.choice("purpose", VoiceMessagePurpose.class, VoiceMessagePurpose.NOTICE))
                    .setValidUntil(fields.instant("validUntil", false))
                    .build());
        } else if ("RESERVATION".equals(type) || "APPOINTMENT".equals(type)) {
            Long version = fields.integerLong("version");
            Instant startsAt = fields.instant("startsAt", true);
            request = new CallRequest.Booking(ReservationEvent.newBuilder()
                    .setEventId(eventId)
                    .setOccurredAt(now)
                    .setTenantId(tenantId)
                    .setReservationId(orEmpty(fields.text("reservationId", true)))
                    .setVersion(version != null ? version : now.toEpochMilli())
                    .setType(ReservationEventType.CREATED)
                    .setKind(BookingKind.valueOf(type))
                    .setStartsAt(startsAt != null ? startsAt : Instant.EPOCH)
                    .setTimeZone(orEmpty(fields.text("timeZone", true)))
                    .setGuestName(orEmpty(fields.text("guestName", true)))
                    .setGuestPhone(orEmpty(fields.text("guestPhone", true)))
                    .setGuestLocale(orDefault(fields.text("guestLocale", false), "en"))
                    .setVenueName(orEmpty(fields.text("venueName", true)))
                    .setPartySize(fields.integer("partySize", false))
                    .setServiceName(fields.text("serviceName", false))
                    .build());
        } else {
            if (type != null) {
                fields.problems.add("type: must be RESERVATION, APPOINTMENT or VOICE_MESSAGE, was " + type);
            }
            request = null;
        }
        if (!fields.problems.isEmpty()) {
            throw ApiRefusals.invalid(fields.problems);
        }
        return request;
    }

    /** Reads typed fields, collecting a "field: problem" line for each one that is missing or malformed. */
    private static final class Fields {
        final JsonNode root;
        final List<String> problems = new ArrayList<>();

        Fields(JsonNode root) {
            this.root = root;
        }

        String text(String name, boolean required) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                if (required) {
                    problems.add(name + ": is required");
                }
                return null;
            }
            if (!node.isString()) {
                problems.add(name + ": must be a string");
                return null;
            }
            if (node.asString().indexOf('\u0000') >= 0) {
                // PostgreSQL text cannot hold NUL; refused here, it would fail the insert (a 500).
                problems.add(name + ": must not contain NUL characters");
                return null;
            }
            return node.asString();
        }

        Integer integer(String name, boolean required) {
            Long value = integerLong(name);
            if (value == null) {
                if (required) {
                    problems.add(name + ": is required");
                }
                return null;
            }
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                problems.add(name + ": out of range");
                return null;
            }
            return value.intValue();
        }

        Long integerLong(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                problems.add(name + ": must be a whole number");
                return null;
            }
            return node.asLong();
        }

        Instant instant(String name, boolean required) {
            String text = text(name, required);
            if (text == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(name + ": not an ISO-8601 date-time with offset, e.g. 2026-11-21T20:30:00+01:00: " + text);
                return null;
            }
        }

        <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
            String text = text(name, false);
            if (text == null) {
                return fallback;
            }
            // UNKNOWN is how a reader sees a symbol added after its schema (design.md §10.2); nobody may send it.
            java.util.List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .filter(symbol -> !"UNKNOWN".equals(symbol))
                    .toList();
            if (!allowed.contains(text)) {
                problems.add(name + ": must be one of " + allowed + ", was " + text);
                return fallback;
            }
            return Enum.valueOf(type, text);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** The body with object keys sorted, so the same request however ordered derives the same eventId. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            for (String name : node.propertyNames()) {
                sorted.put(name, canonical(node.get(name)));
            }
            return sorted.toString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items.toString();
        }
        return node.toString();
    }
}
