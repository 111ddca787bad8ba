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

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Everything the assistant is shown: this guest's conversation with this venue, this guest's booking and the venue's
 * facts — nothing else, so that nothing else can leak. The guest's phone number is never in it, and of their name
 * only the first name.
 *
 * @param locale the guest's language (BCP 47), which the reply is written in
 * @param conversation the latest texts of the conversation, oldest first; the last ones are the guest's unanswered
 * @param booking the guest's next booking at the venue, when there is one
 * @param venue what the assistant may tell about the venue
 * @param today the venue's date today, so that "tomorrow" can be read
 */
public record AssistantRequest(
        String tenantId,
        String locale,
        List<Turn> conversation,
        Optional<Booking> booking,
        Venue venue,
        LocalDate today) {

    /** Who wrote a text of the conversation. */
    public enum Author {
        GUEST,
        OWNER,
        ASSISTANT,
        SYSTEM
    }

    /** One text of the conversation. */
    public record Turn(Author author, String body, Instant at) {}

    /**
     * The guest's booking, as the tool that reads it answers.
     *
     * @param status the booking's call status (PENDING, CONFIRMED, TEXTED...)
     * @param kind RESERVATION or APPOINTMENT
     * @param service the appointment's service, when there is one
     */
    public record Booking(
            String reservationId,
            LocalDate date,
            LocalTime time,
            int partySize,
            Optional<String> guestFirstName,
            String status,
            String kind,
            Optional<String> service) {}

    /** One period the venue is open (local times; {@code closes} before {@code opens} runs past midnight). */
    public record OpeningPeriod(String day, LocalTime opens, LocalTime closes) {}

    /** The venue's facts, as the tool that reads them answers. */
    public record Venue(
            String name,
            ZoneId zone,
            Optional<String> address,
            Optional<String> phone,
            List<OpeningPeriod> openingHours,
            Optional<String> faq) {}
}
