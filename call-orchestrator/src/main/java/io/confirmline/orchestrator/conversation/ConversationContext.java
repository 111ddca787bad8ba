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
package io.confirmline.orchestrator.conversation;

import io.confirmline.orchestrator.assistant.AssistantRequest;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the assistant is shown of one conversation (issue #17 item 4): the latest texts of this guest with this
 * venue, this guest's next booking and the venue's facts — read here, so nothing else is within its reach. Of the
 * guest it gets the first name only and never the phone number.
 */
@Component
public class ConversationContext {

    /** Enough of the thread to read a question in its context, not a guest's whole history. */
    static final int TURNS = 20;

    private final DatabaseClient db;
    private final GuestBookings bookings;
    private final Clock clock;

    public ConversationContext(DatabaseClient db, GuestBookings bookings, Clock clock) {
        this.db = db;
        this.bookings = bookings;
        this.clock = clock;
    }

    public Mono<AssistantRequest> of(Tenant tenant, String phone, String locale) {
        Mono<List<AssistantRequest.Turn>> turns = db.sql("""
                        SELECT author, body, created_at FROM text_message WHERE tenant_id = :tenant AND phone = :phone
                        ORDER BY created_at DESC LIMIT""" + " " + TURNS)
                .bind("tenant", tenant.id())
                .bind("phone", phone)
                .map(row -> new AssistantRequest.Turn(
                        AssistantRequest.Author.valueOf(row.get("author", String.class)),
                        row.get("body", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList()
                .map(newestFirst -> {
                    List<AssistantRequest.Turn> oldestFirst = new ArrayList<>(newestFirst);
                    Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
        Mono<Optional<GuestBookings.GuestBooking>> booking =
                bookings.next(tenant.id(), phone).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(turns, booking).map(both -> {
            Optional<GuestBookings.GuestBooking> next = both.getT2();
            String venueName = next.map(b -> b.words().venueName())
                    .filter(n -> n != null && !n.isBlank())
                    .orElse(tenant.displayName());
            // The booking names the venue's zone; the tenant's is for a guest without one.
            java.time.ZoneId zone = next.map(b -> b.words().zone()).orElse(tenant.timeZone());
            AssistantRequest.Venue venue = new AssistantRequest.Venue(
                    venueName,
                    zone,
                    tenant.assistant().venueAddress(),
                    tenant.venuePhone(),
                    tenant.openingHours().stream()
                            .map(p -> new AssistantRequest.OpeningPeriod(p.day().name(), p.opens(), p.closes()))
                            .toList(),
                    tenant.assistant().faq());
            return new AssistantRequest(
                    tenant.id(),
                    locale,
                    both.getT1(),
                    next.map(ConversationContext::booking),
                    venue,
                    LocalDate.now(clock.withZone(zone)));
        });
    }

    private static AssistantRequest.Booking booking(GuestBookings.GuestBooking b) {
        ZonedDateTime start = b.startsAt().atZone(b.words().zone());
        return new AssistantRequest.Booking(
                b.reservationId(),
                start.toLocalDate(),
                start.toLocalTime(),
                b.words().partySize() == null ? 0 : b.words().partySize(),
                firstName(b.words().guestName()),
                b.status().orElse("PENDING"),
                b.kind(),
                Optional.ofNullable(b.words().serviceName()));
    }

    /** The first word of the guest's name: enough to greet them, no more of it goes to the provider. */
    static Optional<String> firstName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(name.strip().split("\\s+")[0]);
    }
}
