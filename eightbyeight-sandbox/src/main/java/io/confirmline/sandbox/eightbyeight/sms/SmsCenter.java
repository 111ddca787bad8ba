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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's SMS platform: accepts texts (once per {@code clientMessageId}), posts their delivery receipts,
 * plays the simulated guests' answers, and delivers texts a person sends ({@code POST /sandbox/sms}) to the MO
 * webhook. Payloads follow 8x8-voice-api.md §7 (DR) and §7.1 (MO).
 */
@Component
class SmsCenter {

    /** 8x8's documented example price per SMS; the sandbox charges it for every part. */
    private static final BigDecimal PER_SMS = new BigDecimal("0.0125");

    private static final String CURRENCY = "USD";

    /**
     * A text a client sent through Send SMS, as the sandbox received it.
     *
     * @param guest what the guest at the destination does ({@link SmsGuest})
     * @param reply what the guest answers to this text, or null (none, or not the first text from this sender)
     */
    record ReceivedText(
            String umid,
            String subAccountId,
            String source,
            String destination,
            String text,
            String encoding,
            int smsCount,
            String clientMessageId,
            Instant receivedAt,
            String status,
            String guest,
            String reply) {}

    /** An answer of Send SMS: the HTTP status, the body, and a {@code Retry-After} (0 for none). */
    record Answer(int httpStatus, Map<String, Object> body, int retryAfterSeconds) {}

    private final SmsProperties properties;
    private final SmsWebhookSender webhooks;
    private final SmsAccounts accounts;
    private final Clock clock;
    private final List<ReceivedText> texts = new CopyOnWriteArrayList<>();
    /** The first answer per subaccount and clientMessageId: a repeated request gets it again and sends nothing. */
    private final Map<String, Answer> answered = new ConcurrentHashMap<>();

    private final Map<String, SmsGuest> overrides = new ConcurrentHashMap<>();
    /** Numbers whose one-time failure (THROTTLED_ONCE, UNAVAILABLE_ONCE) has been answered. */
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    /** guest|sender pairs a guest has answered: only the first text from a sender is answered. */
    private final Set<String> answeredBy = ConcurrentHashMap.newKeySet();

    SmsCenter(SmsProperties properties, SmsWebhookSender webhooks, SmsAccounts accounts, Clock clock) {
        this.properties = properties;
        this.webhooks = webhooks;
        this.accounts = accounts;
        this.clock = clock;
    }

