package io.confirmline.ingress.callback;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: until the index has read the whole booking topic, a call-back could miss a guest's booking. */
@Component
public class BookingIndexHealthIndicator implements HealthIndicator {

    private final BookingIndex index;

    public BookingIndexHealthIndicator(BookingIndex index) {
        this.index = index;
    }

    @Override
    public Health health() {
        Health.Builder builder = index.caughtUp() ? Health.up() : Health.outOfService();
        return builder.withDetail("upcomingBookings", index.size()).build();
    }
}
