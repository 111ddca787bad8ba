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
package io.confirmline.callflow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON 8x8's Callflows API takes (8x8-voice-api.md §2): the request that places a call, and the
 * in-call replies the ingress hands back to VCA webhooks. Limits 8x8 enforces are checked here, so a call that
 * 8x8 would refuse is never sent.
 */
public final class Callflows {

    /** 8x8's limit for {@code say.text} and {@code sayAndCapture.promptMessage}. */
    public static final int MAX_TEXT = 3000;
    /** 8x8's limit for {@code say.repetition}. */
    public static final int MAX_REPETITION = 3;
    /** 8x8's limit for {@code clientRequestId}. */
    public static final int MAX_CLIENT_REQUEST_ID = 50;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter VALID_UNTIL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Callflows() {}

    /**
     * A confirmation call: {@code makeCall}, then {@code sayAndCapture} of one digit.
     *
     * @param clientRequestId our attempt id, echoed by 8x8 in the session summary (not an idempotency key)
     * @param validUntil 8x8 does not start the call after this instant
     */
    public static String confirmationCall(
            String source,
            String destination,
            String prompt,
            String voiceProfile,
            CaptureSettings capture,
            Instant validUntil,
            String clientRequestId) {
        ObjectNode body = request(validUntil, clientRequestId);
        ArrayNode callflow = body.putArray("callflow");
        makeCall(callflow, source, destination);
        sayAndCapture(callflow, prompt, voiceProfile, capture);
        return JSON.writeValueAsString(body);
    }

    /**
     * A voice message: {@code makeCall}, the text said {@code repetitions} times, then {@code hangup}. 8x8's
     * {@code repetitions} is at most 3, so more repetitions take several {@code say} actions.
     */
    public static String voiceMessageCall(
            String source,
            String destination,
            String text,
            String voiceProfile,
            int repetitions,
            double speed,
            Instant validUntil,
            String clientRequestId) {
        if (repetitions < 1 || repetitions > 10) {
            throw new IllegalArgumentException("repetitions must be between 1 and 10");
        }
        ObjectNode body = request(validUntil, clientRequestId);
        ArrayNode callflow = body.putArray("callflow");
        makeCall(callflow, source, destination);
        for (int left = repetitions; left > 0; left -= MAX_REPETITION) {
            say(callflow, text, voiceProfile, Math.min(MAX_REPETITION, left), speed);
        }
        callflow.addObject().put("action", "hangup");
        return JSON.writeValueAsString(body);
    }

    /** An in-call reply: say this, then hang up. */
    public static String sayThenHangup(String text, String voiceProfile, double speed) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode callflow = body.putArray("callflow");
        say(callflow, text, voiceProfile, 1, speed);
        callflow.addObject().put("action", "hangup");
        return JSON.writeValueAsString(body);
    }

    /** An in-call reply: ask again. */
    public static String reprompt(String prompt, String voiceProfile, CaptureSettings capture) {
        ObjectNode body = JSON.createObjectNode();
        sayAndCapture(body.putArray("callflow"), prompt, voiceProfile, capture);
        return JSON.writeValueAsString(body);
    }

    /**
     * An in-call reply that bridges the caller to another phone (8x8-voice-api.md §11): 8x8 dials
     * {@code destination} from {@code source} and connects the two legs; the bridged leg is {@code callB} in the
     * session summary.
     *
     * @param source the number the bridged party sees: one of the tenant's 8x8 virtual numbers
     * @param destination the phone to bridge to (the venue's), never {@code source}
     */
    public static String makeCall(String source, String destination) {
        ObjectNode body = JSON.createObjectNode();
        bridge(body.putArray("callflow"), source, destination);
        return JSON.writeValueAsString(body);
    }

    /** An in-call reply: say this ("Putting you through to Luigi's"), then bridge as {@link #makeCall(String, String)}. */
    public static String sayThenMakeCall(
            String text, String voiceProfile, double speed, String source, String destination) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode callflow = body.putArray("callflow");
        say(callflow, text, voiceProfile, 1, speed);
        bridge(callflow, source, destination);
        return JSON.writeValueAsString(body);
    }

    /** An in-call reply: end the call. */
    public static String hangup() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("callflow").addObject().put("action", "hangup");
        return JSON.writeValueAsString(body);
    }

    private static ObjectNode request(Instant validUntil, String clientRequestId) {
        if (clientRequestId == null || clientRequestId.isEmpty() || clientRequestId.length() > MAX_CLIENT_REQUEST_ID) {
            throw new IllegalArgumentException("clientRequestId must be 1 to 50 characters");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("clientRequestId", clientRequestId);
        body.put("validUntil", VALID_UNTIL.format(validUntil));
        return body;
    }

    private static void makeCall(ArrayNode callflow, String source, String destination) {
        ObjectNode call = callflow.addObject().put("action", "makeCall");
        call.putObject("params").put("source", source).put("destination", destination);
    }

    private static void say(ArrayNode callflow, String text, String voiceProfile, int repetition, double speed) {
        ObjectNode say = callflow.addObject().put("action", "say");
        say.putObject("params")
                .put("text", checked(text))
                .put("voiceProfile", voiceProfile)
                .put("repetition", repetition)
                .put("speed", speed);
    }

    private static void sayAndCapture(ArrayNode callflow, String prompt, String voiceProfile, CaptureSettings capture) {
        ObjectNode action = callflow.addObject().put("action", "sayAndCapture");
        action.putObject("params")
                .put("promptMessage", checked(prompt))
                .put("voiceProfile", voiceProfile)
                .put("speed", capture.speed())
                .put("minDigits", 1)
                .put("maxDigits", 1)
                .put("digitTimeout", capture.digitTimeout().toMillis())
                .put("overallTimeout", capture.overallTimeout().toMillis())
                .put("completeOnHash", false)
                .put("noOfTries", capture.tries());
    }

    private static void bridge(ArrayNode callflow, String source, String destination) {
        bridgeNumber("source", source);
        bridgeNumber("destination", destination);
        if (source.equals(destination)) {
            throw new IllegalArgumentException("A call cannot be bridged to the number it comes from");
        }
        makeCall(callflow, source, destination);
    }

    /** 8x8 takes numbers in E.164 ({@code +} and up to 15 digits). */
    private static String bridgeNumber(String name, String number) {
        if (number == null || !number.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("makeCall " + name + " must be an E.164 number");
        }
        return number;
    }

    private static String checked(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Text to say is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(
                    "Text to say is " + text.length() + " characters; 8x8 allows " + MAX_TEXT);
        }
        return text;
    }
}
