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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's own controls for call-backs, for tests and the demo: a person ringing a venue's virtual number, what
 * happened in a session, and whether a restaurant picks up when a call is bridged to it.
 */
@RestController
class InboundCallController {

    private static final Set<String> SHAPES = Set.of("CALL_ACTION", "CALL_STATUS");

    private final SandboxProperties properties;
    private final CallPlayer player;
    private final Restaurants restaurants;

    InboundCallController(SandboxProperties properties, CallPlayer player, Restaurants restaurants) {
        this.properties = properties;
        this.player = player;
        this.restaurants = restaurants;
    }

    /**
     * {@code {from, to, digits, restaurantAnswers?, shape?, duplicate?, subAccountId?}}: {@code from} rings the
     * virtual number {@code to}; the call belongs to the subaccount with that number (or the one named). Answers the
     * new session's id at once; the call plays in the background.
     */
    @PostMapping(
            path = "/sandbox/inbound-calls",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> place(@RequestBody Map<String, Object> request) {
        Object from = request.get("from");
        Object to = request.get("to");
        if (!(from instanceof String caller)
                || !Numbers.valid(caller)
                || !(to instanceof String called)
                || !Numbers.valid(called)) {
            return refuse("from and to must be phone numbers (E.164)");
        }
        Optional<List<String>> digits = digits(request.get("digits"));
        if (digits.isEmpty()) {
            return refuse("digits must be a list of keys, e.g. [\"1\"] or [] (0-9, * and #)");
        }
        Object shape = request.getOrDefault("shape", "CALL_ACTION");
        if (!(shape instanceof String eventType) || !SHAPES.contains(eventType)) {
            return refuse("shape must be one of " + SHAPES);
        }
        Object answers = request.get("restaurantAnswers");
        Object duplicate = request.getOrDefault("duplicate", false);
        if ((answers != null && !(answers instanceof Boolean)) || !(duplicate instanceof Boolean twice)) {
            return refuse("restaurantAnswers and duplicate must be true or false");
        }
        String number = Numbers.normalised(called);
        Object named = request.get("subAccountId");
        Optional<SandboxProperties.Subaccount> subaccount = properties.subaccounts().stream()
                .filter(s -> named instanceof String id
                        ? s.id().equals(id)
                        : s.numbers().stream().map(Numbers::normalised).anyMatch(number::equals))
                .findFirst();
        if (subaccount.isEmpty()) {
            return refuse("no subaccount has the virtual number " + number + " (sandbox.subaccounts[i].numbers, or"
                    + " name one with subAccountId)");
        }
        String sessionId = player.placeInbound(
                subaccount.get(),
                new CallPlayer.InboundCall(
                        caller, called, digits.get(), Optional.ofNullable((Boolean) answers), eventType, twice));
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("sessionId", sessionId);
        answer.put("subAccountId", subaccount.get().id());
        return ResponseEntity.ok(answer);
    }

    /** What happened in an inbound call: every VCA with its reply, the bridge and its outcome, the VSS. */
    @GetMapping(path = "/sandbox/inbound-calls/{sessionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionLog.View> inbound(@PathVariable String sessionId) {
        return player.session(sessionId)
                .filter(SessionLog::inbound)
                .map(s -> ResponseEntity.ok(s.view()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** The same for any session, an outbound confirmation call included. */
    @GetMapping(path = "/sandbox/calls/{sessionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionLog.View> session(@PathVariable String sessionId) {
        return player.session(sessionId)
                .map(s -> ResponseEntity.ok(s.view()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** {@code {"answers": false}}: the restaurant at this number does not pick up a bridged call (or does again). */
    @PutMapping(
            path = "/sandbox/restaurants/{phone}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> restaurant(@PathVariable String phone, @RequestBody Map<String, Object> body) {
        if (!Numbers.valid(phone) || !(body.get("answers") instanceof Boolean answers)) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error", "the path needs a phone number (E.164) and the body {\"answers\": true|false}"));
        }
        restaurants.set(phone, answers);
        return ResponseEntity.ok(Map.of("phone", Numbers.normalised(phone), "answers", answers));
    }

    private static Optional<List<String>> digits(Object value) {
        if (value == null) {
            return Optional.of(List.of());
        }
        if (!(value instanceof List<?> list)) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        for (Object key : list) {
            if (!(key instanceof String s) || !s.matches("[0-9*#]{1,25}")) {
                return Optional.empty();
            }
            keys.add(s);
        }
        return Optional.of(keys);
    }

    private static ResponseEntity<Map<String, String>> refuse(String why) {
        return ResponseEntity.badRequest().body(Map.of("error", why));
    }
}
