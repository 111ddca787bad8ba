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
package io.confirmline.orchestrator.call;

import io.confirmline.events.CallStatus;
import io.confirmline.events.MessageAuthor;
import io.confirmline.orchestrator.conversation.TextMessages;
import io.confirmline.orchestrator.reservation.ReservationIntake;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.orchestrator.text.TextTemplates;
import io.confirmline.tenant.Tenant;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The fallback text (issue #14 item 2, design.md §10.3): a booking whose last attempt would end NO_RESPONSE or
 * UNREACHABLE becomes TEXTED instead when the tenant's policy covers that outcome, the tenant can text, the number
 * has not opted out, the booking stands, and a moment inside the tenant's calling hours (its quiet hours are the
 * rest of the day) comes before the booking starts. The text is queued PENDING until that moment; the booking waits
 * for a reply until its minimum notice (or, for a text that could only go out later, until it starts) and then ends
 * NO_RESPONSE. A text-only booking takes the same path instead of its first call.
 */
@Component
public class TextFallback {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

    private final DatabaseClient db;
    private final Tenants tenants;
    private final TextMessages texts;
    private final TextTemplates templates;

    public TextFallback(DatabaseClient db, Tenants tenants, TextMessages texts, TextTemplates templates) {
        this.db = db;
        this.tenants = tenants;
        this.texts = texts;
        this.templates = templates;
    }

    /** The booking of a call as a text needs it, with whether it may be texted. */
    private record Booking(
            String reservationId,
            String kind,
            boolean cancelled,
            boolean unchanged,
            Instant startsAt,
            String zone,
            String guestName,
            String phone,
            String locale,
            String venue,
            Integer partySize,
            String service,
            Instant validUntil,
            boolean optedOut) {}

    /**
     * The transition as it stands, or — when the booking is to be texted — the same change ending TEXTED, with the
     * text queued in the caller's transaction. Only for a booking's call whose transition ends NO_RESPONSE or
     * UNREACHABLE.
     */
    Mono<CallStateMachine.Transition> consider(
            UUID callId, String tenantId, CallStateMachine.Transition t, Instant now) {
        Tenant tenant = tenants.byId(tenantId).orElse(null);
        if (tenant == null || !tenant.texts() || !tenant.texting().fallbackOn().covers(t.to().name())) {
            return Mono.just(t);
        }
        return booking(callId)
                .flatMap(b -> plan(tenant, b, now)
                        .map(sendAt -> queue(tenant, callId, b, sendAt).thenReturn(texted(t, b, sendAt, now)))
                        .orElseGet(() -> Mono.just(t)))
                .defaultIfEmpty(t);
    }

    /**
     * A text-only booking's first "attempt": TEXTED from SCHEDULED, the text queued — or empty when it cannot be texted
     * (the caller then ends it as it would any call it cannot place). Runs under the caller's row lock.
     */
    public Mono<CallStateMachine.Transition> textFirst(UUID callId, String tenantId, CallState state, Instant now) {
        Tenant tenant = tenants.byId(tenantId).orElse(null);
        if (tenant == null || !tenant.texts()) {
            return Mono.empty();
        }
        CallStateMachine.Transition scheduled = new CallStateMachine.Transition(
                state,
                CallStatus.SCHEDULED,
                CallStatus.SCHEDULED,
                "The platform asked for a text instead of a call",
                null,
                null);
        return booking(callId)
                .flatMap(b -> plan(tenant, b, now)
                        .map(sendAt -> queue(tenant, callId, b, sendAt).thenReturn(texted(scheduled, b, sendAt, now)))
                        .orElseGet(Mono::empty));
    }

    /** When the text may go out, or empty when it may not go out at all. */
    private java.util.Optional<Instant> plan(Tenant tenant, Booking b, Instant now) {
        if (b.cancelled() || !b.unchanged() || b.optedOut() || !now.isBefore(b.startsAt())) {
            return java.util.Optional.empty();
        }
        Instant sendAt = ReservationIntake.policy(tenant, ZoneId.of(b.zone())).earliestAllowedAtOrAfter(now);
        return sendAt != null && sendAt.isBefore(b.startsAt())
                ? java.util.Optional.of(sendAt)
                : java.util.Optional.empty();
    }

    private Mono<UUID> queue(Tenant tenant, UUID callId, Booking b, Instant sendAt) {
        String body = templates.fallback(
                tenant,
                new TextTemplates.Booking(
                        b.venue(),
                        b.startsAt(),
                        ZoneId.of(b.zone()),
                        b.partySize(),
                        b.guestName(),
                        b.locale(),
                        "APPOINTMENT".equals(b.kind()),
                        b.service()));
        return texts.queue(new TextMessages.Outgoing(
                tenant.id(),
                b.phone(),
                MessageAuthor.SYSTEM,
                TextMessages.Purpose.FALLBACK,
                body,
                b.reservationId(),
                callId,
                sendAt,
                b.startsAt()));
    }

    private static CallStateMachine.Transition texted(
            CallStateMachine.Transition t, Booking b, Instant sendAt, Instant now) {
        // The reply is awaited until the booking's minimum notice; a text that can only go out later (quiet hours)
        // still gives the guest until the booking starts.
        Instant deadline = b.validUntil() != null && b.validUntil().isAfter(sendAt) ? b.validUntil() : b.startsAt();
        String when = sendAt.isAfter(now)
                ? " at " + LOCAL_TIME.format(sendAt.atZone(ZoneId.of(b.zone()))) + " (outside calling hours now)"
                : "";
        String reason = (t.reason() == null || t.reason().isBlank() ? "" : t.reason() + "; ") + "texted the guest"
                + when + ", awaiting a reply";
        return new CallStateMachine.Transition(
                t.state().with(CallStatus.TEXTED, t.state().attempt(), deadline, AttemptOutcome.NO_REPLY),
                t.from(),
                CallStatus.TEXTED,
                reason,
                null,
                t.outcome());
    }

    private Mono<Booking> booking(UUID callId) {
        return db.sql("""
                        SELECT b.reservation_id, b.kind, b.cancelled, b.version = c.booking_version AS unchanged,
                               b.starts_at, b.time_zone, b.guest_name, b.guest_phone, b.guest_locale, b.venue_name,
                               b.party_size, b.service_name, c.valid_until,
                               EXISTS (SELECT 1 FROM opt_out o WHERE o.tenant_id = b.tenant_id
                                                                AND o.phone = b.guest_phone) AS opted_out
                        FROM call c JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
                        WHERE c.id = :id""")
                .bind("id", callId)
                .map(row -> new Booking(
                        row.get("reservation_id", String.class),
                        row.get("kind", String.class),
                        Boolean.TRUE.equals(row.get("cancelled", Boolean.class)),
                        Boolean.TRUE.equals(row.get("unchanged", Boolean.class)),
                        row.get("starts_at", java.time.OffsetDateTime.class).toInstant(),
                        row.get("time_zone", String.class),
                        row.get("guest_name", String.class),
                        row.get("guest_phone", String.class),
                        row.get("guest_locale", String.class),
                        row.get("venue_name", String.class),
                        row.get("party_size", Integer.class),
                        row.get("service_name", String.class),
                        instant(row.get("valid_until", java.time.OffsetDateTime.class)),
                        Boolean.TRUE.equals(row.get("opted_out", Boolean.class))))
                .one();
    }

    private static Instant instant(java.time.OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
