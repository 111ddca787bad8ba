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
package io.confirmline.orchestrator.makecall;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.VoiceMessageRequested;
import io.confirmline.orchestrator.api.ApiRefusals;
import io.confirmline.orchestrator.api.PlatformAuthentication;
import io.confirmline.orchestrator.call.CallRecords;
import io.confirmline.orchestrator.call.CallView;
import io.confirmline.orchestrator.call.SubjectIdTaken;
import io.confirmline.orchestrator.dialing.Dialer;
import io.confirmline.orchestrator.dialing.DialingProperties;
import io.confirmline.orchestrator.dialing.PlaceCallResult;
import io.confirmline.orchestrator.message.VoiceMessageIntake;
import io.confirmline.orchestrator.outbox.TraceParent;
import io.confirmline.orchestrator.reservation.BookingStore;
import io.confirmline.orchestrator.reservation.ReservationIntake;
import io.confirmline.orchestrator.reservation.ReservationValidator;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.tenant.Tenant;
import io.micrometer.tracing.Tracer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/make-call}: the HTTP door for a platform that cannot produce to Kafka. The body is read into the
 * same event the Kafka intake receives and goes through the same validation, store and schedule, so both doors
 * behave alike (idempotent on eventId, versions ordered). A booking is answered 202 with its call and when it
 * will be placed. A voice message is dialed at once: 200 with 8x8's answer when it comes within
 * {@code confirmline.make-call.answer-wait} (2 s), else 202 while the call goes on in the background. A booking
 * made here is moved by posting it again with its new time, and cancelled with
 * {@code DELETE /api/reservations/{reservationId}}.
 */
@RestController
public class MakeCallController {

    private static final Logger log = LoggerFactory.getLogger(MakeCallController.class);

    private final PlatformAuthentication authentication;
    private final Tenants tenants;
    private final ReservationIntake reservations;
    private final VoiceMessageIntake messages;
    private final Dialer dialer;
    private final DialingProperties dialing;
    private final CallRecords calls;
    private final Clock clock;
    private final Duration answerWait;
    private final Tracer tracer;
    private final BookingStore bookings;

    public MakeCallController(
            PlatformAuthentication authentication,
            Tenants tenants,
            ReservationIntake reservations,
            BookingStore bookings,
            VoiceMessageIntake messages,
            Dialer dialer,
            DialingProperties dialing,
            CallRecords calls,
            Clock clock,
            MakeCallProperties properties,
            ObjectProvider<Tracer> tracer) {
        this.answerWait = properties.answerWait();
        this.bookings = bookings;
        this.tracer = tracer.getIfAvailable();
        this.authentication = authentication;
        this.tenants = tenants;
        this.reservations = reservations;
        this.messages = messages;
        this.dialer = dialer;
        this.dialing = dialing;
        this.calls = calls;
        this.clock = clock;
    }

    /** The answer: the call, its status now and, once 8x8 accepted it, the session. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MakeCallResponse(
            String callId,
            String type,
            String subjectId,
            String status,
            int attempt,
            Instant scheduledFor,
            Instant validUntil,
            String reason,
            String sessionId) {

        static MakeCallResponse of(CallView call) {
            return new MakeCallResponse(
                    call.id().toString(),
                    call.subjectType(),
                    call.subjectId(),
                    call.status(),
                    call.attempt(),
                    call.scheduledFor(),
                    call.validUntil(),
                    call.reason(),
                    call.sessionId());
        }
    }

    @PostMapping(path = "/api/make-call", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<MakeCallResponse>> makeCall(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
            @RequestBody(required = false) byte[] body) {
        Tenant tenant = authentication.tenant(authorization);
        ApiRefusals.requireJson(contentType);
        Instant now = clock.instant();
        CallRequest request = CallRequestReader.read(body, tenant.id(), now);
        return TraceParent.ofRequest(
                        tracer,
                        request instanceof CallRequest.Booking booking
                                ? book(booking.event(), now)
                                : sendNow(((CallRequest.Message) request).event(), now))
                .onErrorMap(SubjectIdTaken.class, taken -> ApiRefusals.conflict(taken.getMessage()));
    }

    /**
     * {@code DELETE /api/reservations/{reservationId}}: the booking was cancelled, as a CANCELLED event would say.
     * Its scheduled call is withdrawn; a call already on the line is not tried again. Ordered by {@code version}
     * like every booking change (default: one more than the stored version, so a platform that also numbers its
     * Kafka events can go on from there); the same version again changes nothing. 200 with the call as it now is
     * (204 for a booking that never had a call).
     */
    @DeleteMapping(path = "/api/reservations/{reservationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<MakeCallResponse>> cancel(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String reservationId,
            @RequestParam(required = false) Long version) {
        Tenant tenant = authentication.tenant(authorization);
        Instant now = clock.instant();
        return TraceParent.ofRequest(
                tracer,
                bookings.stored(tenant.id(), reservationId)
                        .switchIfEmpty(Mono.error(ApiRefusals.notFound("No booking " + reservationId)))
                        .flatMap(stored -> {
                            long next = version != null ? version : stored.getVersion() + 1;
                            String eventId = UUID.nameUUIDFromBytes(
                                            (tenant.id() + "\ncancel\n" + reservationId + "\n" + next)
                                                    .getBytes(StandardCharsets.UTF_8))
                                    .toString();
                            return reservations
                                    .schedule(
                                            ReservationEvent.newBuilder(stored)
                                                    .setEventId(eventId)
                                                    .setOccurredAt(now)
                                                    .setType(ReservationEventType.CANCELLED)
                                                    .setVersion(next)
                                                    .build(),
                                            now)
                                    .flatMap(outcome -> outcome == BookingStore.Outcome.STALE
                                            ? Mono.error(ApiRefusals.conflict("Booking " + reservationId
                                                    + " already has a version not older than " + next))
                                            // A booking whose first news was its cancellation never had a call.
                                            : calls.bySubject(tenant.id(), reservationId)
                                                    .map(call -> ResponseEntity.ok()
                                                            .location(URI.create("/api/calls/" + call.id()))
                                                            .body(MakeCallResponse.of(call)))
                                                    .defaultIfEmpty(ResponseEntity.noContent()
                                                            .build()));
                        }));
    }

