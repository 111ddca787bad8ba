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
package io.confirmline.console.booking;

import static io.confirmline.console.page.VenuePages.forbidden;
import static io.confirmline.console.page.VenuePages.member;
import static io.confirmline.console.page.VenuePages.notFound;

import io.confirmline.console.audit.AuditEntry;
import io.confirmline.console.audit.AuditLog;
import io.confirmline.console.backend.BackendException;
import io.confirmline.console.backend.NotifierClient;
import io.confirmline.console.backend.OrchestratorClient;
import io.confirmline.console.page.VenuePages;
import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.security.ConsolePrincipal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * A booking's page, {@code /bookings/{reservationId}}: the booking, every attempt of its calls with 8x8's timings
 * and codes, the texts about it and what the booking platform was told (the notifier's delivery log; the page still
 * shows the rest when the notifier does not answer). An OWNER can have the guest called again now, cancel the call
 * still to come, or text the guest — each through the orchestrator, confirmed on the page after the redirect and
 * written to the audit log. STAFF see no controls and their posts are refused (403). Another tenant's booking, or
 * none, is the same 404 page.
 */
@Controller
public class BookingController {

    /** The orchestrator's own limit on an owner's text (ten segments). */
    static final int MAX_REPLY = 1530;
    /** Longer than any platform's reservation id: not looked up. */
    static final int MAX_ID = 200;

    /** What {@code ?done=} may confirm, as message keys {@code booking.done.<it>}. */
    private static final Set<String> DONE = Set.of("redial", "cancelled", "sent");
    /** Statuses after which the guest may be called once more (the orchestrator decides; this only offers it). */
    private static final Set<String> REDIALABLE =
            Set.of("SCHEDULED", "NO_RESPONSE", "UNREACHABLE", "TEXTED", "FAILED", "SKIPPED");

    enum Action {
        REDIAL,
        CANCEL,
        REPLY
    }

    private static final Set<Action> CALL_ACTIONS = EnumSet.of(Action.REDIAL, Action.CANCEL);

    private final BookingRecords records;
    private final OrchestratorClient orchestrator;
    private final NotifierClient notifier;
    private final AuditLog audit;
    private final ClientAddress addresses;
    private final VenuePages pages;

    public BookingController(
            BookingRecords records,
            OrchestratorClient orchestrator,
            NotifierClient notifier,
            AuditLog audit,
            ClientAddress addresses,
            VenuePages pages) {
        this.records = records;
        this.pages = pages;
        this.orchestrator = orchestrator;
        this.notifier = notifier;
        this.audit = audit;
        this.addresses = addresses;
    }

    @GetMapping("/bookings/{reservationId}")
    Mono<String> page(@PathVariable String reservationId, Model model, ServerWebExchange exchange) {
        return member(model)
                .flatMap(principal -> {
                    String done = exchange.getRequest().getQueryParams().getFirst("done");
                    if (done != null && DONE.contains(done)) {
                        model.addAttribute("done", "booking.done." + done);
                    }
                    return render(principal, reservationId, model, exchange);
                })
                .switchIfEmpty(Mono.fromSupplier(() -> forbidden(model, exchange, null)));
    }

    @PostMapping("/bookings/{reservationId}/redial")
    Mono<String> redial(@PathVariable String reservationId, Model model, ServerWebExchange exchange) {
        return act(
                reservationId,
                Action.REDIAL,
                model,
                exchange,
                (principal, booking) -> form(exchange, "requestId")
                        .flatMap(requestId -> orchestrator.redial(tenant(principal), booking.callId(), requestId))
                        .flatMap(call -> audited(
                                principal,
                                exchange,
                                "booking.redial",
                                "Asked to call the guest of booking "
                                        + booking.reservationId() + " again: call " + call.callId() + " "
                                        + call.status()
                                        + ", attempt " + call.attempt()
                                        + (call.scheduledFor() == null ? "" : ", due " + call.scheduledFor())))
                        .thenReturn(redirect(booking, "redial")));
    }

    @PostMapping("/bookings/{reservationId}/cancel-call")
    Mono<String> cancelCall(@PathVariable String reservationId, Model model, ServerWebExchange exchange) {
        return act(
                reservationId,
                Action.CANCEL,
                model,
                exchange,
                (principal, booking) -> form(exchange, "requestId")
                        .flatMap(requestId -> orchestrator.cancelCall(tenant(principal), booking.callId(), requestId))
                        .flatMap(call -> audited(
                                principal,
                                exchange,
                                "booking.call-cancelled",
                                "Cancelled the pending call " + call.callId() + " of booking " + booking.reservationId()
                                        + ": " + call.status()))
                        .thenReturn(redirect(booking, "cancelled")));
    }

    @PostMapping("/bookings/{reservationId}/reply")
    Mono<String> reply(@PathVariable String reservationId, Model model, ServerWebExchange exchange) {
        return act(
                reservationId,
                Action.REPLY,
                model,
                exchange,
                (principal, booking) -> form(exchange, "body")
                        .map(String::strip)
                        .flatMap(body -> {
                            if (body.isEmpty() || body.length() > MAX_REPLY) {
                                model.addAttribute("draft", body);
                                return refused(
                                        principal,
                                        booking.reservationId(),
                                        model,
                                        exchange,
                                        HttpStatus.BAD_REQUEST,
                                        body.isEmpty() ? "booking.reply.empty" : "booking.reply.tooLong",
                                        null);
                            }
                            // The phone never reaches the audit line: the booking names the guest.
                            return orchestrator
                                    .sendText(tenant(principal), booking.guestPhone(), body)
                                    .flatMap(queued -> audited(
                                            principal,
                                            exchange,
                                            "booking.reply",
                                            "Texted the guest of "
                                                    + "booking " + booking.reservationId() + " (" + body.length()
                                                    + " characters, "
                                                    + "message " + queued.messageId() + ")"))
                                    .thenReturn(redirect(booking, "sent"))
                                    .onErrorResume(BackendException.class, e -> {
                                        model.addAttribute("draft", body);
                                        return Mono.error(e);
                                    });
                        }));
    }

