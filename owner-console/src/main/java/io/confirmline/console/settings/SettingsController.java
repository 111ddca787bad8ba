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
package io.confirmline.console.settings;

import static io.confirmline.console.page.VenuePages.member;

import io.confirmline.console.home.OwnTenant;
import io.confirmline.console.page.VenuePages;
import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.console.tenant.TenantAccess;
import io.confirmline.console.tenant.TenantRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The settings pages of the signed-in user's own tenant: calling and opening hours, lead time, minimum notice, the
 * venue's phone, the assistant (its switch, the owner's window before it answers, its FAQ, the venue's address and
 * the platform's availability URL) on {@code /settings}; the call's sentences and the texts per language on
 * {@code /settings/templates/{language}}. An OWNER changes them (effective without a restart: tenants.v1); STAFF
 * see them read only and a change they post anyway is refused (403). Secrets are neither shown nor changed here.
 */
@Controller
public class SettingsController {

    private final SettingsEditor editor;
    private final OwnTenant tenants;
    private final ClientAddress addresses;

    public SettingsController(SettingsEditor editor, OwnTenant tenants, ClientAddress addresses) {
        this.editor = editor;
        this.tenants = tenants;
        this.addresses = addresses;
    }

    @GetMapping("/settings")
    Mono<String> settings(Model model, ServerWebExchange exchange) {
        return member(model)
                .flatMap(principal -> editor.current(tenantOf(principal))
                        .flatMap(row -> general(
                                        model, principal, row, GeneralForm.of(row.settings()), Map.of(), null, exchange)
                                .doOnNext(page -> model.addAttribute(
                                        "saved",
                                        exchange.getRequest().getQueryParams().containsKey("saved")))));
    }

    @PostMapping("/settings")
    Mono<String> saveSettings(Model model, ServerWebExchange exchange) {
        return VenuePages.owner(
                model,
                exchange,
                principal -> exchange.getFormData().flatMap(posted -> {
                    GeneralForm form = GeneralForm.of(posted);
                    return editor.change(
                                    tenantOf(principal),
                                    form::applyTo,
                                    TenantAccess.actor(principal, addresses.of(exchange)))
                            .flatMap(outcome -> outcome.isSaved()
                                    ? Mono.just("redirect:/settings?saved")
                                    : editor.current(tenantOf(principal)).flatMap(row -> {
                                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                                        Map<String, String> errors = new LinkedHashMap<>();
                                        String other = placeGeneral(outcome, form.periodIds(), errors);
                                        return general(model, principal, row, form, errors, other, exchange);
                                    }));
                }));
    }

    @GetMapping("/settings/templates/{language}")
    Mono<String> templates(@PathVariable String language, Model model, ServerWebExchange exchange) {
        if (!TemplateForm.isLanguage(language)) {
            return notFound();
        }
        return member(model)
                .flatMap(principal -> editor.current(tenantOf(principal))
                        .flatMap(row -> templatePage(
                                        model,
                                        principal,
                                        row,
                                        TemplateForm.of(row.settings(), language),
                                        Map.of(),
                                        null,
                                        exchange)
                                .doOnNext(page -> model.addAttribute(
                                        "saved",
                                        exchange.getRequest().getQueryParams().containsKey("saved")))));
    }

    @PostMapping("/settings/templates/{language}")
    Mono<String> saveTemplates(@PathVariable String language, Model model, ServerWebExchange exchange) {
        if (!TemplateForm.isLanguage(language)) {
            return notFound();
        }
        return VenuePages.owner(
                model,
                exchange,
                principal -> exchange.getFormData().flatMap(posted -> {
                    Map<String, String> own = TemplateForm.posted(language, posted);
                    return editor.change(
                                    tenantOf(principal),
                                    json -> TemplateForm.applyTo(json, language, own),
                                    TenantAccess.actor(principal, addresses.of(exchange)))
                            .flatMap(outcome -> outcome.isSaved()
                                    ? Mono.just("redirect:/settings/templates/" + language + "?saved")
                                    : editor.current(tenantOf(principal)).flatMap(row -> {
                                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                                        Map<String, String> errors = new LinkedHashMap<>();
                                        String other = placeTemplates(outcome, language, errors);
                                        return templatePage(
                                                model,
                                                principal,
                                                row,
                                                TemplateForm.of(language, unsaved(posted)),
                                                errors,
                                                other,
                                                exchange);
                                    }));
                }));
    }

