package io.confirmline.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

/** A delivery row, as the worker and the API see it. */
public record Delivery(UUID id, long sequence, String tenantId, String subjectId, String eventId, String type,
        String payload, Instant occurredAt, String status, int attempts, Instant nextAttemptAt,
        Integer lastStatusCode, String lastError, Instant createdAt, Instant deliveredAt, Instant deadAt,
        String traceParent) {

    public static final String PENDING = "PENDING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String DEAD = "DEAD";

    /** The {@code webhook-id} header: stable across every attempt of this delivery. */
    public String webhookId() {
        return "msg_" + id.toString().replace("-", "");
    }
}
