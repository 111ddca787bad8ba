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
package io.confirmline.console.conversation;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The inbox's reads from the read model ({@code conversation_thread}, {@code conversation_message},
 * {@code guest_fact}, {@code booking_view}), always within one tenant: a phone of another tenant is simply not
 * found. Marking a thread read is the one write: it is the owner's own state, kept on the thread row so that the
 * projection's unread count starts again from there.
 */
@Repository
public class Inbox {

    /** The newest threads the list shows; older ones are reached by their phone. */
    static final int LIST_LIMIT = 200;

    /**
     * A thread "needs attention" while a guest's text the orchestrator flagged has no answer by a person or the
     * assistant after it; the assistant failed on it when its fallback template went out after it. The guest's name
     * comes from their latest booking that is not over; the latest text's author and purpose mark the list's line.
     */
    private static final String THREAD = """
            SELECT t.phone, t.last_message_at, t.last_body, t.unread, t.opted_out, t.taken_over_at, g.guest_name,
                   a.attention, a.assistant_failed, l.author AS last_author, l.purpose AS last_purpose
            FROM conversation_thread t
            LEFT JOIN LATERAL (SELECT b.guest_name FROM booking_view b
                               WHERE b.tenant_id = t.tenant_id AND b.guest_phone = t.phone AND NOT b.ended
                               ORDER BY b.starts_at DESC LIMIT 1) g ON true
            LEFT JOIN LATERAL (SELECT true AS attention,
                                      bool_or(EXISTS (SELECT 1 FROM conversation_message f
                                                      WHERE f.tenant_id = m.tenant_id AND f.phone = m.phone
                                                        AND f.direction = 'OUTBOUND'
                                                        AND f.purpose = 'ASSISTANT_FALLBACK'
                                                        AND f.created_at >= m.created_at)) AS assistant_failed
                               FROM conversation_message m
                               WHERE m.tenant_id = t.tenant_id AND m.phone = t.phone AND m.direction = 'INBOUND'
                                 AND m.needs_attention
                                 AND NOT EXISTS (SELECT 1 FROM conversation_message r
                                                 WHERE r.tenant_id = m.tenant_id AND r.phone = m.phone
                                                   AND r.direction = 'OUTBOUND' AND r.author IN ('OWNER', 'ASSISTANT')
                                                   AND r.created_at > m.created_at)
                               HAVING count(*) > 0) a ON true
            LEFT JOIN LATERAL (SELECT m.author, m.purpose FROM conversation_message m
                               WHERE m.tenant_id = t.tenant_id AND m.phone = t.phone
                               ORDER BY m.created_at DESC, m.message_id DESC LIMIT 1) l ON true
            """;

    private final DatabaseClient db;

    public Inbox(DatabaseClient db) {
        this.db = db;
    }

    /** The tenant's threads, the latest message first. */
    public Flux<InboxThread> threads(String tenantId) {
        return db.sql(THREAD + " WHERE t.tenant_id = $1 ORDER BY t.last_message_at DESC LIMIT " + LIST_LIMIT)
                .bind(0, tenantId)
                .map(Inbox::thread)
                .all();
    }

    /** The tenant's thread with this guest; empty when there is none (or it is another tenant's). */
    public Mono<InboxThread> thread(String tenantId, String phone) {
        return db.sql(THREAD + " WHERE t.tenant_id = $1 AND t.phone = $2")
                .bind(0, tenantId)
                .bind(1, phone)
                .map(Inbox::thread)
                .one();
    }

    /** The thread's texts, oldest first. */
    public Flux<ThreadMessage> messages(String tenantId, String phone) {
        return db.sql("""
                        SELECT message_id, direction, author, body, delivery, purpose, needs_attention, created_at
                        FROM conversation_message WHERE tenant_id = $1 AND phone = $2
                        ORDER BY created_at, message_id""")
                .bind(0, tenantId)
                .bind(1, phone)
                .map(row -> new ThreadMessage(
                        row.get("message_id", String.class),
                        row.get("direction", String.class),
                        row.get("author", String.class),
                        row.get("body", String.class),
                        row.get("delivery", String.class),
                        row.get("purpose", String.class),
                        Boolean.TRUE.equals(row.get("needs_attention", Boolean.class)),
                        instant(row, "created_at")))
                .all();
    }

    /** What the guest asked the booking platform for (changes, new tables), oldest first. */
    public Flux<GuestAsk> asks(String tenantId, String phone) {
        return db.sql("""
                        SELECT type, wanted_date, wanted_time, party_size, read_by, occurred_at FROM guest_fact
                        WHERE tenant_id = $1 AND phone = $2 AND type IN ('CHANGE_REQUESTED', 'BOOKING_REQUESTED')
                        ORDER BY occurred_at, event_id""")
                .bind(0, tenantId)
                .bind(1, phone)
                .map(row -> new GuestAsk(
                        row.get("type", String.class),
                        row.get("wanted_date", String.class),
                        row.get("wanted_time", String.class),
                        row.get("party_size", Integer.class),
                        row.get("read_by", String.class),
                        instant(row, "occurred_at")))
                .all();
    }

    /** Someone of the venue opened the thread: nothing in it is unread any more. */
    public Mono<Void> markRead(String tenantId, String phone) {
        return db.sql("""
                        UPDATE conversation_thread SET unread = 0, last_read_at = GREATEST(last_read_at, now())
                        WHERE tenant_id = $1 AND phone = $2""").bind(0, tenantId).bind(1, phone).then();
    }

    /**
     * The orchestrator accepted the take-over (or an owner's reply, which counts as one): the page says so at once;
     * the TAKEN_OVER event on conversations.v1 sets the same mark when it arrives.
     */
    public Mono<Void> markTakenOver(String tenantId, String phone) {
        return db.sql("""
                        UPDATE conversation_thread SET taken_over_at = COALESCE(taken_over_at, now())
                        WHERE tenant_id = $1 AND phone = $2""").bind(0, tenantId).bind(1, phone).then();
    }

    private static InboxThread thread(Readable row) {
        Integer unread = row.get("unread", Integer.class);
        return new InboxThread(
                row.get("phone", String.class),
                row.get("guest_name", String.class),
                instant(row, "last_message_at"),
                row.get("last_body", String.class),
                unread == null ? 0 : unread,
                Boolean.TRUE.equals(row.get("attention", Boolean.class)),
                Boolean.TRUE.equals(row.get("opted_out", Boolean.class)),
                row.get("taken_over_at", OffsetDateTime.class) != null,
                row.get("last_author", String.class),
                row.get("last_purpose", String.class),
                Boolean.TRUE.equals(row.get("assistant_failed", Boolean.class)));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