    /**
     * Runs {@code action} for an OWNER of the tenant on one of its bookings that the action applies to; STAFF get
     * the 403 page, another tenant's booking the 404 page, and the orchestrator's refusal is shown in the page with
     * its status.
     */
    private Mono<String> act(
            String reservationId, Action action, Model model, ServerWebExchange exchange, ActionBody body) {
        return VenuePages.owner(model, exchange, principal -> {
            if (reservationId.length() > MAX_ID) {
                return Mono.just(notFound(model, exchange, "booking.notFound"));
            }
            return records.booking(tenant(principal), reservationId)
                    .flatMap(booking -> {
                        if (CALL_ACTIONS.contains(action) && booking.callId() == null) {
                            return refused(
                                    principal,
                                    reservationId,
                                    model,
                                    exchange,
                                    HttpStatus.CONFLICT,
                                    "booking.noCall",
                                    null);
                        }
                        if (action == Action.REPLY && !booking.hasPhone()) {
                            return refused(
                                    principal,
                                    reservationId,
                                    model,
                                    exchange,
                                    HttpStatus.CONFLICT,
                                    "booking.reply.noPhone",
                                    null);
                        }
                        return body.run(principal, booking)
                                .onErrorResume(
                                        BackendException.class,
                                        e -> refused(
                                                principal,
                                                reservationId,
                                                model,
                                                exchange,
                                                e.getStatusCode(),
                                                null,
                                                e.reason()));
                    })
                    .switchIfEmpty(Mono.fromSupplier(() -> notFound(model, exchange, "booking.notFound")));
        });
    }

    private interface ActionBody {
        Mono<String> run(ConsolePrincipal principal, BookingRecords.Booking booking);
    }

    /** The page with what went wrong in its flash: a refusal of ours (a message key) or the orchestrator's words. */
    private Mono<String> refused(
            ConsolePrincipal principal,
            String reservationId,
            Model model,
            ServerWebExchange exchange,
            HttpStatusCode status,
            String problemKey,
            String problem) {
        model.addAttribute("problemKey", problemKey);
        model.addAttribute("problem", problem);
        return render(principal, reservationId, model, exchange).doOnNext(view -> {
            if (view.equals("booking")) {
                exchange.getResponse().setStatusCode(status);
            }
        });
    }

    private Mono<String> render(
            ConsolePrincipal principal, String reservationId, Model model, ServerWebExchange exchange) {
        String tenant = tenant(principal);
        if (reservationId.length() > MAX_ID) {
            return Mono.just(notFound(model, exchange, "booking.notFound"));
        }
        return records.booking(tenant, reservationId)
                .flatMap(booking -> {
                    boolean canAct = principal.canManage(tenant);
                    boolean stands = !booking.cancelled() && !booking.ended();
                    model.addAttribute("booking", booking);
                    model.addAttribute("canAct", canAct);
                    model.addAttribute(
                            "canRedial", stands && booking.callId() != null && REDIALABLE.contains(booking.status()));
                    model.addAttribute(
                            "canCancel", stands && booking.callId() != null && "SCHEDULED".equals(booking.status()));
                    model.addAttribute("canReply", booking.hasPhone());
                    model.addAttribute("maxReply", MAX_REPLY);
                    // One id per rendered form: submitting the same form twice is one request to the orchestrator.
                    model.addAttribute("requestId", UUID.randomUUID().toString());
                    return pages.timeZone(tenant)
                            .doOnNext(zone -> model.addAttribute("tenantZone", zone))
                            .then(records.attempts(tenant, reservationId)
                                    .collectList()
                                    .doOnNext(list -> model.addAttribute("attempts", list)))
                            .then(records.texts(tenant, booking).doOnNext(list -> model.addAttribute("texts", list)))
                            .then(deliveries(tenant, reservationId, model))
                            .thenReturn("booking");
                })
                .switchIfEmpty(Mono.fromSupplier(() -> notFound(model, exchange, "booking.notFound")));
    }

    /** The notifier's log for the booking; a notifier that does not answer leaves a note instead. */
    private Mono<Void> deliveries(String tenant, String reservationId, Model model) {
        return notifier.deliveries(tenant, reservationId)
                .doOnNext(list -> model.addAttribute("deliveries", list))
                .onErrorResume(BackendException.class, e -> {
                    model.addAttribute("deliveries", List.of());
                    model.addAttribute("deliveriesUnavailable", e.reason());
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> audited(ConsolePrincipal principal, ServerWebExchange exchange, String action, String detail) {
        return audit.record(
                new AuditEntry(principal.name(), action, tenant(principal), detail, addresses.of(exchange)));
    }

    private static Mono<String> form(ServerWebExchange exchange, String field) {
        return exchange.getFormData()
                .map(form -> {
                    String value = form.getFirst(field);
                    return value == null ? "" : value;
                })
                .map(value -> value.isBlank() && field.equals("requestId")
                        ? UUID.randomUUID().toString()
                        : value);
    }

    private static String redirect(BookingRecords.Booking booking, String done) {
        return "redirect:/bookings/" + UriUtils.encodePathSegment(booking.reservationId(), StandardCharsets.UTF_8)
                + "?done=" + done;
    }

    private static String tenant(ConsolePrincipal principal) {
        return principal.tenantId().orElseThrow();
    }
}
