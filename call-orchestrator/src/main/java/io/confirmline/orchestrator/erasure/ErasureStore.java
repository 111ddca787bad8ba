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
package io.confirmline.orchestrator.erasure;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.GuestDataErased;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.booking.BookingTombstones;
import io.confirmline.orchestrator.outbox.Outbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The orchestrator's rows of one guest: found by their number, and erased in one transaction — their open calls
 * withdrawn (announced through the outbox like every status change), bookings and messages anonymised, digits
 * cleared, the number replaced wherever a text quoted it, parked events and outbox rows of their sessions
 * deleted, the erasure recorded without the number and announced to the notifier.
 */
@Component
class ErasureStore {

    /** What replaces a name, a number or a message text. */
    static final String MARKER = "erased";

    static final String REASON = "The guest's data was erased";

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final BookingTombstones bookingTombstones;

    ErasureStore(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Outbox outbox,
            BookingTombstones bookingTombstones) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.outbox = outbox;
        this.bookingTombstones = bookingTombstones;
    }

    /** What the erasing transaction did. */
    sealed interface Outcome {
        /** Erased and committed. */
        record Erased(ErasureReceipt receipt) implements Outcome {}

        /** Sessions appeared that were not tombstoned yet (a dial answered meanwhile): nothing was changed. */
        record MoreSessions(Set<String> sessions) implements Outcome {}

        /**
         * A session's outbox row is being published, or was published after the tombstones went out, so the topic
         * may hold the session again: nothing was changed; tombstone again once it settles.
         */
        record SessionPublishing() implements Outcome {}
    }

    /** The guest's rows as they are now, without locks: what to tombstone before the transaction. */
    Mono<GuestData> find(String tenantId, String phone) {
        return find(tenantId, phone, "");
    }

    /** The database's clock, for comparing with the relay's {@code sent_at}. */
    Mono<OffsetDateTime> databaseNow() {
        return db.sql("SELECT clock_timestamp() AS now")
                .map(row -> row.get("now", OffsetDateTime.class))
                .one();
    }

    /**
     * In one transaction, under the rows' locks: re-reads the guest's rows and erases them, unless sessions other
     * than {@code tombstoned} appeared or one of their outbox rows may have reached the topic after
     * {@code tombstonedFrom}.
     */
    Mono<Outcome> erase(
            String tenantId,
            String phone,
            Set<String> tombstoned,
            OffsetDateTime tombstonedFrom,
            UUID erasureId,
            Instant now) {
        return find(tenantId, phone, " FOR UPDATE")
                .flatMap(guest -> {
                    if (!tombstoned.containsAll(guest.sessions())) {
                        return Mono.<Outcome>just(new Outcome.MoreSessions(guest.sessions()));
                    }
                    return sessionRowsSettled(guest.sessions(), tombstonedFrom)
                            .flatMap(settled -> settled
                                    ? apply(tenantId, phone, guest, erasureId, now)
                                            .<Outcome>thenReturn(new Outcome.Erased(new ErasureReceipt(
                                                    erasureId,
                                                    now,
                                                    guest.bookings().size(),
                                                    guest.messages().size(),
                                                    guest.calls().size(),
                                                    guest.sessions().size())))
                                    : Mono.just(new Outcome.SessionPublishing()));
                })
                .as(transaction::transactional);
    }

    private Mono<GuestData> find(String tenantId, String phone, String lock) {
        Mono<List<String>> bookings = db.sql("SELECT reservation_id FROM booking WHERE tenant_id = :tenant "
                        + "AND guest_phone = :phone ORDER BY reservation_id" + lock)
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .map(row -> row.get("reservation_id", String.class))
                .all()
                .collectList();
        Mono<List<String>> messages = db.sql("SELECT message_id FROM voice_message WHERE tenant_id = :tenant "
                        + "AND phone = :phone ORDER BY message_id" + lock)
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .map(row -> row.get("message_id", String.class))
                .all()
                .collectList();
        return bookings.zipWith(messages).flatMap(found -> {
            String[] subjects = java.util.stream.Stream.concat(found.getT1().stream(), found.getT2().stream())
                    .toArray(String[]::new);
            return db.sql("SELECT id, subject_type, subject_id, status, attempt FROM call WHERE tenant_id = :tenant "
                            + "AND subject_id = ANY(:subjects) ORDER BY id" + lock)
                    .bind("tenant", tenantId)
                    .bind("subjects", subjects)
                    .map(row -> new GuestData.Call(
                            row.get("id", UUID.class),
                            row.get("subject_type", String.class),
                            row.get("subject_id", String.class),
                            row.get("status", String.class),
                            row.get("attempt", Integer.class)))
                    .all()
                    .collectList()
                    .flatMap(calls -> sessions(calls)
                            .map(sessions -> new GuestData(found.getT1(), found.getT2(), calls, sessions)));
        });
    }

    private Mono<Set<String>> sessions(List<GuestData.Call> calls) {
        UUID[] ids = calls.stream().map(GuestData.Call::id).toArray(UUID[]::new);
        return db.sql("""
                        SELECT session_id FROM call_attempt WHERE call_id = ANY(:calls) AND session_id IS NOT NULL
                        UNION SELECT session_id FROM call WHERE id = ANY(:calls) AND session_id IS NOT NULL""")
                .bind("calls", ids)
                .map(row -> row.get("session_id", String.class))
                .all()
                .collect(LinkedHashSet::new, Set::add);
    }

    /**
     * Locks the sessions' outbox rows (a relay's claim then waits for this transaction and finds them gone) and says
     * whether none of them can reach the topic after the tombstones: none claimed and unsent, none sent since.
     */
    private Mono<Boolean> sessionRowsSettled(Set<String> sessions, OffsetDateTime tombstonedFrom) {
        if (sessions.isEmpty()) {
            return Mono.just(true);
        }
        return db.sql("""
                        SELECT (sent_at IS NULL AND claimed_until >= now()) OR sent_at >= :from AS unsettled
                        FROM outbox WHERE topic = :topic AND message_key = ANY(:sessions) FOR UPDATE""")
                .bind("from", tombstonedFrom)
                .bind("topic", Topics.SESSIONS.name())
                .bind("sessions", sessions.toArray(String[]::new))
                .map(row -> Boolean.TRUE.equals(row.get("unsettled", Boolean.class)))
                .all()
                .all(unsettled -> !unsettled);
    }

    private Mono<Void> apply(String tenantId, String phone, GuestData guest, UUID erasureId, Instant now) {
        UUID[] calls = guest.callIds();
        String[] sessions = guest.sessions().toArray(String[]::new);
        String digits = phone.substring(1);
        // The number wherever a text quotes it (8x8's error messages may), with or without its +.
        String quoted = "(?<![0-9])\\+?" + digits + "(?![0-9])";
        // bookings.v1 forgets the guest's bookings first, so the withdrawals below publish no snapshot with their data.
        return Flux.fromIterable(guest.bookings())
                .concatMap(id -> bookingTombstones.tombstone(tenantId, id))
                .then()
                .then(Flux.fromIterable(guest.calls())
                        .filter(ErasureStore::open)
                        .concatMap(call -> withdraw(tenantId, call, now))
                        .then())
                .then(db.sql("UPDATE booking SET guest_name = :marker, guest_phone = :marker, updated_at = now() "
                                + "WHERE tenant_id = :tenant AND reservation_id = ANY(:ids)")
                        .bind("marker", MARKER)
                        .bind("tenant", tenantId)
                        .bind("ids", guest.bookings().toArray(String[]::new))
                        .then())
                .then(db.sql("UPDATE voice_message SET phone = :marker, text = :marker "
                                + "WHERE tenant_id = :tenant AND message_id = ANY(:ids)")
                        .bind("marker", MARKER)
                        .bind("tenant", tenantId)
                        .bind("ids", guest.messages().toArray(String[]::new))
                        .then())
                // The guest's texts and conversation go; their opt-out stays (forgetting it would contact them again),
                // and so do the conversation events already on conversations.v1 until its retention removes them.
                .then(db.sql("DELETE FROM text_message WHERE tenant_id = :tenant AND phone = :phone")
                        .bind("tenant", tenantId)
                        .bind("phone", phone)
                        .then())
                .then(db.sql("DELETE FROM conversation WHERE tenant_id = :tenant AND phone = :phone")
                        .bind("tenant", tenantId)
                        .bind("phone", phone)
                        .then())
                .then(db.sql("DELETE FROM inbound_call WHERE tenant_id = :tenant AND caller = :phone")
                        .bind("tenant", tenantId)
                        .bind("phone", phone)
                        .then())
                .then(db.sql("DELETE FROM outbox WHERE topic = :topic AND message_key = :key AND sent_at IS NULL")
                        .bind("topic", Topics.CONVERSATIONS.name())
                        .bind("key", Topics.conversationKey(tenantId, phone))
                        .then())
                .then(db.sql("""
                                UPDATE call_attempt SET digits = NULL,
                                       provider_error_message = regexp_replace(provider_error_message, :quoted, :marker, 'g')
                                WHERE call_id = ANY(:calls)""")
                        .bind("quoted", quoted)
                        .bind("marker", MARKER)
                        .bind("calls", calls)
                        .then())
                .then(db.sql("UPDATE call SET digits = NULL, reason = regexp_replace(reason, :quoted, :marker, 'g') "
                                + "WHERE id = ANY(:calls)")
                        .bind("quoted", quoted)
                        .bind("marker", MARKER)
                        .bind("calls", calls)
                        .then())
                // Parked key presses and summaries of the guest's sessions, and any parked event of the tenant that
                // carries the number (a summary's legs do) for a session not matched to a call yet.
                .then(db.sql("""
                                DELETE FROM parked_event
                                WHERE session_id = ANY(:sessions)
                                   OR ((tenant_id IS NULL OR tenant_id = :tenant)
                                       AND (position(:withPlus IN payload) > 0 OR position(:bare IN payload) > 0))""")
                        .bind("sessions", sessions)
                        .bind("tenant", tenantId)
                        .bind("withPlus", avroString(phone))
                        .bind("bare", avroString(digits))
                        .then())
                // Sent or not: the rows hold the pre-rendered replies, with the name.
                .then(db.sql("DELETE FROM outbox WHERE topic = :topic AND message_key = ANY(:sessions)")
                        .bind("topic", Topics.SESSIONS.name())
                        .bind("sessions", sessions)
                        .then())
                .then(db.sql("""
                                INSERT INTO erasure (id, tenant_id, erased_at, bookings, voice_messages, calls, sessions)
                                VALUES (:id, :tenant, :at, :bookings, :messages, :calls, :sessions)""")
                        .bind("id", erasureId)
                        .bind("tenant", tenantId)
                        .bind("at", now.atOffset(ZoneOffset.UTC))
                        .bind("bookings", guest.bookings().size())
                        .bind("messages", guest.messages().size())
                        .bind("calls", guest.calls().size())
                        .bind("sessions", sessions.length)
                        .then())
                .then(
                        guest.subjectIds().isEmpty()
                                ? Mono.empty()
                                : outbox.add(
                                        Topics.GUEST_ERASURES.name(),
                                        tenantId,
                                        GuestDataErased.newBuilder()
                                                .setEventId(UUID.randomUUID().toString())
                                                .setOccurredAt(now)
                                                .setTenantId(tenantId)
                                                .setErasureId(erasureId.toString())
                                                .setSubjectIds(guest.subjectIds())
                                                .build()));
    }

    private static boolean open(GuestData.Call call) {
        return List.of(CallStatus.SCHEDULED.name(), CallStatus.DIALING.name(), CallStatus.IN_PROGRESS.name())
                .contains(call.status());
    }

    /** As the dialer finishes a call: the status, no lease or wait left, and the change through the outbox. */
    private Mono<Void> withdraw(String tenantId, GuestData.Call call, Instant now) {
        return db.sql("UPDATE call SET status = 'WITHDRAWN', reason = :reason, lease_until = NULL, settle_at = NULL, "
                        + "settle_reason = NULL, updated_at = now() WHERE id = :id")
                .bind("reason", REASON)
                .bind("id", call.id())
                .then()
                .then(outbox.add(
                        Topics.CALL_STATUS.name(),
                        call.subjectId(),
                        CallStatusChanged.newBuilder()
                                .setEventId(UUID.randomUUID().toString())
                                .setOccurredAt(now)
                                .setTenantId(tenantId)
                                .setSubjectType(SubjectType.valueOf(call.subjectType()))
                                .setSubjectId(call.subjectId())
                                .setCallId(call.id().toString())
                                .setAttempt(call.attempt())
                                .setPreviousStatus(CallStatus.valueOf(call.status()))
                                .setStatus(CallStatus.WITHDRAWN)
                                .setReason(REASON)
                                .build()));
    }

    /** A string as Avro writes it (length, then UTF-8): how the number sits in a parked event's payload. */
    private static ByteBuffer avroString(String value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            encoder.writeString(value);
            encoder.flush();
            return ByteBuffer.wrap(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
