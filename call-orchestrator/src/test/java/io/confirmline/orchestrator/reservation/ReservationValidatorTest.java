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
package io.confirmline.orchestrator.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReservationValidatorTest {

    final Instant now = Instant.parse("2026-11-21T18:00:00Z");

    ReservationEvent.Builder valid() {
        return ReservationEvent.newBuilder()
                .setEventId("e-1")
                .setOccurredAt(now)
                .setTenantId("luigis")
                .setReservationId("r-1")
                .setVersion(1)
                .setType(ReservationEventType.CREATED)
                .setKind(BookingKind.RESERVATION)
                .setStartsAt(now.plusSeconds(7200))
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana")
                .setGuestPhone("+34600111222")
                .setGuestLocale("es-ES")
                .setVenueName("Luigi's")
                .setPartySize(4);
    }

    @Test
    void aGoodBookingHasNoProblems() {
        assertThat(ReservationValidator.problems(valid().build(), Set.of("luigis"), now))
                .isEmpty();
    }

    @Test
    void eachProblemNamesItsFieldAndMasksThePhone() {
        ReservationEvent bad = valid().setTenantId("nobody")
                .setGuestPhone("600111222")
                .setStartsAt(now.minusSeconds(1))
                .setTimeZone("Mars/Olympus")
                .setPartySize(0)
                .setGuestName(" ")
                .build();

        assertThat(ReservationValidator.problems(bad, Set.of("luigis"), now))
                .containsExactly(
                        "tenantId: unknown tenant nobody",
                        "guestPhone: not an E.164 number (+ and country code): 60*****22",
                        "startsAt: the booking is not in the future (2026-11-21T17:59:59Z)",
                        "timeZone: not an IANA time zone: Mars/Olympus",
                        "partySize: must be greater than 0 for a reservation",
                        "guestName: is required");
    }

    @Test
    void aWellFormedButImpossibleNumberIsRefused() {
        assertThat(ReservationValidator.problems(
                        valid().setGuestPhone("+34000000000").build(), Set.of("luigis"), now))
                .containsExactly("guestPhone: not a valid phone number: +34*******00");
    }

    @Test
    void appointmentsNeedNoPartySizeAndCancellationsOnlyAKnownTenant() {
        assertThat(ReservationValidator.problems(
                        valid().setKind(BookingKind.APPOINTMENT)
                                .setPartySize(null)
                                .build(),
                        Set.of("luigis"),
                        now))
                .isEmpty();
        assertThat(ReservationValidator.problems(
                        valid().setType(ReservationEventType.CANCELLED)
                                .setStartsAt(now.minusSeconds(60))
                                .build(),
                        Set.of("luigis"),
                        now))
                .isEmpty();
    }

    @Test
    void aTypeOrKindAddedAfterThisBuildIsRefusedNotGuessed() {
        // What Avro hands us for a symbol the platform's newer schema added (design.md §10.2): dead-lettered.
        assertThat(ReservationValidator.problems(
                        valid().setType(ReservationEventType.UNKNOWN).build(), Set.of("luigis"), now))
                .containsExactly("type: a value this version of ConfirmLine does not know (read as UNKNOWN)");
        assertThat(ReservationValidator.problems(
                        valid().setKind(BookingKind.UNKNOWN).build(), Set.of("luigis"), now))
                .containsExactly("kind: a value this version of ConfirmLine does not know (read as UNKNOWN)");
        assertThat(ReservationValidator.problems(
                        valid().setType(ReservationEventType.CANCELLED)
                                .setKind(BookingKind.UNKNOWN)
                                .build(),
                        Set.of("luigis"),
                        now))
                .isEmpty();
    }
}
