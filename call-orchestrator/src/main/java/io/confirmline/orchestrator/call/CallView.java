package io.confirmline.orchestrator.call;

import java.time.Instant;
import java.util.UUID;

/** What the API shows of a call: its status now and what it is about. */
public record CallView(UUID id, String tenantId, String subjectType, String subjectId, String status, int attempt,
        Instant scheduledFor, Instant validUntil, String reason, String sessionId, Instant dialedAt, String digits) {
}