    private Mono<String> general(
            Model model,
            ConsolePrincipal principal,
            TenantRow row,
            GeneralForm form,
            Map<String, String> errors,
            String other,
            ServerWebExchange exchange) {
        model.addAttribute("form", form);
        return common(model, principal, row, errors, other, exchange).thenReturn("settings");
    }

    private Mono<String> templatePage(
            Model model,
            ConsolePrincipal principal,
            TenantRow row,
            TemplateForm form,
            Map<String, String> errors,
            String other,
            ServerWebExchange exchange) {
        model.addAttribute("templates", form);
        model.addAttribute("languageName", displayName(form.language(), exchange));
        return common(model, principal, row, errors, other, exchange).thenReturn("settings-templates");
    }

    private Mono<Void> common(
            Model model,
            ConsolePrincipal principal,
            TenantRow row,
            Map<String, String> errors,
            String other,
            ServerWebExchange exchange) {
        model.addAttribute("canEdit", principal.canManage(row.id()));
        model.addAttribute("errors", errors);
        model.addAttribute("otherProblem", other);
        model.addAttribute("saved", false);
        Map<String, String> languages = new LinkedHashMap<>();
        TemplateForm.languages(row.settings()).forEach(tag -> languages.put(tag, displayName(tag, exchange)));
        model.addAttribute("languages", languages);
        return tenants.find(row.id())
                .doOnNext(view -> model.addAttribute("tenant", view))
                .then();
    }

    /** Puts each problem next to its input; answers those that belong to none, one line each. */
    private static String placeGeneral(
            SettingsEditor.Outcome outcome, List<String> periods, Map<String, String> errors) {
        StringBuilder other = new StringBuilder(outcome.detail() == null ? "" : outcome.detail());
        outcome.problems().forEach((field, message) -> {
            String id = inputOfGeneral(field, periods);
            if (id != null) {
                errors.putIfAbsent(id, message);
            } else {
                other.append(other.isEmpty() ? "" : "\n")
                        .append(field)
                        .append(": ")
                        .append(message);
            }
        });
        return other.isEmpty() ? null : other.toString();
    }

    private static String inputOfGeneral(String field, List<String> periods) {
        if (List.of(
                        "callingOpens",
                        "callingCloses",
                        "leadTime",
                        "minimumNotice",
                        "venuePhone",
                        "assistantFaq",
                        "assistantEnabled",
                        "humanWindow",
                        "venueAddress",
                        "availabilityUrl")
                .contains(field)) {
            return field;
        }
        java.util.regex.Matcher period = java.util.regex.Pattern.compile("openingHours\\[(\\d+)](?:\\.(\\w+))?")
                .matcher(field);
        if (period.matches() && periods != null && Integer.parseInt(period.group(1)) < periods.size()) {
            String part = "closes".equals(period.group(2)) ? "closes" : "opens";
            return periods.get(Integer.parseInt(period.group(1))) + "-" + part;
        }
        return null;
    }

    private static String placeTemplates(SettingsEditor.Outcome outcome, String language, Map<String, String> errors) {
        StringBuilder other = new StringBuilder(outcome.detail() == null ? "" : outcome.detail());
        String prefix = "prompts." + language + ".";
        outcome.problems().forEach((field, message) -> {
            if (field.startsWith(prefix)) {
                errors.putIfAbsent("template-" + field.substring(prefix.length()), message);
            } else {
                other.append(other.isEmpty() ? "" : "\n")
                        .append(field)
                        .append(": ")
                        .append(message);
            }
        });
        return other.isEmpty() ? null : other.toString();
    }

    /** The texts as posted, to show them back next to their problems (reset ones empty). */
    private static Map<String, String> unsaved(MultiValueMap<String, String> posted) {
        Map<String, String> texts = new LinkedHashMap<>();
        String reset = posted.getFirst("reset");
        posted.forEach((name, values) -> {
            if (name.startsWith("template.")
                    && !values.isEmpty()
                    && !name.substring(9).equals(reset)) {
                texts.put(
                        name.substring(9),
                        values.get(0) == null ? "" : values.get(0).strip());
            }
        });
        return texts;
    }

    private static String displayName(String tag, ServerWebExchange exchange) {
        Locale reader = exchange.getLocaleContext().getLocale();
        Locale locale = Locale.forLanguageTag(tag);
        String name = locale.getDisplayName(reader == null ? Locale.ENGLISH : reader);
        return name.isEmpty() ? tag : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    private static Mono<String> notFound() {
        return Mono.error(new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String tenantOf(ConsolePrincipal principal) {
        return principal.tenantId().orElseThrow();
    }
}
