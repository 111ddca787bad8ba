package io.confirmline.orchestrator.inbound;

import io.confirmline.events.InboundCallEvent;
import io.confirmline.orchestrator.outbox.TraceParent;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes {@code voice.inbound-calls.v1}: what happened on guests' calls to the tenants' numbers. */
@Component
public class InboundCallIntake {

    private final InboundCalls inbound;
    private final io.micrometer.tracing.Tracer tracer;

    public InboundCallIntake(InboundCalls inbound, ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
        this.inbound = inbound;
        this.tracer = tracer.getIfAvailable();
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).INBOUND_CALLS.name()}")
    public void onInboundCall(ConsumerRecord<String, InboundCallEvent> record) {
        inbound.apply(record.value()).contextWrite(TraceParent.capture(tracer)).block(Duration.ofSeconds(30));
    }
}
