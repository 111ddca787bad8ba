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
package io.confirmline.orchestrator.conversation;

import io.confirmline.events.ConversationEventType;
import io.confirmline.events.ConversationMessage;
import io.confirmline.events.DeliveryState;
import io.confirmline.events.MessageAuthor;
import io.confirmline.events.MessageDirection;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code text_message} table: texts in and out, each change announced on {@code conversations.v1} in the same
 * transaction (the caller's).
 */
@Component
public class TextMessages {

    /** Why ConfirmLine sends a text. */
    public enum Purpose {
        FALLBACK,
        ACKNOWLEDGEMENT,
        OPT_OUT_CONFIRMATION,
        OPT_IN_CONFIRMATION,
        HELP,
        HOLDING_REPLY,
        OWNER_REPLY,
        /** "Sorry we missed you": a call-back nobody at the venue answered, or one outside opening hours. */
        MISSED_CALL,
        /** The assistant's answer to a guest's free text (issue #17). */
        ASSISTANT_REPLY,
        /** A yes or no the assistant read, asked back with the booking's digits: only the guest's answer decides. */
        ASK_BACK,
        /** Free times from the platform, offered for the guest to pick one. */
        SLOT_OFFER,
        /** The template that answers when the assistant could not (provider down, timeout, unreadable answer). */
        ASSISTANT_FALLBACK,
        /** The acknowledgement of the time a guest picked, sent on to the platform. */
        REQUEST_SENT
    }

    /** A text to send: to whom, what, about which booking, from when until when. */
    public record Outgoing(
            String tenantId,
            String phone,
            MessageAuthor author,
            Purpose purpose,
            String body,
            String reservationId,
            UUID callId,
            Instant dueAt,
            Instant expiresAt) {}

    /** A stored text with what its events need. */
    public record Stored(
            UUID id,
            String tenantId,
            String phone,
            String direction,
            String author,
            String purpose,
            String interpretation,
            String reservationId,
            UUID callId,
            String body,
            String state,
            String umid,
            String encoding,
            Integer segments,
            Integer errorCode,
            String detail,
            int tries,
            Instant expiresAt) {

        static final String COLUMNS =
                "id, tenant_id, phone, direction, author, purpose, interpretation, reservation_id, "
                        + "call_id, body, state, umid, encoding, segments, error_code, detail, tries, expires_at";

        static Stored of(Readable row) {
            OffsetDateTime expires = row.get("expires_at", OffsetDateTime.class);
            return new Stored(
                    row.get("id", UUID.class),
                    row.get("tenant_id", String.class),
                    row.get("phone", String.class),
                    row.get("direction", String.class),
                    row.get("author", String.class),
                    row.get("purpose", String.class),
                    row.get("interpretation", String.class),
                    row.get("reservation_id", String.class),
                    row.get("call_id", UUID.class),
                    row.get("body", String.class),
                    row.get("state", String.class),
                    row.get("umid", String.class),
                    row.get("encoding", String.class),
                    row.get("segments", Integer.class),
                    row.get("error_code", Integer.class),
                    row.get("detail", String.class),
                    row.get("tries", Integer.class),
                    expires == null ? null : expires.toInstant());
        }

        boolean inbound() {
            return "INBOUND".equals(direction);
        }

        /** The text as {@code conversations.v1} carries it. */
        ConversationMessage toMessage(boolean needsAttention) {
            return ConversationMessage.newBuilder()
                    .setMessageId(id.toString())
                    .setDirection(MessageDirection.valueOf(direction))
                    .setAuthor(MessageAuthor.valueOf(author))
                    .setBody(body)
                    .setDelivery(DeliveryState.valueOf(state))
                    .setPurpose(purpose)
                    .setReservationId(reservationId)
                    .setInterpretation(interpretation)
                    .setNeedsAttention(needsAttention)
                    .setUmid(umid)
                    .setEncoding(encoding)
                    .setSegments(segments)
                    .setErrorCode(errorCode)
                    .setDetail(detail)
                    .build();
        }
    }

    private final DatabaseClient db;
    private final ConversationEvents events;

    public TextMessages(DatabaseClient db, ConversationEvents events) {
        this.db = db;
        this.events = events;
    }

    /** Stores a text to send (PENDING until its moment) and announces it; returns its id. */
    public Mono<UUID> queue(Outgoing text) {
        UUID id = UUID.randomUUID();
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO text_message (id, tenant_id, phone, direction, author, purpose, reservation_id, call_id,
                                                  body, state, due_at, expires_at)
                        VALUES (:id, :tenant, :phone, 'OUTBOUND', :author, :purpose, :reservation, :call, :body, 'PENDING',
                                :due, :expires)""")
                .bind("id", id)
                .bind("tenant", text.tenantId())
                .bind("phone", text.phone())
                .bind("author", text.author().name())
                .bind("purpose", text.purpose().name())
                .bind("body", text.body())
                .bind("due", utc(text.dueAt()));
        spec = text.reservationId() == null
                ? spec.bindNull("reservation", String.class)
                : spec.bind("reservation", text.reservationId());
        spec = text.callId() == null ? spec.bindNull("call", UUID.class) : spec.bind("call", text.callId());
        spec = text.expiresAt() == null
                ? spec.bindNull("expires", OffsetDateTime.class)
                : spec.bind("expires", utc(text.expiresAt()));
        return spec.then()
                .then(announce(id, ConversationEventType.MESSAGE_SENT, false))
                .thenReturn(id);
    }

    /**
     * Stores a guest's text; false when a text with this umid is already stored (8x8 delivered it again), which then
     * changes nothing.
     */
    public Mono<Boolean> received(UUID id, String tenantId, String phone, String umid, String body, Instant at) {
        return db.sql("""
                        INSERT INTO text_message (id, tenant_id, phone, direction, author, body, state, umid, created_at)
                        VALUES (:id, :tenant, :phone, 'INBOUND', 'GUEST', :body, 'RECEIVED', :umid, :at)
                        ON CONFLICT (direction, umid) WHERE umid IS NOT NULL DO NOTHING""")
                .bind("id", id)
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .bind("body", body)
                .bind("umid", umid)
                .bind("at", utc(at))
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /** How the reply parser read an inbound text and which booking it was about; then it is announced. */
    public Mono<Void> interpreted(UUID id, String interpretation, String reservationId, boolean needsAttention) {
        GenericExecuteSpec spec = db.sql("UPDATE text_message SET interpretation = :interpretation, "
                        + "reservation_id = :reservation WHERE id = :id")
                .bind("interpretation", interpretation)
                .bind("id", id);
        spec = reservationId == null
                ? spec.bindNull("reservation", String.class)
                : spec.bind("reservation", reservationId);
        return spec.then().then(announce(id, ConversationEventType.MESSAGE_RECEIVED, needsAttention));
    }

    /** Announces the text as it is now stored. */
    public Mono<Void> announce(UUID id, ConversationEventType type, boolean needsAttention) {
        return byId(id).flatMap(
                        text -> events.message(type, text.tenantId(), text.phone(), text.toMessage(needsAttention)));
    }

    public Mono<Stored> byId(UUID id) {
        return db.sql("SELECT " + Stored.COLUMNS + " FROM text_message WHERE id = :id")
                .bind("id", id)
                .map(Stored::of)
                .one();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
