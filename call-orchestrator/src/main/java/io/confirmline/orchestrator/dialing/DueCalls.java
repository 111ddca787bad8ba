/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.confirmline.orchestrator.dialing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Claims due calls with a lease ({@code FOR UPDATE SKIP LOCKED}, so any number of instances share the work): a
 * claimed call is left alone by every other claim until its lease runs out.
 */
@Component
class DueCalls {

    private final DatabaseClient db;
    private final DialingProperties properties;

    DueCalls(DatabaseClient db, DialingProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /**
     * Due calls nobody holds, at most one batch, now leased to this claim: taken in turns across tenants — each
     * tenant's oldest first, then each one's second oldest, and so on. Oldest first across all tenants would let a
     * tenant with a backlog larger than a batch (a burst, or calls waiting for its rate limit, which a batch gives
     * back) fill every batch until it is gone, while another tenant's call due meanwhile waits behind all of it.
     *
     * <p>The tenants with scheduled calls are walked one probe of {@code call_due_by_tenant} each, and each one's
     * oldest due calls read from it in order, so a claim never sorts the whole backlog; when nothing is due (most
     * polls), {@code call_due} says so at once and no tenant is walked. The turns pick twice a batch of candidates;
     * the rows are locked in that order, skipping those another instance's claim holds right now.
     */
    List<DueCall> claim() {
        List<DueCall> claimed = db.sql("""
                        UPDATE call SET lease_until = now() + make_interval(secs => :lease)
                        WHERE id IN (
                          SELECT c.id FROM unnest(ARRAY(
                              WITH RECURSIVE tenant AS (
                                  (SELECT tenant_id FROM call WHERE status = 'SCHEDULED'
                                     AND (SELECT min(due_at) FROM call WHERE status = 'SCHEDULED') <= now()
                                   ORDER BY tenant_id LIMIT 1)
                                  UNION ALL
                                  SELECT (SELECT n.tenant_id FROM call n
                                          WHERE n.status = 'SCHEDULED' AND n.tenant_id > tenant.tenant_id
                                          ORDER BY n.tenant_id LIMIT 1)
                                  FROM tenant WHERE tenant.tenant_id IS NOT NULL)
                              SELECT due.id FROM tenant
                              CROSS JOIN LATERAL (
                                  SELECT id, due_at, row_number() OVER (ORDER BY due_at) AS turn FROM call
                                  WHERE tenant_id = tenant.tenant_id AND status = 'SCHEDULED' AND due_at <= now()
                                    AND (lease_until IS NULL OR lease_until < now())
                                  ORDER BY due_at LIMIT :batch) due
                              ORDER BY due.turn, due.due_at LIMIT 2 * :batch)) WITH ORDINALITY AS next(id, place)
                          JOIN call c ON c.id = next.id
                          WHERE c.status = 'SCHEDULED' AND (c.lease_until IS NULL OR c.lease_until < now())
                          ORDER BY next.place LIMIT :batch
                          FOR UPDATE OF c SKIP LOCKED)
                        RETURNING\s""" + DueCall.COLUMNS)
                .bind("lease", properties.lease().toMillis() / 1000.0)
                .bind("batch", properties.batchSize())
                .map(DueCall::of)
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
        return claimed == null ? List.of() : claimed;
    }

    /**
     * When the next scheduled call that is not due yet falls due: the dialer's loop wakes then, so a call is dialed
     * on time rather than up to a poll interval late. One probe of {@code call_due}.
     */
    Optional<Instant> nextDue() {
        return Optional.ofNullable(db.sql("""
                        SELECT due_at FROM call WHERE status = 'SCHEDULED' AND due_at > now()
                        ORDER BY due_at LIMIT 1""")
                .map(row -> row.get("due_at", OffsetDateTime.class).toInstant())
                .one()
                .block(Duration.ofSeconds(30)));
    }

    /**
     * Ends this claim's lease on calls it will not dial now, so that the next claim takes them at once; a call whose
     * lease is no longer this claim's is left alone.
     */
    void giveBack(List<DueCall> calls) {
        db.sql("""
                        UPDATE call c SET lease_until = NULL
                        FROM unnest(:ids::uuid[], :leases::timestamptz[]) AS g(id, lease_until)
                        WHERE c.id = g.id AND c.lease_until = g.lease_until AND c.status = 'SCHEDULED'""")
                .bind("ids", calls.stream().map(call -> call.id().toString()).toArray(String[]::new))
                .bind(
                        "leases",
                        calls.stream().map(call -> call.leaseUntil().toString()).toArray(String[]::new))
                .then()
                .block(Duration.ofSeconds(30));
    }

    /** The call, while it is still SCHEDULED and held by the lease its creator took ({@code leaseUntil}). */
    Mono<DueCall> heldBy(UUID callId, Instant leaseUntil) {
        return db.sql("SELECT " + DueCall.COLUMNS + " FROM call WHERE id = :id AND status = 'SCHEDULED'")
                .bind("id", callId)
                .map(DueCall::of)
                .one()
                .filter(call -> leaseUntil.equals(call.leaseUntil()));
    }
}
