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
package io.confirmline.console.readmodel;

import static io.confirmline.console.readmodel.Binds.bind;
import static io.confirmline.console.readmodel.Binds.time;

import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.ConversationMessage;
import io.confirmline.events.GuestRequest;
import io.confirmline.events.MessageAuthor;
import io.confirmline.kafka.InvalidEventException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code conversations.v1} into the inbox's tables. A text (received, sent, or its delivery moving on) is one
 * {@code conversation_message} row; its thread keeps the last text and the unread count — inbound texts after the
 * owner last read or answered the thread, so a rebuild that keeps {@code last_read_at} counts the same. Take-over
 * and opt-out/in mark the thread; every guest fact (all but the texts) is also kept in {@code guest_fact}, a change
 * or booking request with what the guest asked for.
 */
@Component
class ConversationProjection {

    private final DatabaseClient db;

    ConversationProjection(DatabaseClient db) {
        this.db = db;
    }

    Flux<LiveChange.Subject> apply(ConversationEvent event) {
        if (event.getTenantId() == null
                || event.getTenantId().isBlank()
                || event.getPhone() == null
                || event.getPhone().isBlank()) {
            throw new InvalidEventException("A conversation event without a tenant or phone");
        }
        if (event.getType() == ConversationEventType.UNKNOWN) {
            throw new InvalidEventException("A conversation event type this console does not know (read as UNKNOWN):"
                    + " upgrade the console, then replay the dead letter");
        }
        Mono<Void> applied = switch (event.getType()) {
            case MESSAGE_RECEIVED, MESSAGE_SENT, MESSAGE_STATUS ->
                message(event).then(thread(event));
            case TAKEN_OVER -> fact(event).then(threadMark(event, "taken_over_at = :at", "taken_over_at"));
            case OPTED_OUT -> fact(event).then(threadMark(event, "opted_out = true", "opted_out"));
            case OPTED_IN -> fact(event).then(threadMark(event, "opted_out = false", "opted_out"));
            default -> fact(event);
        };
        return applied.thenMany(
                Flux.just(new LiveChange.Subject(event.getTenantId(), LiveChange.Kind.CONVERSATION, event.getPhone())));
    }

