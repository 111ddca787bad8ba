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

import static io.confirmline.console.readmodel.ReadModelEvents.ask;
import static io.confirmline.console.readmodel.ReadModelEvents.fact;
import static io.confirmline.console.readmodel.ReadModelEvents.message;
import static io.confirmline.console.readmodel.ReadModelEvents.received;
import static io.confirmline.console.readmodel.ReadModelEvents.snapshot;
import static io.confirmline.console.readmodel.ReadModelEvents.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.confirmline.console.ConsoleContext;
import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.DeliveryState;
import io.confirmline.events.GuestRequest;
import io.confirmline.events.MessageAuthor;
import io.confirmline.events.MessageDirection;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.kafka.DeadLetterHeaders;
import io.confirmline.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * The read model over the real broker and database: records published to the topics land in the tables once (a
 * redelivered event changes nothing), in order per booking (an older snapshot is ignored), a tombstone blanks the
 * guest, a record that cannot be applied goes to the dead-letter topic with its reason while the next is applied,
 * a rebuild from the beginning of the topics ends with the same rows, and old live changes are pruned.
 */
class ReadModelComponentTest extends ConsoleContext {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    LiveChanges live;

    @Autowired
    ReadModelListeners listener;

    @Autowired
    BookingProjection bookings;

    @Autowired
    CallStatusProjection statuses;

    private final String tenant = "rm-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSnapshotLandsOnceAndARedeliveredEventChangesNothing() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        BookingSnapshot first =
                snapshot(tenant, reservation, 1, "SCHEDULED", Instant.now().plusSeconds(3600));
        int partition = send(Topics.BOOKINGS.name(), reservation, first);
        awaitStatus(reservation, "SCHEDULED");

        // The same eventId again, even with other contents (a redelivery), then a marker behind it on the partition.
        BookingSnapshot redelivered = BookingSnapshot.newBuilder(first)
                .setVersion(2)
                .setStatus("CONFIRMED")
                .build();
        kafka.send(Topics.BOOKINGS.name(), partition, reservation, redelivered).get();
        awaitMarker(partition);

