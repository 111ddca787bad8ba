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
package io.confirmline.sandbox.eightbyeight;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * 8x8's checks on a Send Callflow body, with its status codes and messages (8x8-voice-api.md §2.1, §2.2, §2.5).
 * The first problem found is reported, as 8x8 does.
 */
final class CallflowValidator {

    /** A refusal: the HTTP status and 8x8's {@code statusCode} and {@code statusMessage}. */
    record Rejection(int httpStatus, int statusCode, String statusMessage) {}

    private static final Set<String> ACTIONS = Set.of("makeCall", "say", "sayAndCapture", "playFile", "hangup");

    private CallflowValidator() {}

    static Optional<Rejection> check(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            return reject(400, -1001, "Invalid JSON request body");
        }
        JsonNode callflow = body.get("callflow");
        if (callflow == null || !callflow.isArray() || callflow.isEmpty()) {
            return reject(400, -1009, "Invalid call flow entry : $.callflow: is missing");
        }
        JsonNode validUntil = body.get("validUntil");
        if (validUntil != null && !validUntil.isNull()) {
            try {
                if (!Instant.parse(validUntil.asString()).isAfter(now)) {
                    return reject(422, -1015, "validUntil expired");
                }
            } catch (DateTimeParseException e) {
                return reject(
                        400, -1009, "Invalid call flow entry : $.validUntil: does not match the date-time pattern");
            }
        }
        for (String field : new String[] {"clientRequestId", "clientBatchId"}) {
            JsonNode value = body.get(field);
            if (value != null && value.isString() && value.asString().length() > 50) {
                return reject(400, -1009, "Invalid call flow entry : $." + field + ": may only be 50 characters long");
            }
        }
        int makeCalls = 0;
        for (int i = 0; i < callflow.size(); i++) {
            JsonNode action = callflow.get(i);
            String name = action.path("action").asString("");
            String at = "$.callflow[" + i + "].params";
            if (!ACTIONS.contains(name)) {
                return reject(400, -1007, "Invalid action type");
            }
            if (i == 0 && !"makeCall".equals(name)) {
                return reject(422, -1013, "Invalid Callflow : First action should be a MakeCall action");
            }
            JsonNode params = action.path("params");
            Optional<Rejection> problem = switch (name) {
                case "makeCall" -> makeCall(params, at, ++makeCalls);
                case "say" -> say(params, at);
                case "sayAndCapture" -> sayAndCapture(params, at);
                case "playFile" -> required(params, at, "fileUrl");
                default -> Optional.empty();
            };
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> makeCall(JsonNode params, String at, int count) {
        if (count > 2) {
            return reject(422, -1010, "Actions beyond the allowed count");
        }
        Optional<Rejection> missing = required(params, at, "source", "destination");
        if (missing.isPresent()) {
            return missing;
        }
        if (params.size() > 2) {
            return reject(400, -1009, "Invalid call flow entry : " + at + ": has more than 2 properties");
        }
        String destination = params.get("destination").asString();
        if (!destination.matches("\\+?[1-9]\\d{6,14}")
                || GuestBehaviour.forNumber(destination) == GuestBehaviour.INVALID_NUMBER) {
            return reject(422, -1017, "Invalid MSISDN format in Destination");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> say(JsonNode params, String at) {
        Optional<Rejection> missing = required(params, at, "text", "voiceProfile");
        if (missing.isPresent()) {
            return missing;
        }
        if (params.get("text").asString().length() > 3000) {
            return reject(400, -1009, "Invalid call flow entry : " + at + ".text: may only be 3000 characters long");
        }
        return speedAndRepetition(params, at);
    }

    private static Optional<Rejection> sayAndCapture(JsonNode params, String at) {
        Optional<Rejection> missing = required(params, at, "promptMessage", "voiceProfile");
        if (missing.isPresent()) {
            return missing;
        }
        if (params.get("promptMessage").asString().length() > 3000) {
            return reject(
                    400, -1009, "Invalid call flow entry : " + at + ".promptMessage: may only be 3000 characters long");
        }
        if (params.has("minDigits") && !params.has("maxDigits")) {
            return reject(422, -1003, "Valid maxDigits required when minDigits provided");
        }
        if (params.has("maxDigits")
                && (params.get("maxDigits").asInt() < 1
                        || params.get("maxDigits").asInt() > 25)) {
            return reject(422, -1003, "Valid maxDigits required when minDigits provided");
        }
        if (params.has("digitTimeout") && !params.has("overallTimeout")) {
            return reject(422, -1005, "Valid overallTimeout is required when digitTimeout provided");
        }
        if (params.has("digitTimeout")
                && params.get("overallTimeout").asInt()
                        <= params.get("digitTimeout").asInt()) {
            return reject(422, -1006, "OverallTimeout should be greater than digitTimeout");
        }
        if (params.has("completeOnHash") && !params.get("completeOnHash").asBoolean() && !params.has("maxDigits")) {
            return reject(422, -1008, "Valid maxDigits is required when completeOnHash is false");
        }
        return speedAndRepetition(params, at);
    }

    private static Optional<Rejection> speedAndRepetition(JsonNode params, String at) {
        if (params.has("speed")
                && (params.get("speed").asDouble() < 0.5 || params.get("speed").asDouble() > 2.0)) {
            return reject(400, -1009, "Invalid call flow entry : " + at + ".speed: must be between 0.5 and 2.0");
        }
        if (params.has("repetition")
                && (params.get("repetition").asInt() < 1
                        || params.get("repetition").asInt() > 3)) {
            return reject(400, -1009, "Invalid call flow entry : " + at + ".repetition: must be between 1 and 3");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> required(JsonNode params, String at, String... names) {
        for (String name : names) {
            JsonNode value = params.get(name);
            if (value == null
                    || value.isNull()
                    || (value.isString() && value.asString().isBlank())) {
                return reject(400, -1009, "Invalid call flow entry : " + at + "." + name + ": is missing");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(int http, int code, String message) {
        return Optional.of(new Rejection(http, code, message));
    }
}
