package io.confirmline.orchestrator.reservation;

import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.kafka.InvalidEventException;
import io.confirmline.orchestrator.schedule.CallingHours;
import io.confirmline.orchestrator.schedule.SchedulePolicy;
import io.confirmline.orchestrator.tenant.OrchestratorTenantProperties;
import io.confirmline.orchestrator.tenant.OrchestratorTenantProperties.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the platform's bookings: validates them (an invalid one goes to the dead-letter topic with every
 * problem named), decides when to call, and applies the result in one transaction with its outbox record.
 */
@Component
public class ReservationIntake {

    private final BookingStore store;
    private final Map<String, Tenant> tenants;
    private final Clock clock;

    public ReservationIntake(BookingStore store, OrchestratorTenantProperties properties, Clock clock) {
        this.store = store;
        this.tenants = properties.tenants().stream().collect(Collectors.toMap(Tenant::id, Function.identity()));
        this.clock = clock;
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).RESERVATIONS.name()}")
    public void onReservation(ConsumerRecord<String, ReservationEvent> record) {
        ReservationEvent event = record.value();
        Instant now = clock.instant();
        List<String> problems = ReservationValidator.problems(event, tenants.keySet(), now);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(String.join("; ", problems));
        }
        SchedulePolicy.Decision decision = event.getType() == ReservationEventType.CANCELLED ? null
                : policy(tenants.get(event.getTenantId()), ZoneId.of(event.getTimeZone()))
                        .decide(event.getStartsAt(), now);
        store.apply(event, decision, now).block(Duration.ofSeconds(30));
    }

    static SchedulePolicy policy(Tenant tenant, ZoneId venueZone) {
        return new SchedulePolicy(tenant.leadTime(), tenant.minimumNotice(),
                new CallingHours(tenant.callingOpens(), tenant.callingCloses()), venueZone);
    }
}
