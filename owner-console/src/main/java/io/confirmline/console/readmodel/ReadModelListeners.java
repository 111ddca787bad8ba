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

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.events.TenantConfigured;
import io.confirmline.kafka.InvalidEventException;
import io.confirmline.kafka.UndecodableValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The console's read model, fed from the topics (issue #16 item 1; the console never reads another service's
 * database). A poll's records are applied in one transaction: their eventIds are claimed in {@code read_event}, one
 * statement for the poll (a record seen before changes nothing), the projections write their rows, and what a page
 * shows of each is added to {@code live_change}; after the commit the open pages hear of it. A record that cannot be applied goes to
 * {@code <topic>.DLT} with the reason (the shared dead-letter error handler) and the next one is applied.
 *
 * <p>One consumer group per topic, {@value #GROUP_PREFIX}{@code <topic>}, so {@link ReadModelRebuild} can reset
 * each to the beginning of its topic.
 */
@Component
public class ReadModelListeners {

    public static final String GROUP_PREFIX = "owner-console.read-model.";
    /** The listener ids all start with this; {@link ReadModelRebuild} stops and starts them. */
    public static final String ID_PREFIX = "read-model-";

    private static final Duration APPLY_WAIT = Duration.ofSeconds(30);

    private final ReadEvents reads;
    private final LiveChanges live;
    private final TransactionalOperator transaction;
    private final BookingProjection bookings;
    private final CallStatusProjection statuses;
    private final ConversationProjection conversations;
    private final TenantProjection tenants;
    private final ReceiptProjection receipts;

    ReadModelListeners(
            ReadEvents reads,
            LiveChanges live,
            ReactiveTransactionManager transactions,
            BookingProjection bookings,
            CallStatusProjection statuses,
            ConversationProjection conversations,
            TenantProjection tenants,
            ReceiptProjection receipts) {
        this.reads = reads;
        this.live = live;
        this.transaction = TransactionalOperator.create(transactions);
        this.bookings = bookings;
        this.statuses = statuses;
        this.conversations = conversations;
        this.tenants = tenants;
        this.receipts = receipts;
    }

    @KafkaListener(
            id = ID_PREFIX + "bookings",
            groupId = GROUP_PREFIX + "bookings.v1",
            batch = "true",
            topics = "#{T(io.confirmline.events.Topics).BOOKINGS.name()}")
    public void onBookings(List<ConsumerRecord<String, BookingSnapshot>> records) {
        applyBatch(
                records,
                record -> {
                    BookingSnapshot snapshot = tombstoneOrValue(record);
                    return new Work<>(
                            snapshot == null ? positionOf(record) : snapshot.getEventId(),
                            record.topic(),
                            new BookingProjection.BookingRecord(record.key(), snapshot));
                },
                bookings::applyAll);
    }

    @KafkaListener(
            id = ID_PREFIX + "statuses",
            groupId = GROUP_PREFIX + "calls.status.v1",
            batch = "true",
            topics = "#{T(io.confirmline.events.Topics).CALL_STATUS.name()}")
    public void onStatuses(List<ConsumerRecord<String, CallStatusChanged>> records) {
        applyBatch(
                records,
                record -> {
                    CallStatusChanged change = required(record);
                    return new Work<>(change.getEventId(), record.topic(), change);
                },
                statuses::applyAll);
    }

    @KafkaListener(
            id = ID_PREFIX + "conversations",
            groupId = GROUP_PREFIX + "conversations.v1",
            batch = "true",
            topics = "#{T(io.confirmline.events.Topics).CONVERSATIONS.name()}")
    public void onConversations(List<ConsumerRecord<String, ConversationEvent>> records) {
        applyBatch(
                records,
                record -> {
                    ConversationEvent event = required(record);
                    return new Work<>(event.getEventId(), record.topic(), event);
                },
                oneAtATime(conversations::apply));
    }

    @KafkaListener(
            id = ID_PREFIX + "tenants",
            groupId = GROUP_PREFIX + "tenants.v1",
            batch = "true",
            topics = "#{@readModelTopics.tenants()}")
    public void onTenants(List<ConsumerRecord<String, TenantConfigured>> records) {
        applyBatch(
                records,
                record -> {
                    TenantConfigured tenant = tombstoneOrValue(record);
                    Supplier<Mono<Void>> change =
                            tenant == null ? () -> tenants.removed(record.key()) : () -> tenants.apply(tenant);
                    return new Work<>(
                            tenant == null ? positionOf(record) : tenant.getEventId(), record.topic(), change);
                },
                oneAtATime(change -> change.get().thenMany(Flux.empty())));
    }

    @KafkaListener(
            id = ID_PREFIX + "receipts",
            groupId = GROUP_PREFIX + "sms.receipts.v1",
            batch = "true",
            topics = "#{T(io.confirmline.events.Topics).SMS_RECEIPTS.name()}")
    public void onReceipts(List<ConsumerRecord<String, SmsStatusReceived>> records) {
        applyBatch(
                records,
                record -> {
                    SmsStatusReceived receipt = required(record);
                    return new Work<>(receipt.getEventId(), record.topic(), receipt);
                },
                oneAtATime(receipt -> receipts.apply(receipt).thenMany(Flux.empty())));
    }

    /** One record's part of a poll: its eventId, and what its topic's projection applies. */
    private record Work<T>(String eventId, String topic, T value) {}

    /**
     * A topic's projection: applies a poll's fresh records in their order and names the page changes. The busiest
     * topics' (bookings, statuses) write a poll in as few statements as their rows allow; the others apply a record
     * at a time.
     */
    private interface Projection<T> extends Function<List<T>, Flux<LiveChange.Subject>> {}

    /** A projection of a quiet topic: each record applied in turn, by its own statements. */
    private static <T> Projection<T> oneAtATime(Function<T, Flux<LiveChange.Subject>> apply) {
        return values -> Flux.fromIterable(values).concatMap(apply);
    }

    /**
     * A poll's records in one transaction and one commit (a commit per record would cap the read model at the
     * database's fsyncs a second). A record that cannot be read fails the batch at its index: the records before it
     * are committed first, it goes to the dead-letter topic, the ones after it come again. If the transaction fails,
     * the records are applied one by one, each in its own transaction, so the one at fault is found and named.
     */
    private <V, T> void applyBatch(
            List<ConsumerRecord<String, V>> records,
            Function<ConsumerRecord<String, V>, Work<T>> work,
            Projection<T> projection) {
        List<Work<T>> batch = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            try {
                batch.add(work.apply(records.get(index)));
            } catch (RuntimeException unreadable) {
                applyAll(batch, projection);
                throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, index);
            }
        }
        applyAll(batch, projection);
    }

    private <T> void applyAll(List<Work<T>> batch, Projection<T> projection) {
        try {
            apply(batch, projection);
        } catch (RuntimeException failed) {
            applyOneByOne(batch, projection);
        }
    }

    private <T> void applyOneByOne(List<Work<T>> batch, Projection<T> projection) {
        for (int index = 0; index < batch.size(); index++) {
            try {
                apply(List.of(batch.get(index)), projection);
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException(failed.getMessage(), failed, index);
            }
        }
    }

    /** Claim, project, record the page changes — one transaction; then wake the live feed. */
    private <T> void apply(List<Work<T>> batch, Projection<T> projection) {
        if (batch.isEmpty()) {
            return;
        }
        Boolean changed = reads.claimAll(
                        batch.stream().map(Work::eventId).toList(),
                        batch.stream().map(Work::topic).toList())
                // In the poll's order; an event the poll carries twice is applied at its first place only.
                .flatMapMany(fresh -> {
                    List<T> values = new ArrayList<>(fresh.size());
                    for (Work<T> work : batch) {
                        if (fresh.remove(work.eventId())) {
                            values.add(work.value());
                        }
                    }
                    return values.isEmpty() ? Flux.empty() : Flux.defer(() -> projection.apply(values));
                })
                .collectList()
                .flatMap(subjects -> subjects.isEmpty()
                        ? Mono.just(false)
                        : live.recordAll(subjects).thenReturn(true))
                .as(transaction::transactional)
                .block(APPLY_WAIT);
        if (Boolean.TRUE.equals(changed)) {
            live.committed();
        }
    }

    /** The value, or null for a tombstone; a record the deserializer could not read is an error, not a tombstone. */
    private static <T> T tombstoneOrValue(ConsumerRecord<String, T> record) {
        DeserializationException undecodable = UndecodableValue.of(record);
        if (undecodable != null) {
            Throwable cause = undecodable.getCause() == null ? undecodable : undecodable.getCause();
            throw new DeserializationException(
                    "Undecodable record: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                    undecodable.getData(),
                    false,
                    undecodable);
        }
        return record.value();
    }

    private static <T> T required(ConsumerRecord<String, T> record) {
        if (tombstoneOrValue(record) == null) {
            throw new InvalidEventException(
                    "A record without a value on " + record.topic() + ", which has no tombstones");
        }
        return record.value();
    }

    /** A tombstone has no eventId: its place in the topic names it (the same on every read, replays included). */
    private static String positionOf(ConsumerRecord<?, ?> record) {
        return record.topic() + "@" + record.partition() + ":" + record.offset();
    }
}
