package io.confirmline.sandbox.platform;

import io.confirmline.events.ReservationEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The last event the sandbox published for each booking, so it can answer a change request like a platform. */
@Component
class PublishedReservations {

    private final Map<String, ReservationEvent> latest = new ConcurrentHashMap<>();

    void remember(ReservationEvent event) {
        latest.put(event.getTenantId() + "/" + event.getReservationId(), event);
    }

    Optional<ReservationEvent> latest(String tenantId, String reservationId) {
        return Optional.ofNullable(latest.get(tenantId + "/" + reservationId));
    }
}
