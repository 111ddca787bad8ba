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
package io.confirmline.sandbox.platform;

import com.standardwebhooks.Webhook;
import io.confirmline.web.ProblemException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's availability endpoint as docs/platform-availability.md defines it: {@code GET
 * /availability?reservationId=…&date=yyyy-MM-dd&time=HH:mm&partySize=N}, signed by ConfirmLine with the tenant's
 * webhook secrets over {@code <webhook-id>.<webhook-timestamp>.<path-with-query>} and verified here with the
 * reference library as the webhooks are; 401 problem+json when the signature does not verify, 400 when the
 * question is not the contract's. It answers scripted slots ({@link SandboxSlots}) in the configured zone.
 *
 * <p>For demos and tests: {@code PUT /sandbox/availability {"full":["20:30"]}} marks times full, and {@code GET
 * /sandbox/availability} shows them with the questions asked so far.
 */
@RestController
class AvailabilityEndpoint {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** One slot of the answer. */
    record SlotView(OffsetDateTime startsAt, int partySize) {}

    /** A question the endpoint answered (signature verified). */
    record Asked(
            Instant at,
            String webhookId,
            String reservationId,
            String date,
            String time,
            int partySize,
            List<SlotView> slots) {}

    /** The times marked full, e.g. {@code {"full":["20:30","21:00"]}}. */
    record Script(List<String> full) {}

    private final List<Webhook> verifiers;
    private final Clock clock;
    private final Duration tolerance;
    private final ZoneId zone;
    private final AtomicReference<Set<LocalTime>> full = new AtomicReference<>(Set.of());
    private final List<Asked> asked = new CopyOnWriteArrayList<>();

    AvailabilityEndpoint(PlatformSandboxProperties properties, Clock clock) {
        this.verifiers = properties.signingSecrets().stream().map(Webhook::new).toList();
        this.clock = clock;
        this.tolerance = properties.tolerance();
        this.zone = properties.timeZone();
    }

    @GetMapping(path = "/availability", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<SlotView>> availability(
            ServerHttpRequest request,
            @RequestHeader HttpHeaders headers,
            @RequestParam(required = false) String reservationId,
            @RequestParam(required = false) String date,
            @RequestParam(required = false) String time,
            @RequestParam(required = false) String partySize) {
        URI uri = request.getURI();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String id = headers.getFirst("webhook-id");
        if (WebhookSignatures.signedWith(
                        verifiers,
                        clock,
                        tolerance,
                        target,
                        id,
                        headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"))
                .isEmpty()) {
            throw ProblemException.unauthorized(
                    "availability-signature",
                    "The webhook-signature does not verify over"
                            + " <webhook-id>.<webhook-timestamp>.<path-with-query> with any of the tenant's signing secrets,"
                            + " or the timestamp is not recent",
                    "Standard-Webhooks",
                    "availability");
        }
        LocalDate day = parse("date", date, LocalDate::parse);
        LocalTime at = parse("time", time, t -> LocalTime.parse(t, TIME));
        int party = parse("partySize", partySize, Integer::parseInt);
        if (party < 1) {
            throw ProblemException.badRequest("availability-request", "partySize must be at least 1");
        }
        List<SlotView> slots = SandboxSlots.around(day, at, full.get(), zone).stream()
                .map(startsAt -> new SlotView(startsAt, party))
                .toList();
        asked.add(new Asked(clock.instant(), id, reservationId, date, time, party, slots));
        return Map.of("slots", slots);
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> T parse(String name, String value, Parser<T> parser) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("availability-request", name + " is required");
        }
        try {
            return parser.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ProblemException.badRequest(
                    "availability-request",
                    name + " is not in the contract's format" + " (date yyyy-MM-dd, time HH:mm, partySize a number)");
        }
    }

    @PutMapping(
            path = "/sandbox/availability",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> script(@RequestBody Script script) {
        Set<LocalTime> times = new TreeSet<>();
        for (String time : script.full() == null ? List.<String>of() : script.full()) {
            times.add(parse("full", time, t -> LocalTime.parse(t, TIME)));
        }
        full.set(Set.copyOf(times));
        return state();
    }

    @GetMapping(path = "/sandbox/availability", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> state() {
        List<String> times = new ArrayList<>(
                new TreeSet<>(full.get()).stream().map(TIME::format).toList());
        return Map.of("full", times, "timeZone", zone.getId(), "asked", List.copyOf(asked));
    }

    @DeleteMapping("/sandbox/availability")
    Map<String, Object> reset() {
        full.set(Set.of());
        asked.clear();
        return state();
    }
}
