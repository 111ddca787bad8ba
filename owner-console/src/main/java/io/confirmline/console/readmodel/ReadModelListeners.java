package io.confirmline.console.readmodel;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.events.TenantConfigured;
import io.confirmline.kafka.InvalidEventException;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The console's read model, fed from the topics (issue #16 item 1; the console never reads another service's
 * database). Each record is applied in one transaction: its eventId is claimed in {@code read_event} (a record seen
 * before changes nothing), the projection writes its rows, and what a page shows of it is added to
 * {@code live_change}; after the commit the open pages hear of it. A record that cannot be applied goes to
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

    ReadModelListeners(ReadEvents reads, LiveChanges live, ReactiveTransactionManager transactions,
            BookingProjection bookings, CallStatusProjection statuses, ConversationProjection conversations,
            TenantProjection tenants, ReceiptProjection receipts) {
        this.reads = reads;
        this.live = live;
        this.transaction = TransactionalOperator.create(transactions);
        this.bookings = bookings;
        this.statuses = statuses;
        this.conversations = conversations;
        this.tenants = tenants;
        this.receipts = receipts;
    }

    @KafkaListener(id = ID_PREFIX + "bookings", groupId = GROUP_PREFIX + "bookings.v1",
            topics = "#{T(io.confirmline.events.Topics).BOOKINGS.name()}")
    public void onBooking(ConsumerRecord<String, BookingSnapshot> record) {
        BookingSnapshot snapshot = record.value();
        if (snapshot == null) {
            applyOnce(positionOf(record), record.topic(), () -> bookings.ended(record.key()));
        } else {
            applyOnce(snapshot.getEventId(), record.topic(), () -> bookings.apply(snapshot));
        }
    }

    @KafkaListener(id = ID_PREFIX + "statuses", groupId = GROUP_PREFIX + "calls.status.v1",
            topics = "#{T(io.confirmline.events.Topics).CALL_STATUS.name()}")
    public void onStatus(ConsumerRecord<String, CallStatusChanged> record) {
        CallStatusChanged change = required(record);
        applyOnce(change.getEventId(), record.topic(), () -> statuses.apply(change));
    }

    @KafkaListener(id = ID_PREFIX + "conversations", groupId = GROUP_PREFIX + "conversations.v1",
            topics = "#{T(io.confirmline.events.Topics).CONVERSATIONS.name()}")
    public void onConversation(ConsumerRecord<String, ConversationEvent> record) {
        ConversationEvent event = required(record);
        applyOnce(event.getEventId(), record.topic(), () -> conversations.apply(event));
    }

    @KafkaListener(id = ID_PREFIX + "tenants", groupId = GROUP_PREFIX + "tenants.v1",
            topics = "#{@readModelTopics.tenants()}")
    public void onTenant(ConsumerRecord<String, TenantConfigured> record) {
        TenantConfigured tenant = record.value();
        if (tenant == null) {
            applyOnce(positionOf(record), record.topic(), () -> tenants.removed(record.key()).thenMany(Flux.empty()));
        } else {
            applyOnce(tenant.getEventId(), record.topic(), () -> tenants.apply(tenant).thenMany(Flux.empty()));
        }
    }

    @KafkaListener(id = ID_PREFIX + "receipts", groupId = GROUP_PREFIX + "sms.receipts.v1",
            topics = "#{T(io.confirmline.events.Topics).SMS_RECEIPTS.name()}")
    public void onReceipt(ConsumerRecord<String, SmsStatusReceived> record) {
        SmsStatusReceived receipt = required(record);
        applyOnce(receipt.getEventId(), record.topic(), () -> receipts.apply(receipt).thenMany(Flux.empty()));
    }

    /** Claim, project, record the page changes — one transaction; then wake the live feed. */
    private void applyOnce(String eventId, String topic, Supplier<Flux<LiveChange.Subject>> projection) {
        Boolean applied = reads.claim(eventId, topic)
                .flatMap(first -> !first ? Mono.just(false)
                        : Flux.defer(projection).concatMap(live::record).then(Mono.just(true)))
                .as(transaction::transactional)
                .block(APPLY_WAIT);
        if (Boolean.TRUE.equals(applied)) {
            live.committed();
        }
    }

    private static <T> T required(ConsumerRecord<String, T> record) {
        if (record.value() == null) {
            throw new InvalidEventException("A record without a value on " + record.topic() + ", which has no tombstones");
        }
        return record.value();
    }

    /** A tombstone has no eventId: its place in the topic names it (the same on every read, replays included). */
    private static String positionOf(ConsumerRecord<?, ?> record) {
        return record.topic() + "@" + record.partition() + ":" + record.offset();
    }
}
