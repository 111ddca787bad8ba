package io.confirmline.notifier.intake;

import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.kafka.InvalidEventException;
import io.confirmline.notifier.delivery.DeliveryStore;
import io.confirmline.notifier.delivery.DeliveryStore.NewDelivery;
import io.confirmline.notifier.delivery.DeliveryWorker;
import io.confirmline.notifier.delivery.RetrySchedule;
import io.confirmline.notifier.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns each status change into a delivery row. The offset is committed only after the row (and the eventId that
 * makes a redelivered record create nothing) is in the database, so a crash between the two loses nothing.
 * A change for a tenant that is not configured cannot be delivered anywhere: it goes to the dead-letter topic.
 */
@Component
public class StatusIntake {

    private final DeliveryStore store;
    private final Tenants tenants;
    private final RetrySchedule schedule;
    private final DeliveryWorker worker;
    private final Clock clock;

    public StatusIntake(DeliveryStore store, Tenants tenants, RetrySchedule schedule, DeliveryWorker worker, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.schedule = schedule;
        this.worker = worker;
        this.clock = clock;
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).CALL_STATUS.name()}")
    public void onStatusChanged(ConsumerRecord<String, CallStatusChanged> record) {
        CallStatusChanged change = record.value();
        if (tenants.byId(change.getTenantId()).isEmpty()) {
            throw new InvalidEventException("No tenant " + change.getTenantId() + " is configured in the notifier");
        }
        StatusWebhookBody body = StatusWebhookBody.of(change);
        Boolean created = store.create(new NewDelivery(change.getEventId(), Topics.CALL_STATUS.name(),
                change.getTenantId(), change.getSubjectId(), body.type(), body.json(), change.getOccurredAt(),
                schedule.first(clock.instant()))).block(Duration.ofSeconds(30));
        if (Boolean.TRUE.equals(created)) {
            worker.wake();
        }
    }
}