    private Mono<ResponseEntity<MakeCallResponse>> book(ReservationEvent event, Instant now) {
        List<String> problems = ReservationValidator.problems(event, tenants.ids(), now);
        if (!problems.isEmpty()) {
            throw ApiRefusals.invalid(problems);
        }
        return reservations.schedule(event, now).flatMap(outcome -> {
            if (outcome == BookingStore.Outcome.STALE) {
                return Mono.error(ApiRefusals.conflict("Booking " + event.getReservationId()
                        + " already has a version newer than " + event.getVersion()));
            }
            return current(event.getTenantId(), event.getReservationId(), HttpStatus.ACCEPTED);
        });
    }

    /**
     * Stores the message with its call already claimed by this request, dials it here and now, and waits up to
     * the answer time for 8x8. The dial is not cancelled when the wait ends: it finishes in the background and the
     * platform hears the outcome through the status webhook.
     */
    private Mono<ResponseEntity<MakeCallResponse>> sendNow(VoiceMessageRequested message, Instant now) {
        List<String> problems = VoiceMessageIntake.problems(message, tenants.ids(), now);
        if (!problems.isEmpty()) {
            throw ApiRefusals.invalid(problems);
        }
        // Stored with microsecond precision, as PostgreSQL keeps it, so the dialer recognises its own lease.
        Instant leaseUntil = now.plus(dialing.lease()).truncatedTo(ChronoUnit.MICROS);
        return messages.store(message, now, leaseUntil)
                .flatMap(callId -> {
                    Mono<PlaceCallResult> dial = dialer.dialNow(callId, leaseUntil)
                            .doOnError(e -> log.error("Dialing voice message call {} failed: {}", callId, e.toString()))
                            .cache();
                    dial.subscribe(result -> {}, error -> {});
                    return dial.timeout(answerWait)
                            .map(result ->
                                    result instanceof PlaceCallResult.Unavailable ? HttpStatus.ACCEPTED : HttpStatus.OK)
                            // Too slow (TimeoutException) or failed: the call goes on, the answer is 202.
                            .onErrorResume(error -> Mono.just(HttpStatus.ACCEPTED))
                            .defaultIfEmpty(HttpStatus.ACCEPTED);
                })
                .defaultIfEmpty(HttpStatus.ACCEPTED) // already requested: answer with the call as it is
                .flatMap(status -> current(message.getTenantId(), message.getMessageId(), status));
    }

    private Mono<ResponseEntity<MakeCallResponse>> current(String tenantId, String subjectId, HttpStatus status) {
        return calls.bySubject(tenantId, subjectId)
                .map(call -> ResponseEntity.status(
                                status == HttpStatus.ACCEPTED && call.sessionId() != null ? HttpStatus.OK : status)
                        .location(URI.create("/api/calls/" + call.id()))
                        .body(MakeCallResponse.of(call)))
                .switchIfEmpty(Mono.error(
                        ApiRefusals.conflict("Id " + subjectId + " is already used by another call of this tenant")));
    }
}
