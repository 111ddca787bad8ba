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
package io.confirmline.ingress.webhook;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.InboundCallEvent;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.ingress.callback.CallbackState;
import io.confirmline.ingress.callback.CallbackTenants;
import io.confirmline.ingress.callback.InboundCall;
import io.confirmline.ingress.callback.InboundCallAnswer;
import io.confirmline.ingress.callback.InboundCallAnswers;
import io.confirmline.ingress.publish.EventSpool;
import io.confirmline.ingress.publish.RecentEvents;
import io.confirmline.ingress.publish.SpooledKind;
import io.confirmline.ingress.publish.SummaryPublisher;
import io.confirmline.ingress.reply.VcaReplies;
import io.confirmline.ingress.session.SessionView;
import io.confirmline.logging.SensitiveText;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import io.confirmline.web.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * 8x8's voice webhooks. Mounted at the documented paths and at the first prototype's, so an existing 8x8 webhook
 * registration keeps working. Every request is authenticated (the tenant's registered Authorization value) before
 * its body is parsed ({@link WebhookRequests}). Tenants come from {@link TenantDirectory} as the owner console
 * publishes them, so a new tenant or a rotated token is served without a restart. A disabled tenant's webhooks are
 * still accepted: calls it placed before it was switched off must still finish and be reported. A deleted tenant
 * is unknown (401).
 */
@RestController
public class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    private static final String CALL_ACTION = "CALL_ACTION";
    private static final String CALL_STATUS = "CALL_STATUS";
    private static final String CALL_RECEIVED = "CALL_RECEIVED";
    private static final String SESSION_SUMMARY = "SESSION_SUMMARY";
    private static final String IGNORED_REPLY = "{}";

    private final WebhookRequests requests;
    private final SessionView sessions;
    private final VcaReplies replies;
    private final EventSpool spool;
    private final SummaryPublisher summaries;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final CallbackTenants callbackTenants;
    private final InboundCallAnswers inboundCalls;
    private final RecentEvents recent;

    public WebhookController(
            WebhookRequests requests,
            SessionView sessions,
            VcaReplies replies,
            EventSpool spool,
            SummaryPublisher summaries,
            WebhookMetrics metrics,
            Clock clock,
            CallbackTenants callbackTenants,
            InboundCallAnswers inboundCalls,
            RecentEvents recent) {
        this.callbackTenants = callbackTenants;
        this.inboundCalls = inboundCalls;
        this.recent = recent;
        this.requests = requests;
        this.sessions = sessions;
        this.replies = replies;
        this.spool = spool;
        this.summaries = summaries;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Voice Call Action: answered at once from memory; the event follows through the spool. A call to a tenant's
     * virtual number ({@code CALL_RECEIVED}, as {@code CALL_ACTION} or {@code CALL_STATUS}) and the key presses of
     * such a call (our clientActionId) are answered by {@link InboundCallAnswers}; key presses of our own calls from
     * the session view.
     */
    @PostMapping(
            path = {"/webhooks/8x8/vca", "/api/webhooks/vca"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> callAction(ServerHttpRequest request) {
        return requests.receive(request, CALL_ACTION, this::interpretCallAction).flatMap(received -> {
            long started = System.nanoTime();
            EightByEightWebhook webhook = received.webhook();
            String type = webhook.eventTypeOr(CALL_ACTION);
            if (received.inbound() != null) {
                return Mono.fromFuture(answerInbound(received, type, started)).map(ResponseEntity::ok);
            }
            if (!CALL_ACTION.equals(type)) {
                metrics.count(type, "ignored");
                return Mono.just(ResponseEntity.ok(IGNORED_REPLY));
            }
            CallActionReceived event =
                    CallActions.toEvent(webhook, received.tenant().id(), clock.instant());
            // The reply is chosen from memory (waiting, bounded, only for a session that has not reached the view
            // yet); it goes out once the event is journaled (not once Kafka has it). The guest hears it even when
            // the spool is full (design.md §5: the reply never waits on the broker); only the event is then lost,
            // counted as "dropped".
            return sessions.findOrAwait(event.getSessionId()).flatMap(found -> {
                String reply = replies.choose(found, event.getEventId(), event.getDigits());
                return Mono.fromFuture(spool.accept(SpooledKind.CALL_ACTION, event))
                        .map(kept -> {
                            metrics.vcaReplyTook(System.nanoTime() - started);
                            metrics.count(type, kept ? "published" : "dropped");
                            return ResponseEntity.ok(reply);
                        });
            });
        });
    }

    /**
     * The VCA's body, and the tenant it belongs to: for an inbound call the owner of the called number, else the
     * owner of the payload's subaccount.
     */
    private Received interpretCallAction(List<Tenant> authenticated, byte[] body) {
        EightByEightWebhook webhook = EightByEightWebhook.parse(body);
        String type = webhook.eventTypeOr(CALL_ACTION);
        JsonNode payload = webhook.payload();
        boolean arrival = CALL_RECEIVED.equals(WebhookFields.text(payload, "callStatus"))
                && (CALL_ACTION.equals(type) || CALL_STATUS.equals(type));
        String clientActionId = WebhookFields.text(payload, "clientActionId");
        if (arrival || (CALL_ACTION.equals(type) && CallbackState.ours(clientActionId))) {
            InboundCall call = new InboundCall(
                    webhook.sessionId(),
                    number(payload, "source"),
                    number(payload, "destination"),
                    webhook.subAccountId(),
                    VcaReplies.meaningful(CallActions.digits(payload)),
                    arrival ? null : clientActionId);
            Tenant tenant = callbackTenants.owning(authenticated, call.virtualNumber(), webhook.subAccountId());
            return new Received(tenant, webhook, call, arrival);
        }
        return received(authenticated, webhook);
    }

    /** A phone number of an inbound call's payload, E.164; 400 when absent. */
    private static String number(JsonNode payload, String field) {
        String value = WebhookFields.text(payload, field);
        if (value == null || value.isBlank()) {
            throw WebhookRefusals.badRequest("payload." + field + " is required for an inbound call");
        }
        return PhoneNumbers.e164(value);
    }

    /**
     * Answers a VCA of an inbound call and spools its events. Each event is kept once (the recent-id set): 8x8 may
     * deliver the same {@code CALL_RECEIVED} twice, in either shape, and both get the same reply.
     */
    private CompletableFuture<String> answerInbound(Received received, String type, long started) {
        InboundCall call = received.inbound();
        InboundCallAnswer answer = received.arrival()
                ? inboundCalls.received(received.tenant(), call)
                : inboundCalls.keyPressed(received.tenant(), call);
        List<CompletableFuture<Boolean>> fresh = new ArrayList<>();
        for (InboundCallEvent event : answer.events()) {
            if (!recent.claim(event.getEventId())) {
                continue;
            }
            // Handed to the journal together, in order; each is released when not kept, so that a redelivery
            // (the caller still hears the reply, as with key presses) may still keep it.
            fresh.add(spool.accept(SpooledKind.INBOUND_CALL, event).whenComplete((kept, error) -> {
                if (error != null || !kept) {
                    recent.release(event.getEventId());
                }
            }));
        }
        return CompletableFuture.allOf(fresh.toArray(CompletableFuture[]::new)).thenApply(written -> {
            long dropped = fresh.stream().filter(kept -> !kept.join()).count();
            metrics.vcaReplyTook(System.nanoTime() - started);
            metrics.inboundCall(answer.outcome());
            metrics.count(
                    type,
                    answer.events().isEmpty()
                            ? "answered"
                            : fresh.isEmpty() ? "duplicate" : dropped > 0 ? "dropped" : "published");
            if (received.arrival() && !fresh.isEmpty()) {
                log.info(
                        "Inbound call {} from {} to tenant {}: {}",
                        call.sessionId(),
                        SensitiveText.maskPhone(call.caller()),
                        received.tenant().id(),
                        answer.outcome());
            }
            return answer.reply();
        });
    }

    /** Voice Session Summary: 200 only once the broker has acknowledged the event, else 503 so 8x8 redelivers. */
    @PostMapping(
            path = {"/webhooks/8x8/vss", "/api/webhooks/vss"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> sessionSummary(ServerHttpRequest request) {
        return receive(request, SESSION_SUMMARY).flatMap(received -> {
            EightByEightWebhook webhook = received.webhook();
            String type = webhook.eventTypeOr(SESSION_SUMMARY);
            if (!SESSION_SUMMARY.equals(type)) {
                metrics.count(type, "ignored");
                return Mono.just(ResponseEntity.ok(IGNORED_REPLY));
            }
            if (spool.full()) {
                // The broker has been away long enough to fill the spool: do not add to the producer's memory a
                // summary that cannot be stored either; 8x8 delivers it again.
                metrics.count(type, "unavailable");
                return Mono.error(WebhookRefusals.unavailable(
                        "Spool full", "Events cannot be stored at the moment; deliver the session summary again"));
            }
            SessionSummaryReceived event =
                    SessionSummaries.toEvent(webhook, received.tenant().id(), clock.instant());
            return summaries
                    .publish(event)
                    .then(Mono.fromSupplier(() -> {
                        metrics.count(type, "published");
                        return ResponseEntity.ok("{\"status\":\"ok\"}");
                    }))
                    .onErrorMap(error -> !(error instanceof ProblemException), error -> {
                        metrics.count(type, "unavailable");
                        log.warn(
                                "Session summary {} not acknowledged by Kafka in time: {}",
                                event.getEventId(),
                                error.toString());
                        return WebhookRefusals.unavailable(
                                "Kafka unavailable", "The session summary could not be stored; deliver it again");
                    });
        });
    }

    /**
     * @param inbound the inbound call this VCA is about; null for our own calls' VCAs and other webhooks
     * @param arrival whether it is the inbound call's {@code CALL_RECEIVED}
     */
    private record Received(Tenant tenant, EightByEightWebhook webhook, InboundCall inbound, boolean arrival) {}

    private Mono<Received> receive(ServerHttpRequest request, String endpointType) {
        return requests.receive(
                request,
                endpointType,
                (authenticated, body) -> received(authenticated, EightByEightWebhook.parse(body)));
    }

    private static Received received(List<Tenant> authenticated, EightByEightWebhook webhook) {
        Tenant tenant = owning(authenticated, webhook.subAccountId())
                .orElseThrow(() -> WebhookRefusals.unauthorized(
                        "The Authorization value does not belong to payload.subAccountId"));
        return new Received(tenant, webhook, null, false);
    }

    /** Of the authenticated tenants, the one whose voice subaccount the payload names. */
    private static Optional<Tenant> owning(List<Tenant> authenticated, String subAccountId) {
        return authenticated.stream()
                .filter(t -> t.account().voiceSubaccountId().equals(subAccountId))
                .findFirst();
    }
}
