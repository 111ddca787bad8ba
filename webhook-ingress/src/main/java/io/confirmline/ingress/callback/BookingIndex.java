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
import io.confirmline.ingress.follow.FollowedView;
import io.confirmline.ingress.webhook.PhoneNumbers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The guests' upcoming bookings, from {@code bookings.v1}, by tenant and phone: what a call-back is answered from,
 * without asking anyone. Only bookings that still stand are held — not cancelled (by the platform or the guest),
 * not withdrawn, not started — so memory is bounded by the bookings ahead, and by {@code max-bookings} beyond that.
 * A newer snapshot of a booking replaces the one held (an older version is ignored); a tombstone removes it.
 * Written only by the {@link BookingIndexLoader}'s thread, read by the webhook threads.
 */
@Component
public class BookingIndex implements FollowedView<BookingSnapshot> {

    private static final Logger log = LoggerFactory.getLogger(BookingIndex.class);
    /** Statuses after which a booking no longer stands, whatever its time (design.md §4, §10.3). */
    private static final Set<String> OVER = Set.of("CANCELLED_BY_GUEST", "WITHDRAWN", "SKIPPED");

    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final Map<String, UpcomingBooking> byReservation = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byGuest = new ConcurrentHashMap<>();
    private final BookingIndexProperties properties;
    private final Clock clock;
    private final Counter overCapacity;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    private volatile boolean caughtUp;

    public BookingIndex(BookingIndexProperties properties, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.clock = clock;
        this.overCapacity = Counter.builder("confirmline.ingress.bookings.over.capacity")
                .description("Bookings not indexed because the index held max-bookings already; their guests' "
                        + "call-backs are put through to the venue instead of hearing their booking")
                .register(meters);
    }

    /** The guest's next booking at the tenant that has not started, if any. */
    public Optional<UpcomingBooking> next(String tenantId, String phone) {
        Set<String> ids = byGuest.get(guestKey(tenantId, PhoneNumbers.e164(phone)));
        if (ids == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return ids.stream()
                .map(byReservation::get)
                .filter(b -> b != null && b.startsAt().isAfter(now))
                .min(Comparator.comparing(UpcomingBooking::startsAt).thenComparing(UpcomingBooking::reservationId));
    }

    /** The booking as it stands now, if it still does (not cancelled, not started). */
    public Optional<UpcomingBooking> find(String reservationId) {
        UpcomingBooking booking = byReservation.get(reservationId);
        return booking == null || !booking.startsAt().isAfter(clock.instant())
                ? Optional.empty()
                : Optional.of(booking);
    }

    /** Adds or replaces a booking from its snapshot; one that no longer stands is removed. */
    public void put(BookingSnapshot snapshot) {
        UpcomingBooking held = byReservation.get(snapshot.getReservationId());
        if (held != null && snapshot.getVersion() < held.version()) {
            return;
        }
        if (snapshot.getCancelled()
                || (snapshot.getStatus() != null && OVER.contains(snapshot.getStatus()))
                || !snapshot.getStartsAt().isAfter(clock.instant())) {
            remove(snapshot.getReservationId());
            return;
        }
        if (held == null && byReservation.size() >= properties.maxBookings()) {
            overCapacity.increment();
            warnOverCapacity();
            return;
        }
        UpcomingBooking booking = UpcomingBooking.of(snapshot);
        if (held != null && !guestKey(held).equals(guestKey(booking))) {
            unlink(held);
        }
        byReservation.put(booking.reservationId(), booking);
        byGuest.computeIfAbsent(guestKey(booking), key -> ConcurrentHashMap.newKeySet())
                .add(booking.reservationId());
    }

    @Override
    public void put(String key, BookingSnapshot snapshot, String traceParent) {
        put(snapshot);
    }

    @Override
    public void remove(String reservationId) {
        UpcomingBooking held = byReservation.remove(reservationId);
        if (held != null) {
            unlink(held);
        }
    }

    @Override
    public int sweep() {
        Instant now = clock.instant();
        int removed = 0;
        for (UpcomingBooking booking : byReservation.values()) {
            if (!booking.startsAt().isAfter(now)) {
                remove(booking.reservationId());
                removed++;
            }
        }
        return removed;
    }

    @Override
    public int size() {
        return byReservation.size();
    }

    @Override
    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public void markCaughtUp() {
        caughtUp = true;
    }

    private void unlink(UpcomingBooking booking) {
        byGuest.computeIfPresent(guestKey(booking), (key, ids) -> {
            ids.remove(booking.reservationId());
            return ids.isEmpty() ? null : ids;
        });
    }

    private void warnOverCapacity() {
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn(
                    "The booking index holds {} bookings (max-bookings); further bookings are not indexed and their "
                            + "guests' call-backs are put through to the venue",
                    byReservation.size());
        }
    }

    private static String guestKey(UpcomingBooking booking) {
        return guestKey(booking.tenantId(), booking.guestPhone());
    }

    private static String guestKey(String tenantId, String phone) {
        return tenantId + '\u0000' + phone;
    }
}
