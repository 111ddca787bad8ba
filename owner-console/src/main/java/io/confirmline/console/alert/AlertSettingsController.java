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
package io.confirmline.console.alert;

import static io.confirmline.console.page.VenuePages.forbidden;
import static io.confirmline.console.page.VenuePages.member;

import io.confirmline.console.audit.AuditEntry;
import io.confirmline.console.audit.AuditLog;
import io.confirmline.console.page.VenuePages;
import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.logging.SensitiveText;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /settings/alerts}: where the owner is texted, and when (a late cancellation, a guest left unanswered). An
 * OWNER saves them (audited, in the page's language, which the alert texts then use); STAFF read them and are
 * refused a change (403).
 */
@Controller
public class AlertSettingsController {

    private final AlertSettingsStore store;
    private final AuditLog audit;
    private final ClientAddress addresses;
    private final TransactionalOperator transaction;

    public AlertSettingsController(
            AlertSettingsStore store,
            AuditLog audit,
            ClientAddress addresses,
            ReactiveTransactionManager transactions) {
        this.store = store;
        this.audit = audit;
        this.addresses = addresses;
        this.transaction = TransactionalOperator.create(transactions);
    }

    @GetMapping("/settings/alerts")
    Mono<String> show(Model model, ServerWebExchange exchange) {
        return member(model)
                .flatMap(principal -> store.find(principal.tenantId().orElseThrow())
                        .map(AlertForm::of)
                        .defaultIfEmpty(AlertForm.of((AlertSettings) null))
                        .map(form -> page(
                                principal,
                                model,
                                form,
                                Map.of(),
                                exchange.getRequest().getQueryParams().containsKey("saved"))))
                .switchIfEmpty(Mono.fromSupplier(() -> forbidden(model, exchange, null)));
    }

    @PostMapping("/settings/alerts")
    Mono<String> save(Model model, ServerWebExchange exchange) {
        return VenuePages.owner(model, exchange, principal -> {
            String tenant = principal.tenantId().orElseThrow();
            return exchange.getFormData().flatMap(posted -> {
                AlertForm form = AlertForm.of(posted);
                Map<String, String> errors = form.problems();
                if (!errors.isEmpty()) {
                    exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                    return Mono.just(page(principal, model, form, errors, false));
                }
                AlertSettings settings = form.settings(language(exchange));
                return store.save(tenant, settings)
                        .then(audit.record(new AuditEntry(
                                principal.name(),
                                "alerts.changed",
                                tenant,
                                "Alerts to " + SensitiveText.maskPhone(settings.ownerPhone()) + ": late cancellation "
                                        + (settings.lateCancelHours() == null
                                                ? "off"
                                                : settings.lateCancelHours() + " h")
                                        + ", unanswered "
                                        + (settings.unansweredMinutes() == null
                                                ? "off"
                                                : settings.unansweredMinutes() + " min"),
                                addresses.of(exchange))))
                        .as(transaction::transactional)
                        .thenReturn("redirect:/settings/alerts?saved");
            });
        });
    }

    private static String page(
            ConsolePrincipal principal, Model model, AlertForm form, Map<String, String> errors, boolean saved) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("saved", saved);
        model.addAttribute("canEdit", principal.canManage(principal.tenantId().orElseThrow()));
        model.addAttribute("maxHours", AlertForm.MAX_HOURS);
        model.addAttribute("maxMinutes", AlertForm.MAX_MINUTES);
        return "settings-alerts";
    }

    /** The language the page was read in, which the console speaks: Spanish or else English. */
    private static String language(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return locale != null && "es".equals(locale.getLanguage()) ? "es" : "en";
    }
}
