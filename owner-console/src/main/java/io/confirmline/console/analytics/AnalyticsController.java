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
package io.confirmline.console.analytics;

import io.confirmline.console.page.VenuePages;
import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.web.ProblemException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The analytics page ({@code /analytics?from=&to=}) and its PDF ({@code /analytics/report.pdf}), always of the
 * signed-in user's own tenant (STAFF may read them too: they change nothing). Without dates: the last 7 days of
 * the venue's calendar.
 */
@Controller
public class AnalyticsController {

    private final ReportTenants tenants;
    private final AnalyticsService analytics;
    private final AnalyticsCharts charts;
    private final AnalyticsReport report;
    private final Clock clock;

    public AnalyticsController(
            ReportTenants tenants,
            AnalyticsService analytics,
            AnalyticsCharts charts,
            AnalyticsReport report,
            ObjectProvider<Clock> clock) {
        this.tenants = tenants;
        this.analytics = analytics;
        this.charts = charts;
        this.report = report;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/analytics")
    Mono<String> page(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model,
            Locale locale,
            ServerWebExchange exchange) {
        return VenuePages.member(model)
                .flatMap(principal -> Mono.justOrEmpty(principal.tenantId()))
                .flatMap(tenants::find)
                .flatMap(tenant -> {
                    DateRange range;
                    try {
                        range = DateRange.parse(from, to, today(tenant));
                    } catch (ProblemException invalid) {
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        model.addAttribute("rangeInvalid", true);
                        range = DateRange.parse(null, null, today(tenant));
                    }
                    DateRange shown = range;
                    return analytics.figures(tenant, shown).map(figures -> {
                        model.addAttribute("tenant", tenant);
                        model.addAttribute("figures", figures);
                        model.addAttribute("charts", charts.draw(figures, locale));
                        model.addAttribute("channelNames", charts);
                        model.addAttribute("query", "from=" + shown.from() + "&to=" + shown.to());
                        return "analytics";
                    });
                })
                .switchIfEmpty(Mono.fromSupplier(() -> VenuePages.forbidden(model, exchange, null)));
    }

    @GetMapping("/analytics/report.pdf")
    Mono<ResponseEntity<byte[]>> pdf(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, Locale locale) {
        return ConsolePrincipal.current()
                .flatMap(principal -> Mono.justOrEmpty(principal.tenantId()))
                .flatMap(tenants::find)
                .switchIfEmpty(Mono.error(() -> new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "console-forbidden",
                        "Forbidden",
                        "Only a tenant's users have analytics")))
                .flatMap(tenant -> analytics.figures(tenant, DateRange.parse(from, to, today(tenant))))
                // Laying out a PDF is CPU work of a few milliseconds, kept off the event loop all the same.
                .flatMap(figures -> Mono.fromCallable(() -> report.pdf(figures, locale))
                        .subscribeOn(Schedulers.boundedElastic())
                        .map(bytes -> ResponseEntity.ok()
                                .contentType(MediaType.APPLICATION_PDF)
                                .header(
                                        HttpHeaders.CONTENT_DISPOSITION,
                                        ContentDisposition.attachment()
                                                .filename("analytics-"
                                                        + figures.tenant().id() + "-"
                                                        + figures.range().from() + "-"
                                                        + figures.range().to() + ".pdf")
                                                .build()
                                                .toString())
                                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                .body(bytes)));
    }

    private LocalDate today(ReportTenant tenant) {
        return LocalDate.now(clock.withZone(tenant.zone()));
    }
}
