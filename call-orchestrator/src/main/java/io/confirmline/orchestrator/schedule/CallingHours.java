package io.confirmline.orchestrator.schedule;

import java.time.LocalTime;
import java.util.Objects;

/**
 * The local times between which a tenant's guests may be called, e.g. 09:00–21:00 in the venue's zone.
 *
 * @param opens the first moment a call may start
 * @param closes the last moment a call may start
 */
public record CallingHours(LocalTime opens, LocalTime closes) {

    public CallingHours {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("Calling hours must open before they close: " + opens + "–" + closes);
        }
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(opens) && !time.isAfter(closes);
    }
}
