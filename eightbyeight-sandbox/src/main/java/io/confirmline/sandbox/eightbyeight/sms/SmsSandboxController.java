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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's own SMS controls, for tests and the demo: a person texting a venue's number, what the sandbox was
 * asked to send, which webhooks it posted and how they were answered, and per-number guest overrides.
 */
@RestController
class SmsSandboxController {

    private final SmsCenter center;
    private final SmsWebhookSender webhooks;
    private final SmsWebhookRegistry registry;

    SmsSandboxController(SmsCenter center, SmsWebhookSender webhooks, SmsWebhookRegistry registry) {
        this.center = center;
        this.webhooks = webhooks;
        this.registry = registry;
    }

    /**
     * {@code {from, to, body}} (and optionally {@code subAccountId}): a text from {@code from} to the virtual
     * number {@code to}, delivered to the MO webhook as 8x8 would; answers its {@code umid}.
     */
    @PostMapping(
            path = "/sandbox/sms",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> inject(@RequestBody Map<String, Object> request) {
        String from = text(request, "from");
        String to = text(request, "to");
        String body = text(request, "body");
        if (from == null
                || !SendSmsValidator.DESTINATION.matcher(from).matches()
                || to == null
                || !SendSmsValidator.DESTINATION.matcher(to).matches()) {
            return ResponseEntity.badRequest().body(Map.of("error", "from and to must be phone numbers (E.164)"));
        }
        if (body == null || body.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "body is required"));
        }
        String number = SmsCenter.normalised(to);
        Optional<SmsProperties.Subaccount> subaccount =
                center.subaccountFor(Optional.ofNullable(text(request, "subAccountId")), number);
        if (subaccount.isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error", "no SMS subaccount has the number " + number + " (name one with subAccountId)"));
        }
        String umid = center.deliverInbound(subaccount.get(), SmsCenter.normalised(from), number, body);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("umid", umid);
        answer.put("subAccountId", subaccount.get().id());
        return ResponseEntity.ok(answer);
    }

    /** The texts clients sent through Send SMS, oldest first; only those to {@code destination} when given. */
    @GetMapping(path = "/sandbox/sms", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SmsCenter.ReceivedText> texts(@RequestParam Optional<String> destination) {
        return center.texts(destination);
    }

    /** Every delivery receipt the sandbox posted (or could not), with each attempt's HTTP status or error. */
    @GetMapping(path = "/sandbox/sms/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SmsWebhookSender.Delivery> receipts() {
        return webhooks.deliveries("DR");
    }

    /** Every inbound text (MO) the sandbox posted — guests' answers and injected texts — with each attempt. */
    @GetMapping(path = "/sandbox/sms/inbound", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SmsWebhookSender.Delivery> inbound() {
        return webhooks.deliveries("MO");
    }

    /** Every SMS webhook registration or deletion request, oldest first (with its Authorization and body). */
    @GetMapping(path = "/sandbox/sms/webhook-registrations", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SmsWebhookRegistry.Request> registrations() {
        return registry.requests();
    }

    /** Overrides what the guest at this number does with a text, e.g. {@code {"behaviour": "THROTTLED_ONCE"}}. */
    @PutMapping(path = "/sandbox/sms/guests/{number}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> setGuest(@PathVariable String number, @RequestBody Map<String, String> body) {
        SmsGuest guest;
        try {
            guest = SmsGuest.valueOf(body.getOrDefault("behaviour", ""));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "behaviour must be one of " + List.of(SmsGuest.values())));
        }
        center.override(number, guest);
        return ResponseEntity.ok(Map.of("number", number, "behaviour", guest.name()));
    }

    private static String text(Map<String, Object> request, String name) {
        return request.get(name) instanceof String value ? value : null;
    }
}