    private Mono<Void> message(ConversationEvent event) {
        ConversationMessage message = event.getMessage();
        if (message == null || message.getMessageId() == null) {
            throw new InvalidEventException("A " + event.getType() + " event without its message");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO conversation_message AS m (tenant_id, message_id, phone, direction, author, body,
                               delivery, purpose, reservation_id, interpretation, needs_attention, umid, encoding,
                               segments, error_code, detail, created_at, updated_at)
                        VALUES (:tenant, :id, :phone, :direction, :author, :body, :delivery, :purpose, :reservation,
                               :interpretation, :attention, :umid, :encoding, :segments, :errorCode, :detail, :at, :at)
                        ON CONFLICT (tenant_id, message_id) DO UPDATE SET
                               delivery = EXCLUDED.delivery, umid = COALESCE(EXCLUDED.umid, m.umid),
                               encoding = COALESCE(EXCLUDED.encoding, m.encoding),
                               segments = COALESCE(EXCLUDED.segments, m.segments),
                               error_code = COALESCE(EXCLUDED.error_code, m.error_code),
                               detail = COALESCE(EXCLUDED.detail, m.detail),
                               interpretation = COALESCE(EXCLUDED.interpretation, m.interpretation),
                               needs_attention = EXCLUDED.needs_attention,
                               updated_at = GREATEST(m.updated_at, EXCLUDED.updated_at)""")
                .bind("tenant", event.getTenantId())
                .bind("id", message.getMessageId())
                .bind("phone", event.getPhone())
                .bind("direction", message.getDirection().name())
                .bind("author", message.getAuthor().name())
                .bind("body", message.getBody())
                .bind("delivery", message.getDelivery().name())
                .bind("attention", message.getNeedsAttention());
        spec = time(spec, "at", event.getOccurredAt());
        spec = bind(spec, "purpose", message.getPurpose(), String.class);
        spec = bind(spec, "reservation", message.getReservationId(), String.class);
        spec = bind(spec, "interpretation", message.getInterpretation(), String.class);
        spec = bind(spec, "umid", message.getUmid(), String.class);
        spec = bind(spec, "encoding", message.getEncoding(), String.class);
        spec = bind(spec, "segments", message.getSegments(), Integer.class);
        spec = bind(
                spec,
                "errorCode",
                message.getErrorCode() == null ? null : message.getErrorCode().toString(),
                String.class);
        spec = bind(spec, "detail", message.getDetail(), String.class);
        return spec.then();
    }

    /** A text received or sent is the thread's latest; a received one is unread, an owner's answer reads them all. */
    private Mono<Void> thread(ConversationEvent event) {
        if (event.getType() == ConversationEventType.MESSAGE_STATUS) {
            return Mono.empty();
        }
        boolean received = event.getType() == ConversationEventType.MESSAGE_RECEIVED;
        boolean ownerAnswered = !received && event.getMessage().getAuthor() == MessageAuthor.OWNER;
        String unread = received
                ? "CASE WHEN t.last_read_at IS NULL OR t.last_read_at < EXCLUDED.last_message_at THEN t.unread + 1 ELSE t.unread END"
                : ownerAnswered ? "0" : "t.unread";
        String lastRead = ownerAnswered ? "GREATEST(t.last_read_at, EXCLUDED.last_message_at)" : "t.last_read_at";
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO conversation_thread AS t (tenant_id, phone, last_message_at, last_body, unread, last_read_at)
                        VALUES (:tenant, :phone, :at, :body, :unread, :lastRead)
                        ON CONFLICT (tenant_id, phone) DO UPDATE SET
                               last_message_at = GREATEST(t.last_message_at, EXCLUDED.last_message_at),
                               last_body = CASE WHEN t.last_message_at <= EXCLUDED.last_message_at OR t.last_body IS NULL
                                                THEN EXCLUDED.last_body ELSE t.last_body END,
                               unread = %s, last_read_at = %s""".formatted(unread, lastRead))
                .bind("tenant", event.getTenantId())
                .bind("phone", event.getPhone())
                .bind("body", event.getMessage().getBody())
                .bind("unread", received ? 1 : 0);
        spec = time(spec, "at", event.getOccurredAt());
        spec = time(spec, "lastRead", ownerAnswered ? event.getOccurredAt() : null);
        return spec.then();
    }

    /** Sets one mark of the thread (creating it, empty, for a fact that comes before any text). */
    private Mono<Void> threadMark(ConversationEvent event, String assignment, String column) {
        String value = switch (column) {
            case "taken_over_at" -> ":at";
            default -> assignment.endsWith("true") ? "true" : "false";
        };
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO conversation_thread AS t (tenant_id, phone, last_message_at, %s)
                        VALUES (:tenant, :phone, :at, %s)
                        ON CONFLICT (tenant_id, phone) DO UPDATE SET %s""".formatted(column, value, assignment))
                .bind("tenant", event.getTenantId())
                .bind("phone", event.getPhone());
        return time(spec, "at", event.getOccurredAt()).then();
    }

    /** A guest fact; a change or booking request keeps what the guest asked for, for the thread's line. */
    private Mono<Void> fact(ConversationEvent event) {
        GuestRequest request = event.getRequest();
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO guest_fact (event_id, tenant_id, phone, type, reservation_id, source, reason,
                               occurred_at, wanted_date, wanted_time, party_size, words, read_by)
                        VALUES (:eventId, :tenant, :phone, :type, :reservation, :source, :reason, :at, :wantedDate,
                               :wantedTime, :partySize, :words, :readBy)
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("eventId", event.getEventId())
                .bind("tenant", event.getTenantId())
                .bind("phone", event.getPhone())
                .bind("type", event.getType().name());
        spec = bind(spec, "reservation", event.getReservationId(), String.class);
        spec = bind(spec, "source", event.getSource(), String.class);
        spec = bind(spec, "reason", event.getReason(), String.class);
        spec = bind(spec, "wantedDate", request == null ? null : request.getWantedDate(), String.class);
        spec = bind(spec, "wantedTime", request == null ? null : request.getWantedTime(), String.class);
        spec = bind(spec, "partySize", request == null ? null : request.getPartySize(), Integer.class);
        spec = bind(spec, "words", request == null ? null : request.getWords(), String.class);
        spec = bind(spec, "readBy", request == null ? null : request.getReadBy(), String.class);
        return time(spec, "at", event.getOccurredAt()).then();
    }
}