    static String normalised(String number) {
        return number.startsWith("+") ? number : "+" + number;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    void override(String number, SmsGuest guest) {
        String key = normalised(number);
        overrides.put(key, guest);
        failedOnce.remove(key);
    }

    SmsGuest guestAt(String number) {
        String key = normalised(number);
        return overrides.getOrDefault(key, SmsGuest.forNumber(key));
    }

    List<ReceivedText> texts(Optional<String> destination) {
        return destination
                .map(SmsCenter::normalised)
                .map(d -> texts.stream().filter(t -> t.destination().equals(d)).toList())
                .orElseGet(() -> List.copyOf(texts));
    }

    /** Send SMS for a valid body of an authenticated subaccount. */
    Answer send(SmsProperties.Subaccount subaccount, JsonNode request) {
        String clientMessageId = request.path("clientMessageId").asString(null);
        String destination = normalised(request.get("destination").asString());
        SmsGuest guest = guestAt(destination);
        String key = subaccount.id() + "|" + clientMessageId;
        if (clientMessageId != null && answered.containsKey(key)) {
            return answered.get(key);
        }
        if ((guest == SmsGuest.THROTTLED_ONCE || guest == SmsGuest.UNAVAILABLE_ONCE) && failedOnce.add(destination)) {
            // Refused before anything is accepted: the client's retry of the same request is then accepted.
            SmsRefusal refusal = guest == SmsGuest.THROTTLED_ONCE
                    ? new SmsRefusal(429, 2000, "Too many requests", 1)
                    : SmsRefusal.of(503, 2000, "Service unavailable");
            return new Answer(refusal.httpStatus(), refusal.body(clock), refusal.retryAfterSeconds());
        }
        if (clientMessageId == null) {
            return accept(subaccount, request, destination, guest);
        }
        // Atomic per key, so two concurrent requests with one clientMessageId send one text.
        return answered.computeIfAbsent(key, k -> accept(subaccount, request, destination, guest));
    }

    private Answer accept(SmsProperties.Subaccount subaccount, JsonNode request, String destination, SmsGuest guest) {
        String text = request.get("text").asString();
        String encoding = TextEncoding.of(text, request.path("encoding").asString("AUTO"));
        int smsCount = TextEncoding.smsCount(text, encoding);
        String source = request.hasNonNull("source") ? request.get("source").asString() : null;
        String clientMessageId = request.hasNonNull("clientMessageId")
                ? request.get("clientMessageId").asString()
                : null;
        boolean rejected = guest == SmsGuest.REJECTED;
        String umid = UUID.randomUUID().toString();
        // The guest answers only the first text from a sender (never an acknowledgement), and a rejected text never.
        String sender =
                source == null ? subaccount.numbers().stream().findFirst().orElse(null) : normalisedSender(source);
        String reply =
                !rejected && guest.reply() != null && sender != null && answeredBy.add(destination + "|" + sender)
                        ? guest.reply()
                        : null;
        ReceivedText received = new ReceivedText(
                umid,
                subaccount.id(),
                source,
                destination,
                text,
                encoding,
                smsCount,
                clientMessageId,
                now(),
                rejected ? "REJECTED" : "QUEUED",
                guest.name(),
                reply);
        texts.add(received);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("umid", umid);
        if (clientMessageId != null) {
            body.put("clientMessageId", clientMessageId);
        }
        // 8x8's examples answer the MSISDN without its plus.
        body.put("destination", destination.substring(1));
        body.put("encoding", encoding);
        body.put(
                "status",
                rejected
                        ? Map.of("code", "REJECTED", "description", "SMS is rejected")
                        : Map.of("code", "QUEUED", "description", "SMS is accepted and queued for processing"));
        if (!rejected) {
            URI callback = request.hasNonNull("dlrCallbackUrl")
                    ? URI.create(request.get("dlrCallbackUrl").asString())
                    : null;
            later(
                    properties.receiptTime(),
                    () -> webhooks.send(subaccount, "DR", umid, receipt(received, guest), callback));
        }
        if (reply != null) {
            later(properties.replyTime(), () -> deliverInbound(subaccount, destination, sender, reply));
        }
        return new Answer(200, body, 0);
    }

    /** A numeric sender is a number (with its plus); an alphanumeric sender id stays as it is. */
    private static String normalisedSender(String sender) {
        return sender.matches("\\+?[0-9]+") ? normalised(sender) : sender;
    }

    private static void later(Duration delay, Runnable action) {
        Mono.delay(delay).subscribe(tick -> action.run());
    }

    private Map<String, Object> receipt(ReceivedText text, SmsGuest guest) {
        Map<String, Object> status = new LinkedHashMap<>();
        boolean delivered = guest != SmsGuest.UNDELIVERED;
        status.put("state", delivered ? "delivered" : "undelivered");
        status.put("detail", delivered ? "delivered_to_recipient" : "undelivered_to_recipient");
        status.put("timestamp", now().toString());
        if (!delivered) {
            status.put("errorCode", 15);
            status.put("errorMessage", "Invalid destination");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("umid", text.umid());
        if (text.clientMessageId() != null) {
            payload.put("clientMessageId", text.clientMessageId());
        }
        payload.put("subAccountId", text.subAccountId());
        if (text.source() != null) {
            payload.put("source", text.source());
        }
        payload.put("destination", text.destination());
        payload.put("status", status);
        payload.put("price", price(text.smsCount()));
        payload.put("smsCount", text.smsCount());
        return event("outbound_message_status_changed", "SMS outbound message delivery receipt", payload);
    }

    /** A text from {@code from} to the virtual number {@code to}, posted to the subaccount's MO webhook; its umid. */
    String deliverInbound(SmsProperties.Subaccount subaccount, String from, String to, String body) {
        String umid = UUID.randomUUID().toString();
        String encoding = TextEncoding.of(body, "AUTO");
        int smsCount = TextEncoding.smsCount(body, encoding);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("umid", umid);
        payload.put("subAccountId", subaccount.id());
        payload.put("timestamp", now().toString());
        payload.put("source", from);
        payload.put("destination", to);
        payload.put("body", body);
        payload.put("encoding", encoding);
        payload.put("smsCount", smsCount);
        payload.put("price", price(smsCount));
        webhooks.send(subaccount, "MO", umid, event("inbound_message_received", "SMS inbound message", payload), null);
        return umid;
    }

    /**
     * The subaccount a person's text to {@code to} belongs to: the one named, else the one owning the number, else
     * the one that last sent a text from it, else the only one configured.
     */
    Optional<SmsProperties.Subaccount> subaccountFor(Optional<String> named, String to) {
        if (named.isPresent()) {
            return accounts.subaccount(named.get());
        }
        Optional<SmsProperties.Subaccount> owner = accounts.owning(to);
        if (owner.isPresent()) {
            return owner;
        }
        for (int i = texts.size() - 1; i >= 0; i--) {
            ReceivedText text = texts.get(i);
            if (text.source() != null && normalisedSender(text.source()).equals(to)) {
                return accounts.subaccount(text.subAccountId());
            }
        }
        return accounts.all().size() == 1 ? Optional.of(accounts.all().get(0)) : Optional.empty();
    }

    private static Map<String, Object> price(int smsCount) {
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("total", PER_SMS.multiply(BigDecimal.valueOf(smsCount)).setScale(4, RoundingMode.HALF_UP));
        price.put("perSms", PER_SMS);
        price.put("currency", CURRENCY);
        return price;
    }

    private static Map<String, Object> event(String eventType, String description, Map<String, Object> payload) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("namespace", "SMS");
        event.put("eventType", eventType);
        event.put("description", description);
        event.put("payload", payload);
        return event;
    }
}
