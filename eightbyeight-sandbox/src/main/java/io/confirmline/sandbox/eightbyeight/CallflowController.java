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

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 8x8's Send Callflow ({@code POST /api/v1/subaccounts/{id}/callflows}) with its authentication, validation and
 * response shapes, plus the sandbox's own controls under {@code /sandbox}.
 */
@RestController
class CallflowController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxProperties properties;
    private final CallPlayer player;
    private final Clock clock;

    CallflowController(SandboxProperties properties, CallPlayer player, Clock clock) {
        this.properties = properties;
        this.player = player;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/subaccounts/{subaccountId}/callflows", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> sendCallflow(
            @PathVariable String subaccountId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) byte[] body) {
        Optional<SandboxProperties.Subaccount> subaccount = properties.subaccounts().stream()
                .filter(s -> s.id().equals(subaccountId))
                .findFirst();
        if (subaccount.isEmpty()) {
            return Mono.just(answer(404, 404, "SubAccount not found by Id : " + subaccountId, null));
        }
        if (authorization == null
                || !authorization.equals("Bearer " + subaccount.get().apiKey())) {
            return Mono.just(answer(401, 401, "Authentication header not found or token invalid", null));
        }
        JsonNode request;
        try {
            request = body == null ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            request = null;
        }
        Optional<CallflowValidator.Rejection> rejection = CallflowValidator.check(request, clock.instant());
        if (rejection.isPresent()) {
            CallflowValidator.Rejection r = rejection.get();
            return Mono.just(answer(r.httpStatus(), r.statusCode(), r.statusMessage(), null));
        }
        String destination = request.get("callflow")
                .get(0)
                .path("params")
                .path("destination")
                .asString("");
        GuestBehaviour behaviour = player.behaviourFor(destination);
        if (behaviour == GuestBehaviour.NOT_PLACED_ANSWER_HELD) {
            player.refused(
                    subaccount.get(), destination, request, "held " + properties.heldAnswerTime() + ", not placed");
            return Mono.delay(properties.heldAnswerTime())
                    .thenReturn(answer(500, 500, "Internal server error", null, false));
        }
        String sessionId = UUID.randomUUID().toString();
        player.play(subaccount.get(), sessionId, request);
        ResponseEntity<Map<String, Object>> created = answer(200, 1, "Created", sessionId);
        return behaviour == GuestBehaviour.PLACED_ANSWER_HELD
                ? Mono.delay(properties.heldAnswerTime()).thenReturn(created)
                : Mono.just(created);
    }

    private ResponseEntity<Map<String, Object>> answer(int http, int code, String message, String sessionId) {
        return answer(http, code, message, sessionId, true);
    }

    /** {@code withSessionStatus} false: a 5xx that does not say whether a session was created. */
    private ResponseEntity<Map<String, Object>> answer(
            int http, int code, String message, String sessionId, boolean withSessionStatus) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (sessionId != null) {
            body.put("sessionId", sessionId);
        }
        if (withSessionStatus) {
            body.put("sessionStatus", sessionId != null ? "CREATED" : "NOT_CREATED");
        }
        body.put("callFlowRequestId", UUID.randomUUID().toString());
        body.put("statusCode", code);
        body.put("statusMessage", message);
        return ResponseEntity.status(http)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    /** Overrides what the guest at this number does, e.g. {@code {"behaviour": "SILENT"}}. */
    @PutMapping(path = "/sandbox/guests/{number}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> setGuest(@PathVariable String number, @RequestBody Map<String, String> body) {
        GuestBehaviour behaviour;
        try {
            behaviour = GuestBehaviour.valueOf(body.getOrDefault("behaviour", ""));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "behaviour must be one of " + List.of(GuestBehaviour.values())));
        }
        player.override(number, behaviour);
        return ResponseEntity.ok(Map.of("number", number, "behaviour", behaviour.name()));
    }

    /** Every call the sandbox has played, oldest first, with what happened in it. */
    @GetMapping(path = "/sandbox/calls", produces = MediaType.APPLICATION_JSON_VALUE)
    List<CallPlayer.PlayedCall> calls() {
        return player.calls();
    }
}
