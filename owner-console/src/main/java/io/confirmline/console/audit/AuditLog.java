package io.confirmline.console.audit;

import reactor.core.publisher.Mono;

/**
 * Records admin changes and logins. Callers that change data call it inside their transaction, so a change and
 * its audit line commit together.
 */
public interface AuditLog {

    Mono<Void> record(AuditEntry entry);
}
