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
import io.confirmline.console.page.VenuePages;
import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.sms.SmsParts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /settings/quick-replies}: the tenant's ready-made answers, which the inbox offers under every reply box.
 * An OWNER adds, edits, deletes and orders them (each change audited); STAFF read them and are refused a change
 * (403). A label is at most {@value #MAX_LABEL} characters; a text must fit one six-segment SMS
 * ({@link SmsParts}, the orchestrator's own measure of a text).
 */
@Controller
public class QuickReplyController {

    static final int MAX_LABEL = 40;
    /** One concatenated SMS of six segments: 918 GSM-7 characters, about 402 otherwise. */
    static final int MAX_SEGMENTS = 6;

    private static final String PAGE = "settings-quick-replies";
    /** What {@code ?saved=} may confirm, as message keys {@code quickReplies.saved.<it>}. */
    private static final Set<String> SAVED = Set.of("added", "changed", "deleted", "moved");

    private final QuickReplies replies;
    private final AuditLog audit;
    private final ClientAddress addresses;

    public QuickReplyController(QuickReplies replies, AuditLog audit, ClientAddress addresses) {
        this.replies = replies;
        this.audit = audit;
        this.addresses = addresses;
    }

    @GetMapping("/settings/quick-replies")
    Mono<String> list(Model model, ServerWebExchange exchange) {
        return member(model)
                .flatMap(principal -> {
                    String saved = exchange.getRequest().getQueryParams().getFirst("saved");
                    if (saved != null && SAVED.contains(saved)) {
                        model.addAttribute("saved", "quickReplies.saved." + saved);
                    }
                    return page(principal, model, Map.of(), null, null);
                })
                .switchIfEmpty(Mono.fromSupplier(() -> forbidden(model, exchange, null)));
    }

    @PostMapping("/settings/quick-replies")
    Mono<String> add(Model model, ServerWebExchange exchange) {
        return owner(model, exchange, (principal, form) -> {
            String tenant = principal.tenantId().orElseThrow();
            Map<String, String> errors = problems("new", form);
            if (!errors.isEmpty()) {
                return invalid(principal, model, exchange, errors, form);
            }
            return replies.add(tenant, label(form), body(form))
                    .flatMap(id -> audited(
                            principal,
                            exchange,
                            "quick-reply.added",
                            "Added quick reply " + id + " \"" + label(form) + "\""))
                    .thenReturn("redirect:/settings/quick-replies?saved=added");
        });
    }

    @PostMapping("/settings/quick-replies/{id}")
    Mono<String> change(@PathVariable long id, Model model, ServerWebExchange exchange) {
        return owner(model, exchange, (principal, form) -> {
            Map<String, String> errors = problems(Long.toString(id), form);
            if (!errors.isEmpty()) {
                return invalid(principal, model, exchange, errors, form);
            }
            return replies.update(principal.tenantId().orElseThrow(), id, label(form), body(form))
                    .flatMap(found -> !found
                            ? Mono.just(notFound(model, exchange, "quickReplies.notFound"))
                            : audited(
                                            principal,
                                            exchange,
                                            "quick-reply.changed",
                                            "Changed quick reply " + id + " \"" + label(form) + "\"")
                                    .thenReturn("redirect:/settings/quick-replies?saved=changed"));
        });
    }

    @PostMapping("/settings/quick-replies/{id}/delete")
    Mono<String> delete(@PathVariable long id, Model model, ServerWebExchange exchange) {
        return owner(
                model,
                exchange,
                (principal, form) -> replies.delete(principal.tenantId().orElseThrow(), id)
                        .flatMap(found -> !found
                                ? Mono.just(notFound(model, exchange, "quickReplies.notFound"))
                                : audited(principal, exchange, "quick-reply.deleted", "Deleted quick reply " + id)
                                        .thenReturn("redirect:/settings/quick-replies?saved=deleted")));
    }

    @PostMapping("/settings/quick-replies/{id}/move")
    Mono<String> move(@PathVariable long id, Model model, ServerWebExchange exchange) {
        return owner(model, exchange, (principal, form) -> {
            boolean up = "up".equals(form.getFirst("direction"));
            return replies.move(principal.tenantId().orElseThrow(), id, up)
                    .flatMap(moved -> !moved
                            ? Mono.just("redirect:/settings/quick-replies")
                            : audited(
                                            principal,
                                            exchange,
                                            "quick-reply.moved",
                                            "Moved quick reply " + id + (up ? " up" : " down"))
                                    .thenReturn("redirect:/settings/quick-replies?saved=moved"));
        });
    }

    private Mono<String> page(
            ConsolePrincipal principal,
            Model model,
            Map<String, String> errors,
            String failedForm,
            MultiValueMap<String, String> posted) {
        String tenant = principal.tenantId().orElseThrow();
        model.addAttribute("canEdit", principal.canManage(tenant));
        model.addAttribute("errors", errors);
        model.addAttribute("failedForm", failedForm);
        model.addAttribute("postedLabel", posted == null ? "" : label(posted));
        model.addAttribute("postedBody", posted == null ? "" : body(posted));
        model.addAttribute("maxLabel", MAX_LABEL);
        return replies.all(tenant)
                .collectList()
                .doOnNext(list -> model.addAttribute("replies", list))
                .thenReturn(PAGE);
    }

    private Mono<String> invalid(
            ConsolePrincipal principal,
            Model model,
            ServerWebExchange exchange,
            Map<String, String> errors,
            MultiValueMap<String, String> posted) {
        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
        return page(principal, model, errors, errors.keySet().iterator().next().split("-")[0], posted);
    }

    /** What is wrong with a posted reply, by input id ({@code <form>-label}, {@code <form>-body}) → message key. */
    private static Map<String, String> problems(String formId, MultiValueMap<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String label = label(form);
        String body = body(form);
        if (label.isEmpty()) {
            errors.put(formId + "-label", "quickReplies.error.labelMissing");
        } else if (label.length() > MAX_LABEL) {
            errors.put(formId + "-label", "quickReplies.error.labelTooLong");
        }
        if (body.isEmpty()) {
            errors.put(formId + "-body", "quickReplies.error.bodyMissing");
        } else if (SmsParts.of(body).segments() > MAX_SEGMENTS) {
            errors.put(formId + "-body", "quickReplies.error.bodyTooLong");
        }
        return errors;
    }

    private static String label(MultiValueMap<String, String> form) {
        String value = form.getFirst("label");
        return value == null ? "" : value.strip();
    }

    private static String body(MultiValueMap<String, String> form) {
        String value = form.getFirst("body");
        return value == null ? "" : value.strip();
    }

    private Mono<String> owner(
            Model model,
            ServerWebExchange exchange,
            java.util.function.BiFunction<ConsolePrincipal, MultiValueMap<String, String>, Mono<String>> action) {
        return VenuePages.owner(
                model, exchange, principal -> exchange.getFormData().flatMap(form -> action.apply(principal, form)));
    }

    private Mono<Void> audited(ConsolePrincipal principal, ServerWebExchange exchange, String action, String detail) {
        return audit.record(new AuditEntry(
                principal.name(), action, principal.tenantId().orElse(null), detail, addresses.of(exchange)));
    }
}
