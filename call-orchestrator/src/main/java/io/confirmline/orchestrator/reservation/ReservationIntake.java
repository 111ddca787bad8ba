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

import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.kafka.InvalidEventException;
import io.confirmline.kafka.KeyedBatch;
import io.confirmline.orchestrator.idempotency.ProcessedEvents;
import io.confirmline.orchestrator.optout.OptOuts;
import io.confirmline.orchestrator.outbox.TraceParent;
import io.confirmline.orchestrator.schedule.CallingHours;
import io.confirmline.orchestrator.schedule.SchedulePolicy;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes the platform's bookings: validates them (an invalid one goes to the dead-letter topic with every
 * problem named), decides when to call, and applies the result in one transaction with its outbox record. A poll's
 * bookings are applied {@code confirmline.reservations.in-flight} at a time, in order per booking (the records' key;
 * {@link KeyedBatch}), so that one consumer thread keeps up with bookings arriving faster than one transaction at a
 * time applies them.
 */
@Component
public class ReservationIntake {

    private static final Duration APPLY_WAIT = Duration.ofSeconds(30);

    private final BookingStore store;
    private final OptOuts optOuts;
    private final Tenants tenants;
    private final Clock clock;
    private final ReservationProperties properties;
    private final io.micrometer.tracing.Tracer tracer;
    private final ProcessedEvents processed;

    public ReservationIntake(
            BookingStore store,
            OptOuts optOuts,
            Tenants tenants,
            Clock clock,
            ReservationProperties properties,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer,
            ProcessedEvents processed) {
        this.tracer = tracer.getIfAvailable();
        this.processed = processed;
        this.properties = properties;
        this.optOuts = optOuts;
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
    }

    @KafkaListener(
            topics = "#{T(io.confirmline.events.Topics).RESERVATIONS.name()}",
            concurrency = "${confirmline.reservations.consumers:1}",
            batch = "true")
    public void onReservations(List<ConsumerRecord<String, ReservationEvent>> records) {
        KeyedBatch.apply(
                records,
                properties.inFlight(),
                APPLY_WAIT,
                record -> TraceParent.ofRecord(tracer, record, () -> onReservation(record)));
    }

    private Mono<BookingStore.Outcome> onReservation(ConsumerRecord<String, ReservationEvent> record) {
        ReservationEvent event = record.value();
        if (event == null) {
            return Mono.error(new InvalidEventException(
                    "A record without a value on " + record.topic() + ", which has no tombstones"));
        }
        Instant now = clock.instant();
        List<String> problems = ReservationValidator.problems(event, tenants.ids(), now);
        if (!problems.isEmpty()) {
            // A repeat of a booking event already applied (the booking has started since) is dropped: its work is
            // done, and a dead letter would tell the platform's team of a problem there is not.
            return processed.rejectUnlessApplied(event.getEventId(), problems).then(Mono.empty());
        }
        return schedule(event, now);
    }

    /**
     * Schedules (or moves, skips, withdraws) the call of a valid booking event, as one transaction. A disabled
     * tenant's booking is stored and its call SKIPPED ({@link Tenants#DISABLED_REASON}): no new call, and the
     * platform hears why. A cancellation is applied as always.
     */
    public Mono<BookingStore.Outcome> schedule(ReservationEvent event, Instant now) {
        if (event.getType() == ReservationEventType.CANCELLED) {
            return store.apply(event, null, now);
        }
        Tenant tenant = tenants.byId(event.getTenantId()).orElseThrow();
        if (!tenant.enabled()) {
            return store.apply(event, new SchedulePolicy.Skip(Tenants.DISABLED_REASON), now);
        }
        // An opted-out number is neither called nor texted: the booking is stored and SKIPPED at once, so the platform
        // hears why. The dialer checks again when the call is due (the guest may opt out in between).
        return optOuts.isOptedOut(event.getTenantId(), event.getGuestPhone())
                .flatMap(optedOut -> store.apply(
                        event,
                        optedOut
                                ? new SchedulePolicy.Skip(OptOuts.SKIP_REASON)
                                : policy(tenant, ZoneId.of(event.getTimeZone())).decide(event.getStartsAt(), now),
                        now));
    }

    /** The tenant's schedule rules (as the tenant is configured now) in the venue's zone. */
    public static SchedulePolicy policy(Tenant tenant, ZoneId venueZone) {
        Tenant.Calling calling = tenant.calling();
        return new SchedulePolicy(
                calling.leadTime(),
                calling.minimumNotice(),
                new CallingHours(calling.callingOpens(), calling.callingCloses()),
                venueZone);
    }
}
