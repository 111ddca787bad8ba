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
package io.confirmline.console.alert;

import io.confirmline.console.backend.BackendException;
import io.confirmline.console.backend.OrchestratorClient;
import io.confirmline.console.language.ConsoleTimes;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The owner alerts (issue #16 item 5), decided from the read model and texted through the orchestrator's
 * {@code POST /api/owner-alerts}, which owns the SMS client.
 *
 * <ul>
 * <li>A late cancellation: a CANCELLED_BY_GUEST on calls.status.v1 for a booking that starts less than the owner's
 * hours after it.</li>
 * <li>An unanswered guest: a text the assistant flagged (needs attention) with no answer by the owner or the
 * assistant after it for longer than the owner's minutes — one alert per run of unanswered texts, keyed by its
 * first.</li>
 * </ul>
 * Each is decided once ({@code alert_sent}'s key) and only for what happened since the alerts were first switched
 * on. Sending is at least once with the same alert id, which the orchestrator deduplicates: an orchestrator that is
 * away is asked again with a growing delay; one that refuses (the tenant cannot text) is not asked again.
 */
@Component
public class OwnerAlerts {

    private static final Logger log = LoggerFactory.getLogger(OwnerAlerts.class);
    private static final int BATCH = 20;
    private static final Duration CLAIM = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int EXCERPT = 60;

    private static final String LATE_CANCELS = """
            SELECT DISTINCT ON (s.tenant_id, c.subject_id)
                   s.tenant_id, s.owner_phone, s.language, c.subject_id, c.occurred_at, b.starts_at, b.time_zone,
                   b.guest_name, b.guest_phone, b.party_size
            FROM alert_settings s
            JOIN call_status_view c ON c.tenant_id = s.tenant_id
            JOIN booking_view b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
            WHERE s.late_cancel_hours IS NOT NULL AND c.status = 'CANCELLED_BY_GUEST'
              AND c.subject_type <> 'VOICE_MESSAGE'
              AND c.occurred_at >= s.since AND c.occurred_at > now() - interval '3 days'
              AND b.starts_at > c.occurred_at
              AND b.starts_at <= c.occurred_at + make_interval(hours => s.late_cancel_hours)
              AND NOT EXISTS (SELECT 1 FROM alert_sent a
                              WHERE a.alert_key = 'late-cancel:' || s.tenant_id || ':' || c.subject_id)
            ORDER BY s.tenant_id, c.subject_id, c.occurred_at""";

    /** The first text of each unanswered run: no earlier flagged text of the guest is unanswered too. */
    private static final String UNANSWERED = """
            SELECT s.tenant_id, s.owner_phone, s.language, m.phone, m.message_id, m.body, m.created_at, g.guest_name
            FROM alert_settings s
            JOIN conversation_message m ON m.tenant_id = s.tenant_id
            LEFT JOIN LATERAL (SELECT b.guest_name FROM booking_view b
                               WHERE b.tenant_id = m.tenant_id AND b.guest_phone = m.phone AND NOT b.ended
                               ORDER BY b.starts_at DESC LIMIT 1) g ON true
            WHERE s.unanswered_minutes IS NOT NULL AND m.direction = 'INBOUND' AND m.needs_attention
              AND m.created_at >= s.since AND m.created_at > now() - interval '2 days'
              AND m.created_at <= now() - make_interval(mins => s.unanswered_minutes)
              AND NOT EXISTS (SELECT 1 FROM conversation_message r
                              WHERE r.tenant_id = m.tenant_id AND r.phone = m.phone AND r.direction = 'OUTBOUND'
                                AND r.author IN ('OWNER', 'ASSISTANT') AND r.created_at > m.created_at)
              AND NOT EXISTS (SELECT 1 FROM conversation_message e
                              WHERE e.tenant_id = m.tenant_id AND e.phone = m.phone AND e.direction = 'INBOUND'
                                AND e.needs_attention AND e.created_at >= s.since AND e.created_at < m.created_at
                                AND NOT EXISTS (SELECT 1 FROM conversation_message r
                                                WHERE r.tenant_id = e.tenant_id AND r.phone = e.phone
                                                  AND r.direction = 'OUTBOUND' AND r.author IN ('OWNER', 'ASSISTANT')
                                                  AND r.created_at > e.created_at))
              AND NOT EXISTS (SELECT 1 FROM alert_sent a
                              WHERE a.alert_key = 'unanswered:' || s.tenant_id || ':' || m.message_id)""";

    /** An alert decided, before it is stored. */
    record Decided(String key, String tenantId, String kind, String subject, String to, String body) {}

    private final DatabaseClient db;
    private final OrchestratorClient orchestrator;
    private final MessageSource messages;
    private final ConsoleTimes times;

    public OwnerAlerts(DatabaseClient db, OrchestratorClient orchestrator, MessageSource messages, ConsoleTimes times) {
        this.db = db;
        this.orchestrator = orchestrator;
        this.messages = messages;
        this.times = times;
    }

    /** One round: decides new alerts, then sends the due ones; how many of both. */
    public int runOnce() {
        Integer decided = Flux.concat(lateCancels(), unanswered())
                .concatMap(this::store)
                .reduce(0, Integer::sum)
                .block(WAIT);
        return (decided == null ? 0 : decided) + sendDue();
    }

    private Flux<Decided> lateCancels() {
        return db.sql(LATE_CANCELS)
                .map(row -> {
                    String tenant = row.get("tenant_id", String.class);
                    String reservation = row.get("subject_id", String.class);
                    Instant cancelledAt = instant(row, "occurred_at");
                    Instant startsAt = instant(row, "starts_at");
                    Locale locale = Locale.forLanguageTag(row.get("language", String.class));
                    double hours =
                            Math.round(Duration.between(cancelledAt, startsAt).toMinutes() / 6.0) / 10.0;
                    Integer party = row.get("party_size", Integer.class);
                    String body = messages.getMessage(
                            "alerts.sms.lateCancel",
                            new Object[] {
                                who(row.get("guest_name", String.class), row.get("guest_phone", String.class)),
                                times.dateTime(startsAt, row.get("time_zone", String.class), locale),
                                party == null ? "?" : party.toString(),
                                hours
                            },
                            locale);
                    return new Decided(
                            "late-cancel:" + tenant + ":" + reservation,
                            tenant,
                            "LATE_CANCEL",
                            reservation,
                            row.get("owner_phone", String.class),
                            body);
                })
                .all();
    }

    private Flux<Decided> unanswered() {
        return db.sql(UNANSWERED)
                .map(row -> {
                    String tenant = row.get("tenant_id", String.class);
                    String phone = row.get("phone", String.class);
                    Locale locale = Locale.forLanguageTag(row.get("language", String.class));
                    long waited = Duration.between(instant(row, "created_at"), Instant.now())
                            .toMinutes();
                    String text = row.get("body", String.class);
                    String excerpt =
                            text == null ? "" : text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
                    String body = messages.getMessage(
                            "alerts.sms.unanswered",
                            new Object[] {who(row.get("guest_name", String.class), phone), waited, excerpt},
                            locale);
                    return new Decided(
                            "unanswered:" + tenant + ":" + row.get("message_id", String.class),
                            tenant,
                            "UNANSWERED",
                            phone,
                            row.get("owner_phone", String.class),
                            body);
                })
                .all();
    }

    /** 1 when the alert is new, 0 when it was decided before. */
    private Mono<Integer> store(Decided alert) {
        return db.sql("""
                        INSERT INTO alert_sent (alert_key, alert_id, tenant_id, kind, subject, to_phone, body)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (alert_key) DO NOTHING""")
                .bind(0, alert.key())
                .bind(1, UUID.randomUUID())
                .bind(2, alert.tenantId())
                .bind(3, alert.kind())
                .bind(4, alert.subject())
                .bind(5, alert.to())
                .bind(6, alert.body())
                .fetch()
                .rowsUpdated()
                .map(Long::intValue);
    }

    private record Due(String key, UUID alertId, String tenantId, String to, String body, int tries) {}

    /** Claims the due alerts (so a second round cannot send them at the same time) and asks the orchestrator. */
    private int sendDue() {
        List<Due> due = db.sql("""
                        UPDATE alert_sent SET next_try_at = now() + make_interval(secs => $1), tries = tries + 1
                        WHERE alert_key IN (SELECT alert_key FROM alert_sent
                                            WHERE sent_at IS NULL AND next_try_at <= now()
                                            ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                        RETURNING alert_key, alert_id, tenant_id, to_phone, body, tries""")
                .bind(0, (double) CLAIM.toSeconds())
                .bind(1, BATCH)
                .map(row -> new Due(
                        row.get("alert_key", String.class),
                        row.get("alert_id", UUID.class),
                        row.get("tenant_id", String.class),
                        row.get("to_phone", String.class),
                        row.get("body", String.class),
                        row.get("tries", Integer.class)))
                .all()
                .collectList()
                .block(WAIT);
        if (due == null || due.isEmpty()) {
            return 0;
        }
        Flux.fromIterable(due).concatMap(this::send).then().block(WAIT.multipliedBy(2));
        return due.size();
    }

    private Mono<Void> send(Due alert) {
        return orchestrator
                .post(
                        alert.tenantId(),
                        "/api/owner-alerts",
                        Map.of(
                                "to",
                                alert.to(),
                                "body",
                                alert.body(),
                                "alertId",
                                alert.alertId().toString()))
                .then(db.sql("UPDATE alert_sent SET sent_at = now(), detail = NULL WHERE alert_key = $1")
                        .bind(0, alert.key())
                        .then())
                .onErrorResume(BackendException.class, refused -> {
                    boolean retry =
                            refused.unavailable() || refused.getStatusCode().value() == 502;
                    log.warn(
                            "Owner alert {} of tenant {}: {} ({})",
                            alert.alertId(),
                            alert.tenantId(),
                            refused.reason(),
                            retry ? "asking again later" : "given up");
                    return db.sql("""
                                    UPDATE alert_sent SET detail = $2,
                                           next_try_at = CASE WHEN $3 THEN now() + make_interval(secs => $4)
                                                              ELSE 'infinity'::timestamptz END
                                    WHERE alert_key = $1""")
                            .bind(0, alert.key())
                            .bind(1, refused.reason())
                            .bind(2, retry)
                            .bind(3, (double) backoff(alert.tries()).toSeconds())
                            .then();
                });
    }

    /** 10 s, 20 s, 40 s... capped at 15 minutes. */
    static Duration backoff(int tries) {
        return Duration.ofSeconds(Math.min(10L << Math.min(Math.max(tries - 1, 0), 10), 900));
    }

    private static String who(String name, String phone) {
        return name == null || name.isBlank() ? phone : name;
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
