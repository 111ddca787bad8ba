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
