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

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BookingIndexTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    final BookingIndex index = new BookingIndex(
            new BookingIndexProperties(3, Duration.ofMinutes(1), Duration.ofMillis(500)),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new SimpleMeterRegistry());

    static BookingSnapshot.Builder booking(String reservationId, long version, Instant startsAt) {
        return BookingSnapshot.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(NOW)
                .setTenantId("luigis")
                .setReservationId(reservationId)
                .setVersion(version)
                .setKind("RESERVATION")
                .setStartsAt(startsAt)
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana")
                .setGuestPhone("+34 600 000 001")
                .setGuestLocale("es-ES")
                .setVenueName("Luigi's")
                .setPartySize(4)
                .setStatus("SCHEDULED");
    }

    @Test
    void theGuestsNextStandingBookingIsFoundByTenantAndPhoneInAnyWriting() {
        index.put(booking("later", 1, NOW.plusSeconds(7200)).build());
        index.put(booking("sooner", 1, NOW.plusSeconds(3600)).build());
        assertThat(index.next("luigis", "34600000001"))
                .map(UpcomingBooking::reservationId)
                .contains("sooner");
        assertThat(index.next("clinic", "+34600000001")).isEmpty();
        assertThat(index.next("luigis", "+34600000002")).isEmpty();
    }

    @Test
    void aNewerVersionReplacesAnOlderOneIsIgnoredAndATombstoneRemoves() {
        index.put(booking("r", 2, NOW.plusSeconds(3600)).build());
        index.put(booking("r", 1, NOW.plusSeconds(60)).build());
        assertThat(index.find("r")).map(UpcomingBooking::version).contains(2L);
        index.put(booking("r", 3, NOW.plusSeconds(5400))
                .setGuestPhone("+34600000009")
                .build());
        assertThat(index.next("luigis", "+34600000001"))
                .as("moved to another phone")
                .isEmpty();
        assertThat(index.next("luigis", "+34600000009"))
                .map(UpcomingBooking::version)
                .contains(3L);
        index.remove("r");
        assertThat(index.find("r")).isEmpty();
        assertThat(index.next("luigis", "+34600000009")).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void cancelledWithdrawnAndStartedBookingsAreNotHeld() {
        index.put(booking("r", 1, NOW.plusSeconds(3600)).build());
        index.put(booking("r", 2, NOW.plusSeconds(3600)).setCancelled(true).build());
        assertThat(index.find("r")).isEmpty();
        index.put(booking("g", 1, NOW.plusSeconds(3600))
                .setStatus("CANCELLED_BY_GUEST")
                .build());
        index.put(booking("w", 1, NOW.plusSeconds(3600)).setStatus("WITHDRAWN").build());
        index.put(booking("past", 1, NOW.minusSeconds(1)).build());
        assertThat(index.size()).isZero();
        index.put(booking("c", 1, NOW.plusSeconds(3600)).setStatus("CONFIRMED").build());
        assertThat(index.find("c")).as("a confirmed booking still stands").isPresent();
    }

    @Test
    void beyondMaxBookingsNewOnesAreNotIndexedButHeldOnesStillChange() {
        for (int i = 0; i < 4; i++) {
            index.put(booking("r" + i, 1, NOW.plusSeconds(3600 + i)).build());
        }
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.find("r3")).isEmpty();
        index.put(booking("r0", 2, NOW.plusSeconds(99)).build());
        assertThat(index.find("r0")).map(UpcomingBooking::version).contains(2L);
    }
}
