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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of 8x8's webhook payloads (voice and SMS alike) defensively: 8x8 documents several shapes over
 * the years, so a field of the wrong type or out of range is read as absent rather than refusing the webhook
 * (which would lose the rest of it).
 */
public final class WebhookFields {

    private WebhookFields() {}

    /** A string field, or null when absent or JSON null; numbers are given as text. */
    public static String text(JsonNode node, String field) {
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
    public static Integer integer(JsonNode node, String field) {
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
    public static Instant instant(JsonNode node, String field) {
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

    /**
     * A decimal given as a number or a string ({@code price.total}); null when absent, unreadable or not finite.
     */
    public static Double decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        double parsed;
        if (value.isNumber()) {
            parsed = value.doubleValue();
        } else if (value.isString()) {
            try {
                parsed = Double.parseDouble(value.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(parsed) ? parsed : null;
    }
}
