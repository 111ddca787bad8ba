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
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 8x8's Send SMS, {@code POST /api/v1/subaccounts/{subAccountId}/messages} (8x8-voice-api.md §7): the Bearer key
 * (401 code 1200), the subaccount (400 code 1001), the body ({@link SendSmsValidator}), then 200
 * {@code {umid, clientMessageId, destination, encoding, status {code, description}}}. The same
 * {@code clientMessageId} on the same subaccount answers the first answer again and sends nothing: 8x8 does not
 * document what it does with a repeated id, so this models the idempotency our client relies on.
 */
@RestController
class SendSmsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SmsAccounts accounts;
    private final SmsCenter center;
    private final Clock clock;

    SendSmsController(SmsAccounts accounts, SmsCenter center, Clock clock) {
        this.accounts = accounts;
        this.center = center;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/subaccounts/{subAccountId}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> send(
            @PathVariable String subAccountId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        Optional<SmsRefusal> refused = accounts.checkSubaccount(subAccountId, authorization);
        if (refused.isPresent()) {
            return refused.get().toResponse(clock);
        }
        JsonNode request;
        try {
            request = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            request = null;
        }
        Optional<SmsRefusal> invalid = SendSmsValidator.check(request);
        if (invalid.isPresent()) {
            return invalid.get().toResponse(clock);
        }
        SmsCenter.Answer answer = center.send(accounts.subaccount(subAccountId).orElseThrow(), request);
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(answer.httpStatus()).contentType(MediaType.APPLICATION_JSON);
        if (answer.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Integer.toString(answer.retryAfterSeconds()));
        }
        return response.body(answer.body());
    }
}
