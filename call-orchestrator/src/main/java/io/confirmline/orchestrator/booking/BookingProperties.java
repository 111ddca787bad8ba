package io.confirmline.orchestrator.booking;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bookings the orchestrator publishes on the compacted {@code bookings.v1} (design.md §10.2).
 *
 * @param tombstoneAfter how long after a booking starts it is over: then a tombstone removes it from the topic, so
 *     the ingress stops offering it to a caller and compaction forgets the guest's details
 * @param sweepInterval the pause between looks for bookings that are over, once none is left
 */
@Validated
@ConfigurationProperties("confirmline.bookings")
public record BookingProperties(
        @DefaultValue("6h") @NotNull Duration tombstoneAfter,
        @DefaultValue("1m") @NotNull Duration sweepInterval) {
}
