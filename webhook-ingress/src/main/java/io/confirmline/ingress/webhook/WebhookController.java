package io.confirmline.ingress.webhook;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.ingress.publish.EventSpool;
import io.confirmline.ingress.publish.SpooledKind;
import io.confirmline.ingress.publish.SummaryPublisher;
import io.confirmline.ingress.reply.VcaReplies;
import io.confirmline.ingress.session.SessionView;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import io.confirmline.web.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

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
    private static final String SESSION_SUMMARY = "SESSION_SUMMARY";
    private static final String IGNORED_REPLY = "{}";

    private final WebhookRequests requests;
    private final SessionView sessions;
    private final VcaReplies replies;
    private final EventSpool spool;
    private final SummaryPublisher summaries;
    private final WebhookMetrics metrics;
    private final Clock clock;

    public WebhookController(WebhookRequests requests, SessionView sessions, VcaReplies replies,
            EventSpool spool, SummaryPublisher summaries, WebhookMetrics metrics, Clock clock) {
        this.requests = requests;
        this.sessions = sessions;
        this.replies = replies;
        this.spool = spool;
        this.summaries = summaries;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Voice Call Action: answered at once from the session view; the event follows through the spool. */
    @PostMapping(path = {"/webhooks/8x8/vca", "/api/webhooks/vca"}, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> callAction(ServerHttpRequest request) {
        return receive(request, CALL_ACTION).map(received -> {
            long started = System.nanoTime();
            EightByEightWebhook webhook = received.webhook();
            String type = webhook.eventTypeOr(CALL_ACTION);
            if (!CALL_ACTION.equals(type)) {
                metrics.count(type, "ignored");
                return ResponseEntity.ok(IGNORED_REPLY);
            }
            CallActionReceived event = CallActions.toEvent(webhook, received.tenant().id(), clock.instant());
            String reply = replies.choose(sessions.find(event.getSessionId()), event.getEventId(), event.getDigits());
            // The guest hears the reply even when the spool is full (design.md §5: the reply never waits on the
            // broker); only the event is then lost, counted as "dropped".
            boolean kept = spool.accept(SpooledKind.CALL_ACTION, event);
            metrics.vcaReplyTook(System.nanoTime() - started);
            metrics.count(type, kept ? "published" : "dropped");
            return ResponseEntity.ok(reply);
        });
    }

    /** Voice Session Summary: 200 only once the broker has acknowledged the event, else 503 so 8x8 redelivers. */
    @PostMapping(path = {"/webhooks/8x8/vss", "/api/webhooks/vss"}, produces = MediaType.APPLICATION_JSON_VALUE)
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
                return Mono.error(WebhookRefusals.unavailable("Spool full",
                        "Events cannot be stored at the moment; deliver the session summary again"));
            }
            SessionSummaryReceived event = SessionSummaries.toEvent(webhook, received.tenant().id(), clock.instant());
            return summaries.publish(event)
                    .then(Mono.fromSupplier(() -> {
                        metrics.count(type, "published");
                        return ResponseEntity.ok("{\"status\":\"ok\"}");
                    }))
                    .onErrorMap(error -> !(error instanceof ProblemException), error -> {
                        metrics.count(type, "unavailable");
                        log.warn("Session summary {} not acknowledged by Kafka in time: {}", event.getEventId(),
                                error.toString());
                        return WebhookRefusals.unavailable("Kafka unavailable",
                                "The session summary could not be stored; deliver it again");
                    });
        });
    }

    private record Received(Tenant tenant, EightByEightWebhook webhook) {
    }

    private Mono<Received> receive(ServerHttpRequest request, String endpointType) {
        return requests.receive(request, endpointType, (authenticated, body) -> {
            EightByEightWebhook webhook = EightByEightWebhook.parse(body);
            Tenant tenant = owning(authenticated, webhook.subAccountId())
                    .orElseThrow(() -> WebhookRefusals.unauthorized(
                            "The Authorization value does not belong to payload.subAccountId"));
            return new Received(tenant, webhook);
        });
    }

    /** Of the authenticated tenants, the one whose voice subaccount the payload names. */
    private static Optional<Tenant> owning(List<Tenant> authenticated, String subAccountId) {
        return authenticated.stream()
                .filter(t -> t.account().voiceSubaccountId().equals(subAccountId))
                .findFirst();
    }
}
