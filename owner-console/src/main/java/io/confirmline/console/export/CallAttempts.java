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
package io.confirmline.console.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;

/**
 * The call attempts of a tenant's bookings starting in a range, from the read model, as a stream: PostgreSQL sends
 * {@link ExportProperties#fetchSize()} rows at a time and the next ones only when the reader has asked for them,
 * so an export of any size holds a bounded number of rows. Counted in {@code confirmline_console_export_rows_total}
 * as they are read.
 */
@Repository
public class CallAttempts {

    /**
     * One row per call and attempt of each booking; the attempt's status, channel and reason are those of its last
     * change, its timings the earliest dialling and connection and the latest end of any of its changes.
     */
    private static final String SQL = """
            SELECT b.reservation_id, b.starts_at, b.guest_name, b.guest_phone, b.party_size,
                   a.attempt, a.channel, a.status, a.reason, a.dialed_at, a.connected_at, a.ended_at,
                   a.duration_seconds, a.provider_status, a.provider_error_code
              FROM booking_view b
              JOIN LATERAL (
                   SELECT c.call_id, c.attempt,
                          (array_agg(c.channel ORDER BY c.occurred_at DESC, c.event_id DESC))[1] AS channel,
                          (array_agg(c.status ORDER BY c.occurred_at DESC, c.event_id DESC))[1] AS status,
                          (array_agg(c.reason ORDER BY c.occurred_at DESC, c.event_id DESC))[1] AS reason,
                          min(c.dialed_at) AS dialed_at, min(c.connected_at) AS connected_at,
                          max(c.ended_at) AS ended_at, max(c.duration_seconds) AS duration_seconds,
                          (array_agg(c.provider_status ORDER BY c.occurred_at DESC, c.event_id DESC)
                               FILTER (WHERE c.provider_status IS NOT NULL))[1] AS provider_status,
                          (array_agg(c.provider_error_code ORDER BY c.occurred_at DESC, c.event_id DESC)
                               FILTER (WHERE c.provider_error_code IS NOT NULL))[1] AS provider_error_code
                     FROM call_status_view c
                    WHERE c.tenant_id = b.tenant_id AND c.subject_id = b.reservation_id
                    GROUP BY c.call_id, c.attempt
                   ) a ON true
             WHERE b.tenant_id = :tenant AND b.starts_at >= :start AND b.starts_at < :end
             ORDER BY b.starts_at, b.reservation_id, a.attempt, a.call_id
            """;

    private final DatabaseClient db;
    private final TransactionalOperator readOnly;
    private final ExportProperties properties;
    private final Counter rows;

    public CallAttempts(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            ExportProperties properties,
            MeterRegistry meters) {
        this.db = db;
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setReadOnly(true);
        this.readOnly = TransactionalOperator.create(transactions, definition);
        this.properties = properties;
        this.rows = Counter.builder("confirmline.console.export.rows")
                .description("Rows the CSV exports have read from the database")
                .register(meters);
    }

    /** The rows, in booking time order; nothing is read before the returned Flux is subscribed to and asked. */
    public Flux<CallAttemptRow> of(String tenantId, Instant start, Instant end) {
        // One transaction, so that the statement timeout is this export's own (SET LOCAL) and the portal that
        // fetchSize reads through stays open between fetches.
        Flux<CallAttemptRow> query = db.sql("SELECT set_config('statement_timeout', :timeout, true)")
                .bind("timeout", properties.statementTimeout().toMillis() + "ms")
                .then()
                .thenMany(db.sql(SQL)
                        .filter((statement, next) -> next.execute(statement.fetchSize(properties.fetchSize())))
                        .bind("tenant", tenantId)
                        .bind("start", OffsetDateTime.ofInstant(start, ZoneOffset.UTC))
                        .bind("end", OffsetDateTime.ofInstant(end, ZoneOffset.UTC))
                        .map(CallAttempts::row)
                        .all())
                .doOnNext(row -> rows.increment());
        return readOnly.transactional(query);
    }

    private static CallAttemptRow row(Readable row) {
        return new CallAttemptRow(
                row.get("reservation_id", String.class),
                instant(row, "starts_at"),
                row.get("guest_name", String.class),
                row.get("guest_phone", String.class),
                row.get("party_size", Integer.class),
                row.get("attempt", Integer.class),
                row.get("channel", String.class),
                row.get("status", String.class),
                row.get("reason", String.class),
                instant(row, "dialed_at"),
                instant(row, "connected_at"),
                instant(row, "ended_at"),
                row.get("duration_seconds", Integer.class),
                row.get("provider_status", String.class),
                row.get("provider_error_code", Integer.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
