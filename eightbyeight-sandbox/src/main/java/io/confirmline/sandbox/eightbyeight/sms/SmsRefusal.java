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

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An error as 8x8's SMS and configuration APIs answer it: the HTTP status and the body
 * {@code {code, message, errorId, timestamp}} (8x8 "API Error codes": every response with status 400 and above).
 * The codes are 8x8's table (1000 invalid parameter, 1001 illegal subaccount, 1002 invalid MSISDN, 1003 invalid
 * encoding, 1004 invalid text, 1200 unauthorized, 3009 too long clientMessageId, 3011 too long source...); which
 * code 8x8 picks for which field is not published, so the sandbox picks the one the table names for it.
 *
 * @param retryAfterSeconds a {@code Retry-After} header, or 0 for none
 */
record SmsRefusal(int httpStatus, int code, String message, int retryAfterSeconds) {

    static SmsRefusal of(int httpStatus, int code, String message) {
        return new SmsRefusal(httpStatus, code, message, 0);
    }

    static SmsRefusal unauthorized() {
        return of(401, 1200, "Request was not authenticated properly");
    }

    Map<String, Object> body(Clock clock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("errorId", UUID.randomUUID().toString());
        body.put("timestamp", clock.instant().toString());
        return body;
    }

    ResponseEntity<Map<String, Object>> toResponse(Clock clock) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(httpStatus).contentType(MediaType.APPLICATION_JSON);
        if (retryAfterSeconds > 0) {
            response.header("Retry-After", Integer.toString(retryAfterSeconds));
        }
        return response.body(body(clock));
    }
}
