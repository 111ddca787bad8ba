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
package io.confirmline.ingress.sms;

import io.confirmline.events.SmsReceived;
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.ingress.publish.EventSpool;
import io.confirmline.ingress.publish.RecentEvents;
import io.confirmline.ingress.publish.SpooledKind;
import io.confirmline.ingress.webhook.WebhookMetrics;
import io.confirmline.ingress.webhook.WebhookRefusals;
import io.confirmline.ingress.webhook.WebhookRequests;
import io.confirmline.logging.SensitiveText;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * 8x8's SMS webhooks (design.md §10.5): a guest's text (MO) and the delivery receipts of our texts (DR). They are
 * authenticated, size-checked and read like the voice webhooks ({@link WebhookRequests}); the tenant is the owner
 * of the number in the payload ({@link SmsTenants}). 8x8 gives up on an SMS webhook after retries at 1, 10, 30 and
 * 90 s, so a broker outage longer than that must not lose a guest's STOP: both go through the ingress's disk spool
 * ({@link EventSpool}), as key presses do, and are answered 200 as soon as they are journaled; 503 (8x8 delivers
 * again) only when the spool is full. The texts' bodies are never logged, their numbers only masked.
 */
@RestController
public class SmsWebhookController {

    static final String INBOUND = "inbound_message_received";
    static final String RECEIPT = "outbound_message_status_changed";

    private static final Logger log = LoggerFactory.getLogger(SmsWebhookController.class);
    private static final String OK = "{\"status\":\"ok\"}";
    private static final String IGNORED = "{\"status\":\"ignored\"}";

    /** What a body turned out to be: an event to keep, or an event type this endpoint does not take. */
    private record Delivery<T extends SpecificRecord>(
            String type, SpooledKind<T> kind, T event, String eventId, String description) {

        static Delivery<SpecificRecord> ignored(String type) {
            return new Delivery<>(type, null, null, null, null);
        }
    }

    private final WebhookRequests requests;
    private final SmsTenants tenants;
    private final RecentEvents recent;
    private final EventSpool spool;
    private final WebhookMetrics metrics;
    private final Clock clock;

    public SmsWebhookController(
            WebhookRequests requests,
            SmsTenants tenants,
            RecentEvents recent,
            EventSpool spool,
            WebhookMetrics metrics,
            Clock clock) {
        this.requests = requests;
        this.tenants = tenants;
        this.recent = recent;
        this.spool = spool;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A guest's text to one of a tenant's numbers (MO, 8x8-voice-api.md §7.1) → {@code sms.inbound.v1}. */
    @PostMapping(path = "/webhooks/8x8/sms/inbound", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> inbound(ServerHttpRequest request) {
        return requests.<Delivery<?>>receive(request, INBOUND, (authenticated, body) -> {
                    SmsWebhook webhook = SmsWebhook.parse(body);
                    String type = webhook.eventTypeOr(INBOUND);
                    if (!INBOUND.equals(type)) {
                        return Delivery.ignored(type);
                    }
                    InboundText text = InboundText.of(webhook);
                    Tenant tenant =
                            tenants.owning(authenticated, text.to(), "payload.destination", text.subAccountId());
                    SmsReceived event = text.toEvent(tenant.id(), clock.instant());
                    return new Delivery<>(
                            type,
                            SpooledKind.SMS_RECEIVED,
                            event,
                            event.getEventId(),
                            "text " + text.umid() + " from " + SensitiveText.maskPhone(text.from()) + " to tenant "
                                    + tenant.id());
                })
                .flatMap(this::keep);
    }

    /** A delivery receipt of one of our texts (DR, 8x8-voice-api.md §7) → {@code sms.receipts.v1}. */
    @PostMapping(path = "/webhooks/8x8/sms/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> receipt(ServerHttpRequest request) {
        return requests.<Delivery<?>>receive(request, RECEIPT, (authenticated, body) -> {
                    SmsWebhook webhook = SmsWebhook.parse(body);
                    String type = webhook.eventTypeOr(RECEIPT);
                    if (!RECEIPT.equals(type)) {
                        return Delivery.ignored(type);
                    }
                    DeliveryReceipt receipt = DeliveryReceipt.of(webhook);
                    Tenant tenant =
                            tenants.owning(authenticated, receipt.from(), "payload.source", receipt.subAccountId());
                    SmsStatusReceived event = receipt.toEvent(tenant.id(), clock.instant());
                    return new Delivery<>(
                            type,
                            SpooledKind.SMS_STATUS,
                            event,
                            event.getEventId(),
                            "receipt " + receipt.state() + " of text " + receipt.umid() + " to "
                                    + SensitiveText.maskPhone(receipt.to()) + " for tenant " + tenant.id());
                })
                .flatMap(this::keep);
    }

    private <T extends SpecificRecord> Mono<ResponseEntity<String>> keep(Delivery<T> delivery) {
        if (delivery.kind() == null) {
            metrics.count(delivery.type(), "ignored");
            return Mono.just(ResponseEntity.ok(IGNORED));
        }
        if (!recent.claim(delivery.eventId())) {
            // 8x8 delivered it again (our answer was slow or lost): it is kept already.
            metrics.count(delivery.type(), "duplicate");
            log.debug("Duplicate {} not kept again", delivery.description());
            return Mono.just(ResponseEntity.ok(OK));
        }
        return Mono.fromFuture(spool.accept(delivery.kind(), delivery.event()))
                // Not kept (the disk failed): a redelivery must not be taken for a duplicate.
                .doOnError(error -> recent.release(delivery.eventId()))
                .map(kept -> {
                    if (!kept) {
                        recent.release(delivery.eventId());
                        metrics.count(delivery.type(), "unavailable");
                        throw WebhookRefusals.unavailable(
                                "Spool full", "Events cannot be stored at the moment; deliver the webhook again");
                    }
                    metrics.count(delivery.type(), "published");
                    log.info("Kept {}", delivery.description());
                    return ResponseEntity.ok(OK);
                });
    }
}
