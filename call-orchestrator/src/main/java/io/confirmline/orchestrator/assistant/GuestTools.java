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
package io.confirmline.orchestrator.assistant;

import java.util.List;
import org.springframework.ai.tool.annotation.Tool;

/**
 * The only things the model can look up (issue #17 item 4): this guest's booking and this venue's facts, built from
 * one {@link AssistantRequest} and nothing else — no database, no other guest, no phone number of the guest. A new
 * object per request, so one conversation's facts never serve another.
 */
public final class GuestTools {

    /** The guest's booking as the model sees it; {@code hasBooking} false when they have none. */
    public record BookingFacts(
            boolean hasBooking,
            String date,
            String time,
            Integer partySize,
            String status,
            String kind,
            String service,
            String guestFirstName) {}

    public record OpeningHours(String day, String opens, String closes) {}

    public record VenueFacts(
            String name, String address, String phone, String timeZone, List<OpeningHours> openingHours, String faq) {}

    private final AssistantRequest request;

    GuestTools(AssistantRequest request) {
        this.request = request;
    }

    @Tool(
            description = "This guest's next booking at the venue: date (yyyy-MM-dd), time (HH:mm), party size, "
                    + "status (PENDING, CONFIRMED, TEXTED...), kind (RESERVATION or APPOINTMENT), the guest's first name. "
                    + "hasBooking is false when the guest has no booking.")
    public BookingFacts guestBooking() {
        return request.booking()
                .map(b -> new BookingFacts(
                        true,
                        b.date().toString(),
                        b.time().toString(),
                        b.partySize() > 0 ? b.partySize() : null,
                        b.status(),
                        b.kind(),
                        b.service().orElse(null),
                        b.guestFirstName().orElse(null)))
                .orElseGet(() -> new BookingFacts(false, null, null, null, null, null, null, null));
    }

    @Tool(
            description = "The venue's facts: name, address, phone number, time zone, opening hours (local times; "
                    + "closes before opens runs past midnight) and the owner's FAQ (parking, dogs, dietary needs...).")
    public VenueFacts venueFacts() {
        AssistantRequest.Venue venue = request.venue();
        return new VenueFacts(
                venue.name(),
                venue.address().orElse(null),
                venue.phone().orElse(null),
                venue.zone().getId(),
                venue.openingHours().stream()
                        .map(p -> new OpeningHours(
                                p.day(), p.opens().toString(), p.closes().toString()))
                        .toList(),
                venue.faq().orElse(null));
    }
}
