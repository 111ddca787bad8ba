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
package io.confirmline.console.conversation;

import static io.confirmline.console.page.VenuePages.forbidden;
import static io.confirmline.console.page.VenuePages.member;
import static io.confirmline.console.page.VenuePages.notFound;

import io.confirmline.console.audit.AuditEntry;
import io.confirmline.console.audit.AuditLog;
import io.confirmline.console.backend.BackendException;
import io.confirmline.console.backend.OrchestratorClient;
import io.confirmline.console.page.VenuePages;
import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.logging.SensitiveText;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The conversations inbox: {@code /conversations} lists the tenant's threads, {@code /conversations/{phone}} shows
 * one and marks it read (for whoever of the venue opens it): its texts, the assistant's marked as such, and a line
 * for each change or booking the guest asked the platform for. An OWNER replies (a typed text or a quick reply) and
 * takes the conversation over through the orchestrator; each action is confirmed on the page and audited. STAFF see
 * no controls and their posts are refused (403). A thread the tenant does not have — another tenant's included —
 * is a 404 page; an orchestrator refusal (an opted-out guest: 409) is shown with its own words.
 */
@Controller
public class InboxController {

    /** The orchestrator's own limit on an owner's text (ten segments). */
    static final int MAX_REPLY = 1530;
    /** What {@code ?done=} may confirm, as message keys {@code conversation.done.<it>}. */
    private static final Set<String> DONE = Set.of("sent", "takenOver");

    private final Inbox inbox;
    private final QuickReplies quickReplies;
    private final OrchestratorClient orchestrator;
    private final AuditLog audit;
    private final ClientAddress addresses;
    private final VenuePages pages;
    private final GuestAskWording asks;

    public InboxController(
            Inbox inbox,
            QuickReplies quickReplies,
            OrchestratorClient orchestrator,
            AuditLog audit,
            ClientAddress addresses,
            VenuePages pages,
            GuestAskWording asks) {
        this.inbox = inbox;
        this.quickReplies = quickReplies;
        this.orchestrator = orchestrator;
        this.audit = audit;
        this.addresses = addresses;
        this.pages = pages;
        this.asks = asks;
    }

    @GetMapping("/conversations")
    Mono<String> list(Model model, ServerWebExchange exchange) {
        return member(model)
                .flatMap(principal -> {
                    String tenant = principal.tenantId().orElseThrow();
                    return zone(tenant, model)
                            .then(inbox.threads(tenant).collectList())
                            .doOnNext(threads -> model.addAttribute("threads", threads))
                            .thenReturn("conversations");
                })
                .switchIfEmpty(Mono.fromSupplier(() -> forbidden(model, exchange, null)));
    }

    @GetMapping("/conversations/{phone}")
    Mono<String> thread(@PathVariable String phone, Model model, ServerWebExchange exchange) {
        return member(model)
                .flatMap(principal -> {
                    String tenant = principal.tenantId().orElseThrow();
                    if (!GuestPhones.valid(phone)) {
                        return Mono.just(notFound(model, exchange, "conversation.notFound"));
                    }
                    return inbox.markRead(tenant, phone)
                            .then(page(principal, phone, model, exchange))
                            .doOnNext(view -> {
                                String done =
                                        exchange.getRequest().getQueryParams().getFirst("done");
                                if (done != null && DONE.contains(done)) {
                                    model.addAttribute("done", "conversation.done." + done);
                                }
                            });
                })
                .switchIfEmpty(Mono.fromSupplier(() -> forbidden(model, exchange, null)));
    }

    @PostMapping("/conversations/{phone}/reply")
    Mono<String> reply(@PathVariable String phone, Model model, ServerWebExchange exchange) {
        return owner(
                model,
                exchange,
                phone,
                principal -> exchange.getFormData().flatMap(form -> {
                    String tenant = principal.tenantId().orElseThrow();
                    String quick = form.getFirst("quickReply");
                    Mono<String> text = quick == null || quick.isBlank()
                            ? Mono.justOrEmpty(form.getFirst("body"))
                                    .map(String::strip)
                                    .defaultIfEmpty("")
                            : parseId(quick) == null
                                    ? Mono.just("")
                                    : quickReplies
                                            .find(tenant, parseId(quick))
                                            .map(QuickReply::body)
                                            .defaultIfEmpty("");
                    return text.flatMap(body -> {
                        if (body.isBlank() || body.length() > MAX_REPLY) {
                            model.addAttribute("draft", body);
                            return refusedPage(
                                    principal,
                                    phone,
                                    model,
                                    exchange,
                                    HttpStatus.BAD_REQUEST,
                                    body.isBlank() ? "conversation.reply.empty" : "conversation.reply.tooLong",
                                    null);
                        }
                        return orchestrator
                                .sendText(tenant, phone, body)
                                .flatMap(queued -> audited(
                                        principal,
                                        exchange,
                                        "conversation.reply",
                                        "Texted the guest "
                                                + SensitiveText.maskPhone(phone) + " (" + body.length() + " characters"
                                                + (quick == null || quick.isBlank() ? "" : ", quick reply " + quick)
                                                + ")"))
                                .then(inbox.markTakenOver(tenant, phone))
                                .thenReturn("redirect:/conversations/" + phone + "?done=sent")
                                .onErrorResume(BackendException.class, refused -> {
                                    model.addAttribute("draft", body);
                                    return refusedPage(
                                            principal,
                                            phone,
                                            model,
                                            exchange,
                                            refused.getStatusCode(),
                                            null,
                                            refused.reason());
                                });
                    });
                }));
    }