        assertThat(column("SELECT status FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2", reservation))
                .isEqualTo("SCHEDULED");
        assertThat(count("SELECT count(*) FROM live_change WHERE tenant_id = $1 AND subject = $2", reservation))
                .isEqualTo(1);
    }

    @Test
    void anEventTwiceInOnePollIsAppliedOnceAtItsFirstPlace() {
        String reservation = "r-" + UUID.randomUUID();
        BookingSnapshot first =
                snapshot(tenant, reservation, 1, "SCHEDULED", Instant.now().plusSeconds(3600));
        BookingSnapshot again = BookingSnapshot.newBuilder(first)
                .setVersion(2)
                .setStatus("CONFIRMED")
                .build();
        String other = "r-" + UUID.randomUUID();
        // Handed to the listener as one poll (a poll's eventIds are claimed in one statement): the first of the two
        // is applied, the second not, and the poll's other record is.
        String topic = Topics.BOOKINGS.name();
        listener.onBookings(List.of(
                new ConsumerRecord<>(topic, 0, 0, reservation, first),
                new ConsumerRecord<>(topic, 0, 1, reservation, again),
                new ConsumerRecord<>(topic, 0, 2, other, snapshot(tenant, other, 1, "DIALING", Instant.now()))));

        assertThat(column("SELECT status FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2", reservation))
                .isEqualTo("SCHEDULED");
        assertThat(column("SELECT status FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2", other))
                .isEqualTo("DIALING");
        assertThat(count("SELECT count(*) FROM live_change WHERE tenant_id = $1 AND subject = $2", reservation))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM live_change WHERE tenant_id = $1 AND subject = $2", other))
                .isEqualTo(1);
    }

    @Test
    void aPollOfSnapshotsEndsAsIfTheyWereAppliedOneByOne() {
        String first = "r-" + UUID.randomUUID();
        String second = "r-" + UUID.randomUUID();
        String over = "r-" + UUID.randomUUID();
        Instant startsAt = Instant.now().plusSeconds(5400);
        bookings.applyAll(List.of(
                        new BookingProjection.BookingRecord(over, snapshot(tenant, over, 1, "CONFIRMED", startsAt))))
                .collectList()
                .block();
        BookingSnapshot secondConfirmed = snapshot(tenant, second, 2, "CONFIRMED", startsAt);

        // A booking twice and more in one poll (one statement may not change a row twice), an older snapshot after a
        // newer one, a snapshot after its booking's tombstone: each compared with the row the one before it left.
        List<LiveChange.Subject> changed = bookings.applyAll(List.of(
                        new BookingProjection.BookingRecord(first, snapshot(tenant, first, 1, "SCHEDULED", startsAt)),
                        new BookingProjection.BookingRecord(second, snapshot(tenant, second, 1, "DIALING", startsAt)),
                        new BookingProjection.BookingRecord(first, snapshot(tenant, first, 2, "CONFIRMED", startsAt)),
                        new BookingProjection.BookingRecord(first, snapshot(tenant, first, 1, "NO_RESPONSE", startsAt)),
                        new BookingProjection.BookingRecord(over, null),
                        new BookingProjection.BookingRecord(over, snapshot(tenant, over, 2, "NO_RESPONSE", startsAt)),
                        new BookingProjection.BookingRecord(second, secondConfirmed)))
                .collectList()
                .block();

        assertThat(changed).extracting(LiveChange.Subject::subject).containsExactly(first, second, first, over, second);
        assertThat(row("SELECT version, status FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2", first))
                .containsEntry("version", 2L)
                .containsEntry("status", "CONFIRMED");
        assertThat(row(
                        "SELECT status, starts_at, last_change_at FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2",
                        second))
                .containsEntry("status", "CONFIRMED")
                .containsEntry(
                        "starts_at",
                        startsAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                                .atOffset(java.time.ZoneOffset.UTC))
                .containsEntry("last_change_at", secondConfirmed.getOccurredAt().atOffset(java.time.ZoneOffset.UTC));
        assertThat(row(
                        "SELECT ended, guest_name, status FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2",
                        over))
                .containsEntry("ended", true)
                .containsEntry("guest_name", "")
                .containsEntry("status", "CONFIRMED");
    }

    @Test
    void aPollOfStatusChangesIsStoredOnceAndOnlyABookingsChangesItsPage() {
        String reservation = "r-" + UUID.randomUUID();
        CallStatusChanged confirmed = status(tenant, reservation, CallStatus.CONFIRMED);
        String message = "m-" + UUID.randomUUID();
        CallStatusChanged delivered = CallStatusChanged.newBuilder(status(tenant, message, CallStatus.DELIVERED))
                .setSubjectType(SubjectType.VOICE_MESSAGE)
                .setDigits(null)
                .setDialedAt(null)
                .setDurationSeconds(null)
                .setProviderErrorCode(null)
                .build();

        List<LiveChange.Subject> changed =
                statuses.applyAll(List.of(confirmed, delivered)).collectList().block();

        assertThat(changed).containsExactly(new LiveChange.Subject(tenant, LiveChange.Kind.BOOKING, reservation));
        assertThat(row(
                        "SELECT digits, dialed_at, duration_seconds, provider_error_code, occurred_at FROM call_status_view"
                                + " WHERE tenant_id = $1 AND subject_id = $2",
                        reservation))
                .containsEntry("digits", "1")
                .containsEntry("dialed_at", confirmed.getDialedAt().atOffset(java.time.ZoneOffset.UTC))
                .containsEntry("duration_seconds", 22)
                .containsEntry("provider_error_code", 0)
                .containsEntry("occurred_at", confirmed.getOccurredAt().atOffset(java.time.ZoneOffset.UTC));
        Map<String, Object> stored = row(
                "SELECT subject_type, digits, dialed_at, duration_seconds, provider_error_code FROM call_status_view"
                        + " WHERE tenant_id = $1 AND subject_id = $2",
                message);
        assertThat(stored).containsEntry("subject_type", "VOICE_MESSAGE");
        assertThat(stored.get("digits")).isNull();
        assertThat(stored.get("dialed_at")).isNull();
        assertThat(stored.get("duration_seconds")).isNull();
        assertThat(stored.get("provider_error_code")).isNull();
        // Again (a redelivery): nothing stored twice, no page changes.
        assertThat(statuses.applyAll(List.of(confirmed, delivered))
                        .collectList()
                        .block())
                .isEmpty();
        assertThat(count("SELECT count(*) FROM call_status_view WHERE tenant_id = $1 AND subject_id <> $2", ""))
                .isEqualTo(2);
    }

    @Test
    void aStatusChangeTheDatabaseRefusesFailsItsPollAtItsIndexAndTheOnesBeforeItAreKept() {
        String before = "r-" + UUID.randomUUID();
        String refused = "r-" + UUID.randomUUID();
        String after = "r-" + UUID.randomUUID();
        CallStatusChanged broken = status(tenant, refused, CallStatus.CONFIRMED);
        broken.put("callId", null); // past the listener's checks; call_status_view.call_id is NOT NULL
        String topic = Topics.CALL_STATUS.name();

        // One poll's statement fails as a whole; applied one by one, the record at fault is named by its index, so
        // the container dead-letters it and hands the ones after it over again.
        assertThatThrownBy(() -> listener.onStatuses(List.of(
                        new ConsumerRecord<>(topic, 0, 0, before, status(tenant, before, CallStatus.CONFIRMED)),
                        new ConsumerRecord<>(topic, 0, 1, refused, broken),
                        new ConsumerRecord<>(topic, 0, 2, after, status(tenant, after, CallStatus.CONFIRMED)))))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isEqualTo(1));

        assertThat(count("SELECT count(*) FROM call_status_view WHERE tenant_id = $1 AND subject_id = $2", before))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM call_status_view WHERE tenant_id = $1 AND subject_id = $2", refused))
                .isZero();
        assertThat(count("SELECT count(*) FROM call_status_view WHERE tenant_id = $1 AND subject_id = $2", after))
                .isZero();
    }

    @Test
    void anOlderSnapshotAfterANewerOneIsIgnored() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        Instant startsAt = Instant.now().plusSeconds(7200);
        int partition =
                send(Topics.BOOKINGS.name(), reservation, snapshot(tenant, reservation, 3, "CONFIRMED", startsAt));
        awaitStatus(reservation, "CONFIRMED");

        kafka.send(
                        Topics.BOOKINGS.name(),
                        partition,
                        reservation,
                        snapshot(tenant, reservation, 2, "DIALING", startsAt))
                .get();
        awaitMarker(partition);

        assertThat(column("SELECT status FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2", reservation))
                .isEqualTo("CONFIRMED");
    }

    @Test
    void aTombstoneEndsTheBookingAndBlanksTheGuest() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        send(
                Topics.BOOKINGS.name(),
                reservation,
                snapshot(tenant, reservation, 1, "CONFIRMED", Instant.now().plusSeconds(600)));
        awaitStatus(reservation, "CONFIRMED");

        kafka.send(Topics.BOOKINGS.name(), reservation, null).get();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(row(
                                "SELECT ended, guest_name, guest_phone, status FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2",
                                reservation))
                        .containsEntry("ended", true)
                        .containsEntry("guest_name", "")
                        .containsEntry("guest_phone", "")
                        .containsEntry("status", "CONFIRMED"));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextIsApplied() throws Exception {
        String poisonKey = "r-poison-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> raw = rawProducer()) {
            raw.send(new ProducerRecord<>(
                            Topics.BOOKINGS.name(), 0, poisonKey, "not avro at all".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        // A snapshot the projection refuses (no tenant) goes too, and the next on the same partition is applied.
        String refusedKey = "r-refused-" + UUID.randomUUID();
        kafka.send(Topics.BOOKINGS.name(), 0, refusedKey, snapshot("", refusedKey, 1, "SCHEDULED", Instant.now()))
                .get();
        String reservation = "r-" + UUID.randomUUID();
        kafka.send(
                        Topics.BOOKINGS.name(),
                        0,
                        reservation,
                        snapshot(
                                tenant, reservation, 1, "DIALING", Instant.now().plusSeconds(60)))
                .get();

        awaitStatus(reservation, "DIALING");
        Map<String, String> reasons = deadLetters(Topics.BOOKINGS.deadLetterTopic(), List.of(poisonKey, refusedKey));
        assertThat(reasons.get(poisonKey)).startsWith("Undecodable record");
        assertThat(reasons.get(refusedKey)).isEqualTo("A booking snapshot without a tenant or reservation id");
    }

    @Test
    void statusChangesAndConversationsLandInTheirTables() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        send(Topics.CALL_STATUS.name(), reservation, status(tenant, reservation, CallStatus.CONFIRMED));
        String phone = "+3460" + (1_000_000 + (int) (Math.random() * 8_000_000));
        String key = Topics.conversationKey(tenant, phone);
        send(Topics.CONVERSATIONS.name(), key, received(tenant, phone, "can we make it 8:30?"));
        send(Topics.CONVERSATIONS.name(), key, received(tenant, phone, "and one more chair"));
        String sentId = UUID.randomUUID().toString();
        send(
                Topics.CONVERSATIONS.name(),
                key,
                message(
                        tenant,
                        phone,
                        ConversationEventType.MESSAGE_SENT,
                        sentId,
                        MessageDirection.OUTBOUND,
                        MessageAuthor.ASSISTANT,
                        "Of course",
                        DeliveryState.PENDING));
        send(
                Topics.CONVERSATIONS.name(),
                key,
                message(
                        tenant,
                        phone,
                        ConversationEventType.MESSAGE_STATUS,
                        sentId,
                        MessageDirection.OUTBOUND,
                        MessageAuthor.ASSISTANT,
                        "Of course",
                        DeliveryState.DELIVERED));
        send(Topics.CONVERSATIONS.name(), key, fact(tenant, phone, ConversationEventType.OPTED_OUT));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(row(
                                "SELECT unread, last_body, opted_out FROM conversation_thread WHERE tenant_id = $1 AND phone = $2",
                                phone))
                        .containsEntry("unread", 2)
                        .containsEntry("last_body", "Of course")
                        .containsEntry("opted_out", true));
        assertThat(column("SELECT delivery FROM conversation_message WHERE tenant_id = $1 AND message_id = $2", sentId))
                .isEqualTo("DELIVERED");
        assertThat(column("SELECT type FROM guest_fact WHERE tenant_id = $1 AND phone = $2", phone))
                .isEqualTo("OPTED_OUT");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(row(
                                "SELECT status, duration_seconds, provider_status FROM call_status_view WHERE tenant_id = $1 AND subject_id = $2",
                                reservation))
                        .containsEntry("status", "CONFIRMED")
                        .containsEntry("duration_seconds", 22)
                        .containsEntry("provider_status", "COMPLETED"));
        // The console's own tenants arrive from tenants.v1 like every service's.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(db.sql("SELECT time_zone FROM tenant_view WHERE tenant_id = 'alpha'")
                                .map(r -> r.get("time_zone", String.class))
                                .one()
                                .block())
                        .isEqualTo("Europe/Madrid"));
    }

    @Test
    void aGuestsRequestIsKeptWithWhatTheyAskedForAndARedeliveryChangesNothing() throws Exception {
        String phone = "+3463" + (1_000_000 + (int) (Math.random() * 8_000_000));
        String key = Topics.conversationKey(tenant, phone);
        ConversationEvent change = ask(
                tenant,
                phone,
                ConversationEventType.CHANGE_REQUESTED,
                "2026-12-05",
                "20:30",
                4,
                "can we make it 8:30? we are 4 now");
        int partition = send(Topics.CONVERSATIONS.name(), key, change);
        send(
                Topics.CONVERSATIONS.name(),
                key,
                ask(tenant, phone, ConversationEventType.BOOKING_REQUESTED, null, "21:00", 2, "table for 2 at 9?"));
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM guest_fact WHERE tenant_id = $1 AND phone = $2", phone) == 2);
        assertThat(row("""
                SELECT wanted_date, wanted_time, party_size, words, read_by FROM guest_fact
                WHERE tenant_id = $1 AND phone = $2 AND type = 'CHANGE_REQUESTED'""", phone))
                .containsEntry("wanted_date", "2026-12-05")
                .containsEntry("wanted_time", "20:30")
                .containsEntry("party_size", 4)
                .containsEntry("words", "can we make it 8:30? we are 4 now")
                .containsEntry("read_by", "ASSISTANT");
        assertThat(row("""
                SELECT wanted_date, wanted_time, party_size FROM guest_fact
                WHERE tenant_id = $1 AND phone = $2 AND type = 'BOOKING_REQUESTED'""", phone))
                .containsEntry("wanted_date", null)
                .containsEntry("wanted_time", "21:00")
                .containsEntry("party_size", 2);

        // The same eventId again with other contents (a redelivery), then a text behind it on the same key.
        ConversationEvent redelivered = ConversationEvent.newBuilder(change)
                .setRequest(GuestRequest.newBuilder(change.getRequest())
                        .setWantedTime("22:00")
                        .setPartySize(9)
                        .build())
                .build();
        kafka.send(Topics.CONVERSATIONS.name(), partition, key, redelivered).get();
        send(Topics.CONVERSATIONS.name(), key, received(tenant, phone, "thanks"));
        await().atMost(WAIT)
                .until(() -> count(
                                "SELECT count(*) FROM conversation_message WHERE tenant_id = $1 " + "AND phone = $2",
                                phone)
                        == 1);

        assertThat(count("SELECT count(*) FROM guest_fact WHERE tenant_id = $1 AND phone = $2", phone))
                .isEqualTo(2);
        assertThat(row("""
                SELECT wanted_time, party_size FROM guest_fact
                WHERE tenant_id = $1 AND phone = $2 AND type = 'CHANGE_REQUESTED'""", phone)).containsEntry("wanted_time", "20:30").containsEntry("party_size", 4);
    }

    @Test
    void aRebuildFromTheBeginningOfTheTopicsEndsWithTheSameRows() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        Instant startsAt = Instant.now().plusSeconds(5400);
        send(Topics.BOOKINGS.name(), reservation, snapshot(tenant, reservation, 1, "SCHEDULED", startsAt));
        send(Topics.BOOKINGS.name(), reservation, snapshot(tenant, reservation, 1, "DIALING", startsAt));
        send(Topics.CALL_STATUS.name(), reservation, status(tenant, reservation, CallStatus.CONFIRMED));
        send(Topics.BOOKINGS.name(), reservation, snapshot(tenant, reservation, 2, "CONFIRMED", startsAt));
        String ended = "r-" + UUID.randomUUID();
        send(Topics.BOOKINGS.name(), ended, snapshot(tenant, ended, 1, "CONFIRMED", startsAt));
        kafka.send(Topics.BOOKINGS.name(), ended, null).get();
        String phone = "+3461" + (1_000_000 + (int) (Math.random() * 8_000_000));
        send(Topics.CONVERSATIONS.name(), Topics.conversationKey(tenant, phone), received(tenant, phone, "yes"));
        send(
                Topics.CONVERSATIONS.name(),
                Topics.conversationKey(tenant, phone),
                fact(tenant, phone, ConversationEventType.TAKEN_OVER));
        await().atMost(WAIT)
                .until(() -> tables().size() == 6
                        && tables().contains("thread " + phone + " 1 yes true false")
                        && !tables().stream()
                                .filter(line -> line.contains(ended) && line.contains("true"))
                                .toList()
                                .isEmpty());
        List<String> before = tables();

        admin().post()
                .uri("/api/admin/read-model/rebuild")
                .exchange()
                .expectStatus()
                .isAccepted();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(tables()).isEqualTo(before));
        assertThat(db.sql("SELECT count(*) FROM audit_log WHERE action = 'read-model.rebuilt'")
                        .map(r -> r.get(0, Long.class))
                        .one()
                        .block())
                .isPositive();
    }

    @Test
    void aBurstIsAppliedAPollAtATimeEveryRecordAPageChange() throws Exception {
        int records = 1000;
        Instant startsAt = Instant.now().plusSeconds(3600);
        long started = System.nanoTime();
        for (int i = 0; i < records; i++) {
            String reservation = "r-burst-" + i + "-" + tenant;
            kafka.send(Topics.BOOKINGS.name(), reservation, snapshot(tenant, reservation, 1, "SCHEDULED", startsAt));
        }
        kafka.flush();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> count(
                                "SELECT count(*) FROM booking_view WHERE tenant_id = $1 AND reservation_id LIKE $2",
                                "r-burst-%")
                        == records);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Read model: " + records + " bookings.v1 records applied in " + millis + " ms ("
                + records * 1000L / Math.max(1, millis) + " a second)");
        assertThat(count("SELECT count(*) FROM live_change WHERE tenant_id = $1 AND subject LIKE $2", "r-burst-%"))
                .isEqualTo(records);
    }

    @Test
    void liveChangesOlderThanTheRetentionArePruned() {
        db.sql(
                        "INSERT INTO live_change (tenant_id, kind, subject, created_at) VALUES ($1, 'BOOKING', 'old', now() - interval '25 hours')")
                .bind(0, tenant)
                .then()
                .block();
        db.sql(
                        "INSERT INTO live_change (tenant_id, kind, subject, created_at) VALUES ($1, 'BOOKING', 'recent', now() - interval '23 hours')")
                .bind(0, tenant)
                .then()
                .block();

        assertThat(live.prune(Duration.ofDays(1))).isPositive();

        assertThat(db.sql("SELECT subject FROM live_change WHERE tenant_id = $1")
                        .bind(0, tenant)
                        .map(r -> r.get(0, String.class))
                        .all()
                        .collectList()
                        .block())
                .containsExactly("recent");
    }

    /** Every row of this test's tenant, one line each, in a stable order. */
    private List<String> tables() {
        return db.sql("""
                        SELECT 'booking ' || reservation_id || ' ' || version || ' ' || coalesce(status, '-') || ' '
                               || guest_name || ' ' || ended || ' ' || last_change_at AS line
                        FROM booking_view WHERE tenant_id = $1
                        UNION ALL SELECT 'status ' || subject_id || ' ' || status || ' ' || occurred_at
                        FROM call_status_view WHERE tenant_id = $1
                        UNION ALL SELECT 'message ' || message_id || ' ' || delivery || ' ' || body
                        FROM conversation_message WHERE tenant_id = $1
                        UNION ALL SELECT 'thread ' || phone || ' ' || unread || ' ' || coalesce(last_body, '-') || ' '
                               || (taken_over_at IS NOT NULL) || ' ' || opted_out
                        FROM conversation_thread WHERE tenant_id = $1
                        UNION ALL SELECT 'fact ' || phone || ' ' || type FROM guest_fact WHERE tenant_id = $1
                        ORDER BY 1""")
                .bind(0, tenant)
                .map(r -> r.get("line", String.class))
                .all()
                .collectList()
                .block();
    }

    private int send(String topic, String key, SpecificRecord value) throws Exception {
        return kafka.send(topic, key, value).get().getRecordMetadata().partition();
    }

    private void awaitStatus(String reservation, String status) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(column(
                                "SELECT status FROM booking_view WHERE tenant_id = $1 AND reservation_id = $2",
                                reservation))
                        .isEqualTo(status));
    }

    /** A snapshot of another booking on the same partition, applied: everything before it on the partition was too. */
    private void awaitMarker(int partition) throws Exception {
        String marker = "r-marker-" + UUID.randomUUID();
        kafka.send(Topics.BOOKINGS.name(), partition, marker, snapshot(tenant, marker, 1, "SCHEDULED", Instant.now()))
                .get();
        awaitStatus(marker, "SCHEDULED");
    }

    private String column(String sql, String value) {
        return db.sql(sql)
                .bind(0, tenant)
                .bind(1, value)
                .map(r -> r.get(0, String.class))
                .one()
                .block();
    }

    private long count(String sql, String value) {
        return db.sql(sql)
                .bind(0, tenant)
                .bind(1, value)
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
    }

    private Map<String, Object> row(String sql, String value) {
        return db.sql(sql).bind(0, tenant).bind(1, value).fetch().one().block();
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    /** The dead-letter reason of each key, read from the beginning of the dead-letter topic. */
    private static Map<String, String> deadLetters(String topic, List<String> keys) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, String> reasons = new java.util.HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!reasons.keySet().containsAll(keys) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        var header = record.headers().lastHeader(DeadLetterHeaders.REASON);
                        reasons.put(
                                record.key(),
                                header == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return reasons;
    }
}
