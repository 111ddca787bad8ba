package io.confirmline.console.audit;

import java.time.Instant;

/** One stored line of the audit log, as the audit API lists it. */
public record AuditRecord(long id, Instant at, String actor, String action, String tenantId, String detail,
        String remoteAddress) {
}
