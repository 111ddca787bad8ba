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
package io.confirmline.sandbox.eightbyeight.sms;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * 8x8's checks on a Send SMS body (8x8-voice-api.md §7, the OpenAPI schema of "Send SMS"): {@code destination}
 * required and matching {@code ^\+?[1-9][0-9]{6,14}$}, {@code text} required, {@code source} at most 16 characters,
 * {@code clientMessageId} at most 50, {@code encoding} AUTO, GSM7 or UCS2, {@code country} two letters, dates that
 * parse. The first problem found is answered, 400 with 8x8's error body.
 */
final class SendSmsValidator {

    static final Pattern DESTINATION = Pattern.compile("^\\+?[1-9][0-9]{6,14}$");
    private static final Set<String> ENCODINGS = Set.of("AUTO", "GSM7", "UCS2");

    private SendSmsValidator() {}

    static Optional<SmsRefusal> check(JsonNode body) {
        if (body == null || !body.isObject()) {
            return reject(1000, "Invalid parameter : request body must be a JSON object");
        }
        JsonNode destination = body.get("destination");
        if (destination == null
                || destination.isNull()
                || !destination.isString()
                || destination.asString().isBlank()) {
            return reject(3002, "Missed MSISDN : destination is required");
        }
        if (!DESTINATION.matcher(destination.asString()).matches()) {
            return reject(1002, "Invalid MSISDN format (not E.164 international number)");
        }
        JsonNode text = body.get("text");
        if (text == null || text.isNull() || !text.isString() || text.asString().isEmpty()) {
            return reject(1004, "Invalid Text : text is required");
        }
        Optional<SmsRefusal> tooLong = longerThan(body, "source", 16, 3011, "Too long SMS Source")
                .or(() -> longerThan(body, "clientMessageId", 50, 3009, "Too long ClientMessageId"));
        if (tooLong.isPresent()) {
            return tooLong;
        }
        JsonNode encoding = body.get("encoding");
        if (encoding != null
                && !encoding.isNull()
                && (!encoding.isString() || !ENCODINGS.contains(encoding.asString()))) {
            return reject(1003, "Invalid Encoding : encoding must be one of AUTO, GSM7, UCS2");
        }
        JsonNode country = body.get("country");
        if (country != null
                && !country.isNull()
                && (!country.isString() || !country.asString().matches("[A-Za-z]{2}"))) {
            return reject(1009, "Invalid Country Code");
        }
        for (String field : new String[] {"scheduled", "expiry"}) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull() && !isDateTime(value)) {
                return reject(
                        "scheduled".equals(field) ? 1011 : 1006,
                        ("scheduled".equals(field) ? "Invalid Schedule Time" : "Invalid Expiry") + " : " + field);
            }
        }
        JsonNode callback = body.get("dlrCallbackUrl");
        if (callback != null && !callback.isNull() && !isHttpUrl(callback)) {
            return reject(3020, "Invalid DR Callback URL");
        }
        return Optional.empty();
    }

    private static Optional<SmsRefusal> longerThan(JsonNode body, String field, int max, int code, String message) {
        JsonNode value = body.get(field);
        if (value != null
                && !value.isNull()
                && (!value.isString() || value.asString().length() > max)) {
            return reject(code, message + " : " + field + " may only be " + max + " characters long");
        }
        return Optional.empty();
    }

    private static boolean isDateTime(JsonNode value) {
        try {
            OffsetDateTime.parse(value.asString());
            return value.isString();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(JsonNode value) {
        try {
            URI url = new URI(value.asString());
            return value.isString()
                    && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                    && url.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Optional<SmsRefusal> reject(int code, String message) {
        return Optional.of(SmsRefusal.of(400, code, message));
    }
}
