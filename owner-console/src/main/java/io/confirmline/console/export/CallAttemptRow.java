package io.confirmline.console.export;

import java.time.Instant;

/**
 * One call attempt of a booking, as the export writes it: the booking's fields, then the attempt's latest status
 * (its channel, status and reason from the attempt's last change) and its timings and 8x8's codes over all its
 * changes.
 */
public record CallAttemptRow(String reservationId, Instant startsAt, String guestName, String guestPhone,
        Integer partySize, int attempt, String channel, String status, String reason, Instant dialedAt,
        Instant connectedAt, Instant endedAt, Integer durationSeconds, String providerStatus,
        Integer providerErrorCode) {
}
