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
package io.confirmline.console.analytics;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The analytics' SQL over the console's read model (booking_view, call_status_view, conversation_message,
 * text_receipt), every value a bind parameter and the tenant always the caller's. {@link Figures} defines what
 * each number means; the SQL here is that definition.
 */
@Repository
public class AnalyticsQueries {

    /**
     * The bookings of the range with, for each, when its deciding status change happened (the first change into
     * its current status; the last change of the row when the history lacks it) and when we first reached out
     * (first dialling, else first text sent about it).
     */
    private static final String BOOKINGS = """
            WITH b AS (
                SELECT v.reservation_id, v.status, v.channel, v.attempt, v.party_size, v.starts_at,
                       coalesce((SELECT min(c.occurred_at) FROM call_status_view c
                                  WHERE c.tenant_id = v.tenant_id AND c.subject_id = v.reservation_id
                                    AND c.status = v.status AND c.previous_status IS DISTINCT FROM c.status),
                                v.last_change_at) AS decided_at,
                       coalesce((SELECT min(c.dialed_at) FROM call_status_view c
                                  WHERE c.tenant_id = v.tenant_id AND c.subject_id = v.reservation_id),
                                (SELECT min(m.created_at) FROM conversation_message m
                                  WHERE m.tenant_id = v.tenant_id AND m.reservation_id = v.reservation_id
                                    AND m.direction = 'OUTBOUND')) AS reached_at
                  FROM booking_view v
                 WHERE v.tenant_id = :tenant AND v.starts_at >= :start AND v.starts_at < :end
            )
            """;

    private static final String FINAL = "('CONFIRMED', 'CANCELLED_BY_GUEST', 'NO_RESPONSE', 'UNREACHABLE', 'FAILED')";
    private static final String ANSWERED = "status IN ('CONFIRMED', 'CANCELLED_BY_GUEST') AND reached_at IS NOT NULL "
            + "AND decided_at >= reached_at";
    private static final String IN_TIME = "status = 'CANCELLED_BY_GUEST' AND decided_at < starts_at";

    private static final String COUNTS = """
            count(*) AS bookings,
            count(*) FILTER (WHERE status IN %s) AS outcomes,
            count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
            count(*) FILTER (WHERE status = 'CANCELLED_BY_GUEST') AS cancelled,
            count(*) FILTER (WHERE status = 'NO_RESPONSE') AS no_response,
            count(*) FILTER (WHERE status = 'UNREACHABLE') AS unreachable,
            count(*) FILTER (WHERE status = 'FAILED') AS failed
            """.formatted(FINAL);

    /** The totals of the range and the figures that go with them. */
    record Totals(
            Outcomes outcomes,
            long cancelledInTime,
            long seatsFreed,
            long confirmedAttempts,
            long answered,
            Double medianAnswerSeconds,
            Double p90AnswerSeconds) {}

    private final DatabaseClient db;

    public AnalyticsQueries(DatabaseClient db) {
        this.db = db;
    }

    Mono<Totals> totals(String tenantId, Instant start, Instant end) {
        String sql = BOOKINGS + "SELECT " + COUNTS + """
                , count(*) FILTER (WHERE %1$s) AS cancelled_in_time,
                  coalesce(sum(coalesce(party_size, 0)) FILTER (WHERE %1$s), 0) AS seats_freed,
                  coalesce(sum(attempt) FILTER (WHERE status = 'CONFIRMED'), 0) AS confirmed_attempts,
                  count(*) FILTER (WHERE %2$s) AS answered,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - reached_at)::double precision)
                      FILTER (WHERE %2$s) AS median_answer,
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - reached_at)::double precision)
                      FILTER (WHERE %2$s) AS p90_answer
                FROM b
                """.formatted(IN_TIME, ANSWERED);
        return bind(db.sql(sql), tenantId, start, end)
                .map(row -> new Totals(
                        outcomes(row, ""),
                        count(row, "cancelled_in_time"),
                        count(row, "seats_freed"),
                        count(row, "confirmed_attempts"),
                        count(row, "answered"),
                        row.get("median_answer", Double.class),
                        row.get("p90_answer", Double.class)))
                .one();
    }

    /** One entry per day with bookings (the venue's calendar day of the booking's start). */
    Flux<Outcomes> byDay(String tenantId, java.time.ZoneId zone, Instant start, Instant end) {
        String sql = BOOKINGS + "SELECT (starts_at AT TIME ZONE CAST(:zone AS text))::date AS day, " + COUNTS
                + " FROM b GROUP BY 1 ORDER BY 1";
        return bind(db.sql(sql), tenantId, start, end)
                .bind("zone", zone.getId())
                .map(row -> outcomes(row, row.get("day", LocalDate.class).toString()))
                .all();
    }

    /** One entry per hour of day with bookings (the hour of the booking's start on the venue's clock). */
    Flux<Outcomes> byHour(String tenantId, java.time.ZoneId zone, Instant start, Instant end) {
        String sql = BOOKINGS + "SELECT extract(hour FROM starts_at AT TIME ZONE CAST(:zone AS text))::int AS hour, "
                + COUNTS + " FROM b GROUP BY 1 ORDER BY 1";
        return bind(db.sql(sql), tenantId, start, end)
                .bind("zone", zone.getId())
                .map(row -> outcomes(row, "%02d".formatted(row.get("hour", Integer.class))))
                .all();
    }

    Flux<ChannelOutcomes> byChannel(String tenantId, Instant start, Instant end) {
        String sql = BOOKINGS + """
                SELECT channel, count(*) AS outcomes,
                       count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
                       count(*) FILTER (WHERE status = 'CANCELLED_BY_GUEST') AS cancelled
                  FROM b WHERE status IN %s GROUP BY channel ORDER BY channel
                """.formatted(FINAL);
        return bind(db.sql(sql), tenantId, start, end)
                .map(row -> new ChannelOutcomes(
                        row.get("channel", String.class),
                        count(row, "outcomes"),
                        count(row, "confirmed"),
                        count(row, "cancelled")))
                .all();
    }

    Flux<TextCost> textCosts(String tenantId, Instant start, Instant end) {
        return bind(db.sql("""
                SELECT currency, sum(price_total) AS total, count(*) AS texts
                  FROM text_receipt
                 WHERE tenant_id = :tenant AND received_at >= :start AND received_at < :end
                   AND price_total IS NOT NULL AND currency IS NOT NULL
                 GROUP BY currency ORDER BY currency
                """), tenantId, start, end)
                .map(row -> new TextCost(
                        row.get("currency", String.class), row.get("total", BigDecimal.class), count(row, "texts")))
                .all();
    }

    private static DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec spec, String tenantId, Instant start, Instant end) {
        return spec.bind("tenant", tenantId)
                .bind("start", OffsetDateTime.ofInstant(start, ZoneOffset.UTC))
                .bind("end", OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
    }

    private static Outcomes outcomes(Readable row, String label) {
        return new Outcomes(
                label,
                count(row, "bookings"),
                count(row, "outcomes"),
                count(row, "confirmed"),
                count(row, "cancelled"),
                count(row, "no_response"),
                count(row, "unreachable"),
                count(row, "failed"));
    }

    private static long count(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
