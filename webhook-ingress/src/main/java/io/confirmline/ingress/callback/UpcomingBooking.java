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
package io.confirmline.ingress.callback;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.ingress.webhook.PhoneNumbers;
import io.confirmline.prompt.PromptCatalog;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What the ingress keeps of a booking from {@code bookings.v1} to answer its guest's call-back: only the fields a
 * menu speaks and the version a decision is about (a fraction of the snapshot's heap).
 *
 * @param guestPhone E.164, as the caller's number is compared
 * @param appointment whether it is an appointment (else a reservation)
 */
public record UpcomingBooking(
        String reservationId,
        long version,
        String tenantId,
        String guestPhone,
        boolean appointment,
        Instant startsAt,
        ZoneId zone,
        String guestName,
        String guestLocale,
        String venueName,
        Integer partySize,
        String serviceName) {

    static UpcomingBooking of(BookingSnapshot snapshot) {
        return new UpcomingBooking(
                snapshot.getReservationId(),
                snapshot.getVersion(),
                snapshot.getTenantId(),
                PhoneNumbers.e164(snapshot.getGuestPhone()),
                "APPOINTMENT".equals(snapshot.getKind()),
                snapshot.getStartsAt(),
                zone(snapshot.getTimeZone()),
                snapshot.getGuestName(),
                snapshot.getGuestLocale(),
                snapshot.getVenueName(),
                snapshot.getPartySize(),
                snapshot.getServiceName());
    }

    /** What the prompts need to speak about it. */
    PromptCatalog.Booking spoken() {
        return new PromptCatalog.Booking(guestName, venueName, partySize, serviceName, startsAt, zone, guestLocale);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            // The orchestrator validated it; a zone this JVM does not know is still spoken, in UTC.
            return ZoneOffset.UTC;
        }
    }
}
