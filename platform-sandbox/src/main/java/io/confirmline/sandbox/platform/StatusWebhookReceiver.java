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
package io.confirmline.sandbox.platform;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives ConfirmLine's status webhooks as a platform would: verifies the Standard Webhooks signature with the
 * reference library, keeps what it accepted for {@code GET /received}, and fails on request
 * ({@code PUT /behaviour}) to show retries. {@code /webhooks/confirmline} verifies with the configured secrets;
 * {@code /webhooks/confirmline/{receiver}} is a platform of its own — one tenant onboarded while the suite runs —
 * whose secrets {@code PUT /receivers/{receiver}} sets, so a test can see which of them signed each webhook (both
 * while a secret is rotated, only the new one after the old is removed). A change request may be answered by
 * moving the booking ({@link ChangeRequestAnswers}, off by default).
 */
@RestController
class StatusWebhookReceiver {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A webhook the platform accepted (verified and answered 2xx); {@code receiver} is null on the default path,
     * {@code signedWith} the positions, in the receiver's secrets, of those with a valid signature in the request.
     */
    record Received(
            String webhookId,
            Instant receivedAt,
            String type,
            String subjectId,
            String status,
            String previousStatus,
            Integer attempt,
            String digits,
            String reason,
            String traceparent,
            JsonNode body,
            String receiver,
            List<Integer> signedWith) {}

    /** The secrets of one receiver, e.g. {@code {"signingSecrets": ["whsec_old", "whsec_new"]}}. */
    record ReceiverSecrets(List<String> signingSecrets) {}

    /** How the platform fails: this status after this delay, for the next {@code count} requests. */
    record Behaviour(int status, long delayMillis, int count) {}

    private final List<Webhook> verifiers;
    private final ChangeRequestAnswers changeRequests;
    private final Map<String, List<Webhook>> receivers = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration tolerance;
    /** Appended at every webhook: a copy-on-write list would copy all of them each time (whole-suite runs keep ~10^4). */
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(new Behaviour(200, 0, 0));
    private final java.util.concurrent.atomic.AtomicLong rejected = new java.util.concurrent.atomic.AtomicLong();

    StatusWebhookReceiver(PlatformSandboxProperties properties, ChangeRequestAnswers changeRequests, Clock clock) {
        this.changeRequests = changeRequests;
        this.verifiers = properties.signingSecrets().stream().map(Webhook::new).toList();
        this.clock = clock;
        this.tolerance = properties.tolerance();
    }

    @PostMapping(path = "/webhooks/confirmline", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> receive(@RequestHeader HttpHeaders headers, @RequestBody byte[] body) {
        return receive(null, verifiers, headers, body);
    }

    @PostMapping(path = "/webhooks/confirmline/{receiver}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> receive(
            @PathVariable String receiver, @RequestHeader HttpHeaders headers, @RequestBody byte[] body) {
        List<Webhook> secrets = receivers.get(receiver);
        if (secrets == null) {
            return Mono.just(ResponseEntity.status(404).body(Map.of("error", "no receiver " + receiver)));
        }
        return receive(receiver, secrets, headers, body);
    }

    /** Sets the secrets webhooks to {@code /webhooks/confirmline/{receiver}} are verified with. */
    @PutMapping(path = "/receivers/{receiver}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receiver(@PathVariable String receiver, @RequestBody ReceiverSecrets secrets) {
        if (secrets.signingSecrets() == null || secrets.signingSecrets().isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "signingSecrets must not be empty"));
        }
        List<Webhook> verifying;
        try {
            verifying = secrets.signingSecrets().stream().map(Webhook::new).toList();
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "signingSecrets must be whsec_ secrets"));
        }
        receivers.put(receiver, verifying);
        return ResponseEntity.ok(Map.of("receiver", receiver, "signingSecrets", verifying.size()));
    }

    private Mono<ResponseEntity<Map<String, Object>>> receive(
            String receiver, List<Webhook> secrets, HttpHeaders headers, byte[] body) {
        Behaviour failing = behaviour.getAndUpdate(
                b -> b.count() > 0 ? new Behaviour(b.status(), b.delayMillis(), b.count() - 1) : b);
        if (failing.count() > 0) {
            return Mono.delay(Duration.ofMillis(failing.delayMillis()))
                    .thenReturn(ResponseEntity.status(failing.status()).body(Map.of("error", "failing on purpose")));
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        String id = headers.getFirst("webhook-id");
        String timestamp = headers.getFirst("webhook-timestamp");
        List<Integer> signedWith = signedWith(secrets, payload, id, timestamp, headers.getFirst("webhook-signature"));
        if (signedWith.isEmpty()) {
            rejected.incrementAndGet();
            return Mono.just(ResponseEntity.status(401).body(Map.of("error", "signature not verified")));
        }
        JsonNode json = JSON.readTree(payload);
        JsonNode data = json.path("data");
        String subject = text(data, "reservationId") != null ? text(data, "reservationId") : text(data, "messageId");
        received.add(new Received(
                id,
                clock.instant(),
                text(json, "type"),
                subject,
                text(data, "status"),
                text(data, "previousStatus"),
                data.has("attempt") ? data.get("attempt").asInt() : null,
                text(data, "digits"),
                text(data, "reason"),
                headers.getFirst("traceparent"),
                json,
                receiver,
                signedWith));
        return changeRequests.onWebhook(json).thenReturn(ResponseEntity.ok(Map.<String, Object>of()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private List<Integer> signedWith(
            List<Webhook> secrets, String payload, String id, String timestamp, String signature) {
        return WebhookSignatures.signedWith(secrets, clock, tolerance, payload, id, timestamp, signature);
    }

    /** Accepted webhooks, oldest first; {@code subjectId} narrows to one booking or message. */
    @GetMapping(path = "/received", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Received> received(@RequestParam(required = false) String subjectId) {
        return received.stream()
                .filter(r -> subjectId == null || subjectId.equals(r.subjectId()))
                .toList();
    }

    @DeleteMapping("/received")
    ResponseEntity<Void> clear() {
        received.clear();
        return ResponseEntity.noContent().build();
    }

    /** How many webhooks failed verification. */
    @GetMapping(path = "/rejected", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Long> rejected() {
        return Map.of("rejected", rejected.get());
    }

    /** E.g. {@code {"status": 503, "delayMillis": 0, "count": 20}}: the next 20 webhooks get 503. */
    @PutMapping(path = "/behaviour", consumes = MediaType.APPLICATION_JSON_VALUE)
    Behaviour behave(@RequestBody Behaviour next) {
        behaviour.set(next);
        return next;
    }
}