    @PostMapping("/conversations/{phone}/takeover")
    Mono<String> takeOver(@PathVariable String phone, Model model, ServerWebExchange exchange) {
        return owner(model, exchange, phone, principal -> {
            String tenant = principal.tenantId().orElseThrow();
            return orchestrator
                    .takeOver(tenant, phone)
                    .then(audited(
                            principal,
                            exchange,
                            "conversation.takeover",
                            "Took over the conversation with " + SensitiveText.maskPhone(phone)))
                    .then(inbox.markTakenOver(tenant, phone))
                    .thenReturn("redirect:/conversations/" + phone + "?done=takenOver")
                    .onErrorResume(
                            BackendException.class,
                            refused -> refusedPage(
                                    principal,
                                    phone,
                                    model,
                                    exchange,
                                    refused.getStatusCode(),
                                    null,
                                    refused.reason()));
        });
    }

    /** The thread page; the 404 page when the tenant has no thread with this guest. */
    private Mono<String> page(ConsolePrincipal principal, String phone, Model model, ServerWebExchange exchange) {
        String tenant = principal.tenantId().orElseThrow();
        return inbox.thread(tenant, phone)
                .flatMap(thread -> {
                    model.addAttribute("thread", thread);
                    model.addAttribute("canAct", principal.canManage(tenant));
                    model.addAttribute("maxReply", MAX_REPLY);
                    return zone(tenant, model)
                            .then(Mono.zip(
                                            inbox.messages(tenant, phone).collectList(),
                                            inbox.asks(tenant, phone).collectList())
                                    .doOnNext(both -> model.addAttribute(
                                            "entries",
                                            ThreadEntry.merge(both.getT1(), both.getT2(), asks, locale(exchange)))))
                            .then(quickReplies
                                    .all(tenant)
                                    .collectList()
                                    .doOnNext(list -> model.addAttribute("quickReplies", list)))
                            .thenReturn("conversation");
                })
                .switchIfEmpty(Mono.fromSupplier(() -> notFound(model, exchange, "conversation.notFound")));
    }

    /** The thread again with what went wrong in its flash: a refusal of ours (a key) or the orchestrator's words. */
    private Mono<String> refusedPage(
            ConsolePrincipal principal,
            String phone,
            Model model,
            ServerWebExchange exchange,
            HttpStatusCode status,
            String problemKey,
            String problem) {
        model.addAttribute("problemKey", problemKey);
        model.addAttribute("problem", problem);
        return page(principal, phone, model, exchange).doOnNext(view -> {
            if (view.equals("conversation")) {
                exchange.getResponse().setStatusCode(status);
            }
        });
    }

    /** Runs {@code action} for an OWNER of the tenant on a valid phone; STAFF get the 403 page, a bad phone a 404. */
    private Mono<String> owner(
            Model model,
            ServerWebExchange exchange,
            String phone,
            java.util.function.Function<ConsolePrincipal, Mono<String>> action) {
        return VenuePages.owner(model, exchange, principal -> {
            if (!GuestPhones.valid(phone)) {
                return Mono.just(notFound(model, exchange, "conversation.notFound"));
            }
            return inbox.thread(principal.tenantId().orElseThrow(), phone)
                    .flatMap(thread -> action.apply(principal))
                    .switchIfEmpty(Mono.fromSupplier(() -> notFound(model, exchange, "conversation.notFound")));
        });
    }

    private Mono<Void> audited(ConsolePrincipal principal, ServerWebExchange exchange, String action, String detail) {
        return audit.record(new AuditEntry(
                principal.name(), action, principal.tenantId().orElse(null), detail, addresses.of(exchange)));
    }

    /** The tenant's zone for the page's times (the venue's clock). */
    private Mono<Void> zone(String tenant, Model model) {
        return pages.timeZone(tenant)
                .doOnNext(zone -> model.addAttribute("tenantZone", zone))
                .then();
    }

    private static Locale locale(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return locale == null ? Locale.ENGLISH : locale;
    }

    private static Long parseId(String value) {
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
