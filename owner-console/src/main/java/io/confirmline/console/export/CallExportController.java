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
package io.confirmline.console.export;

import io.confirmline.console.analytics.DateRange;
import io.confirmline.console.analytics.ReportTenant;
import io.confirmline.console.analytics.ReportTenants;
import io.confirmline.console.audit.AuditEntry;
import io.confirmline.console.audit.AuditLog;
import io.confirmline.console.security.ApiProblems;
import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/exports/calls.csv?from=&to=}: one CSV row per call attempt of the bookings starting in the range
 * (the venue's days), streamed from the database as the client reads it. A signed-in user exports their own tenant
 * (naming another in {@code ?tenant=} is a 403); the platform admin names the tenant with {@code ?tenant=}. Each
 * export is in the audit log (guests' names and phones left the console), before its first byte.
 */
@RestController
public class CallExportController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    /** Rows per write: the network gets reasonably sized chunks, and memory holds only these few. */
    private static final int ROWS_PER_WRITE = 64;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ReportTenants tenants;
    private final CallAttempts attempts;
    private final AuditLog audit;
    private final ClientAddress addresses;
    private final Clock clock;

    public CallExportController(
            ReportTenants tenants,
            CallAttempts attempts,
            AuditLog audit,
            ClientAddress addresses,
            ObjectProvider<Clock> clock) {
        this.tenants = tenants;
        this.attempts = attempts;
        this.audit = audit;
        this.addresses = addresses;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/exports/calls.csv")
    Mono<Void> calls(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String tenant,
            ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        return ConsolePrincipal.current()
                .switchIfEmpty(Mono.error(ApiProblems::unauthenticated))
                .flatMap(principal -> Mono.fromSupplier(() -> tenantOf(principal, tenant))
                        .flatMap(id -> tenants.find(id)
                                .switchIfEmpty(Mono.error(() -> new ProblemException(
                                        HttpStatus.NOT_FOUND,
                                        "console-tenant-not-found",
                                        "Not Found",
                                        "No tenant " + id))))
                        .flatMap(found -> {
                            DateRange range = DateRange.parse(from, to, LocalDate.now(clock.withZone(found.zone())));
                            return audit.record(new AuditEntry(
                                            principal.name(),
                                            "calls.exported",
                                            found.id(),
                                            "Calls of the bookings from " + range.from() + " to " + range.to()
                                                    + " as CSV",
                                            addresses.of(exchange)))
                                    .then(write(found, range, response));
                        }));
    }

    private Mono<Void> write(ReportTenant found, DateRange range, ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(TEXT_CSV);
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename("calls-" + found.id() + "-" + range.from() + "-" + range.to() + ".csv")
                .build());
        headers.setCacheControl("no-store");
        return response.writeWith(csv(found, range, response.bufferFactory()));
    }

    /** The principal's own tenant; another one only for the platform admin. */
    private static String tenantOf(ConsolePrincipal principal, String asked) {
        if (principal.isPlatformAdmin()) {
            if (asked == null || asked.isBlank()) {
                throw ProblemException.badRequest(
                        "console-export-tenant", "The platform admin names the tenant to export: ?tenant=<id>");
            }
            return asked;
        }
        String own =
                principal.tenantId().orElseThrow(() -> ApiProblems.forbidden("Only a tenant's users export calls"));
        if (asked != null && !asked.isBlank() && !asked.equals(own)) {
            throw ApiProblems.forbidden("You may export only your own venue's calls");
        }
        return own;
    }

    private Flux<DataBuffer> csv(ReportTenant tenant, DateRange range, DataBufferFactory buffers) {
        ZoneId zone = tenant.zone();
        Instant start = range.start(zone);
        Instant end = range.end(zone);
        Flux<String> lines = Flux.concat(
                Mono.fromSupplier(() -> CsvFormat.BOM + CsvFormat.line(header(zone))),
                attempts.of(tenant.id(), start, end).map(row -> CsvFormat.line(cells(row, zone))));
        return lines.buffer(ROWS_PER_WRITE)
                .map(chunk -> buffers.wrap(String.join("", chunk).getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> header(ZoneId zone) {
        String in = " (" + zone.getId() + ")";
        return List.of(
                "reservation",
                "booking time" + in,
                "guest name",
                "phone",
                "party size",
                "attempt",
                "channel",
                "status",
                "reason",
                "dialed" + in,
                "connected" + in,
                "ended" + in,
                "duration seconds",
                "8x8 status",
                "8x8 error code");
    }

    static List<String> cells(CallAttemptRow row, ZoneId zone) {
        List<String> cells = new ArrayList<>(15);
        cells.add(row.reservationId());
        cells.add(time(row.startsAt(), zone));
        cells.add(row.guestName());
        cells.add(row.guestPhone());
        cells.add(text(row.partySize()));
        cells.add(Integer.toString(row.attempt()));
        cells.add(row.channel());
        cells.add(row.status());
        cells.add(row.reason());
        cells.add(time(row.dialedAt(), zone));
        cells.add(time(row.connectedAt(), zone));
        cells.add(time(row.endedAt(), zone));
        cells.add(text(row.durationSeconds()));
        cells.add(row.providerStatus());
        cells.add(text(row.providerErrorCode()));
        return cells;
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "" : LOCAL.format(at.atZone(zone));
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }
}
