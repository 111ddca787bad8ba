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
package io.confirmline.orchestrator.availability;

import io.confirmline.logging.SensitiveText;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Asks the platform's availability endpoint which times it can seat a guest at, around the one they asked for
 * (docs/platform-availability.md). Only a help: the platform owns availability and decides on the change or
 * booking request itself, so whatever goes wrong here — no URL, a secret that cannot sign, a timeout, a refusal,
 * an answer we cannot read — is an empty list and the request is sent on without offered times. Never an error
 * signal, and never longer than {@code confirmline.availability.timeout}: the guest is waiting for a reply.
 *
 * <p>One try only: a retry would cost the guest's wait, and the request goes on regardless. Logs name the
 * tenant, the request id and the booking, never the URL (a platform may put a token in it), a secret, or the
 * guest's phone (which the question does not carry).
 */
@Component
public class AvailabilityClient {

    /** The most times offered to a guest in one text. */
    public static final int MAX_SLOTS = 3;

    private static final Logger log = LoggerFactory.getLogger(AvailabilityClient.class);

    private final WebClient http;
    private final AvailabilityProperties settings;
    private final Clock clock;

    /** {@code http}: Boot's builder (cloned here), so the requests get the metrics and traces of every client. */
    public AvailabilityClient(WebClient.Builder http, AvailabilityProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = http.clone().build();
    }

    /**
     * The platform's free times for this wish, at most {@link #MAX_SLOTS}, in its order; empty whenever it has
     * none or cannot be asked.
     *
     * @param reservationId the booking to change; empty for a new booking
     * @param date the wanted date, in the venue's zone
     * @param time the wanted local time
     * @param partySize how many guests
     */
    public Mono<List<Slot>> freeSlots(
            Tenant tenant, Optional<String> reservationId, LocalDate date, LocalTime time, int partySize) {
        if (tenant.assistant().availabilityUrl().isEmpty()) {
            return Mono.just(List.of());
        }
        String requestId = "avail_" + UUID.randomUUID();
        String booking = reservationId.orElse("(new booking)");
        return Mono.defer(() -> ask(AvailabilityRequest.of(
                        tenant, reservationId, date, time, partySize, requestId, clock.instant())))
                .timeout(settings.timeout())
                .map(answer -> slots(tenant, requestId, booking, answer))
                .onErrorResume(error -> {
                    log.warn(
                            "Availability request {} of tenant {} for {}: no slots, {}",
                            requestId,
                            tenant.id(),
                            booking,
                            describe(error));
                    return Mono.just(List.of());
                });
    }

    private Mono<Answer> ask(AvailabilityRequest request) {
        return http.get()
                .uri(request.uri())
                .headers(h -> request.headers().forEach(h::set))
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> new Answer(response.statusCode().value(), body)));
    }

    private List<Slot> slots(Tenant tenant, String requestId, String booking, Answer answer) {
        if (answer.status() != 200) {
            log.warn(
                    "Availability request {} of tenant {} for {}: no slots, the platform answered HTTP {} {}",
                    requestId,
                    tenant.id(),
                    booking,
                    answer.status(),
                    excerpt(answer.body()));
            return List.of();
        }
        Optional<List<Slot>> slots = AvailabilityAnswer.read(answer.body(), MAX_SLOTS);
        if (slots.isEmpty()) {
            log.warn(
                    "Availability request {} of tenant {} for {}: no slots, the platform's answer is not"
                            + " {\"slots\":[{\"startsAt\":<ISO date-time with offset>,\"partySize\":<n>}...]}: {}",
                    requestId,
                    tenant.id(),
                    booking,
                    excerpt(answer.body()));
            return List.of();
        }
        log.debug(
                "Availability request {} of tenant {} for {}: {} slots",
                requestId,
                tenant.id(),
                booking,
                slots.get().size());
        return slots.get();
    }

    private record Answer(int status, String body) {}

    private String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "the platform did not answer within " + settings.timeout().toMillis() + " ms";
        }
        if (error instanceof AvailabilityRequest.UnusableSettings) {
            return error.getMessage();
        }
        // A connection error names the host and port only, not the path or query.
        return error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + SensitiveText.mask(error.getMessage()));
    }

    /** The start of a body for the log, phone-like digits masked: a platform's problem detail may quote a guest. */
    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return SensitiveText.mask(flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
    }
}
