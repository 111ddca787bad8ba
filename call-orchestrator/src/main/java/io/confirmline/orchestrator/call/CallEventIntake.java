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
package io.confirmline.orchestrator.call;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.orchestrator.inbound.InboundCalls;
import io.confirmline.orchestrator.outbox.TraceParent;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the guest's key presses ({@code voice.call-actions.v1}) and 8x8's session summaries
 * ({@code voice.session-summaries.v1}) from the ingress. A summary of a guest's call-back goes to {@link InboundCalls}
 * (its keys come as {@code voice.inbound-calls.v1} DIGITS; a call action for it is dropped). An event for a session
 * not known yet is parked, never retried in place: the partition goes on with the next record.
 */
@Component
public class CallEventIntake {

    private final CallProgress progress;
    private final ParkedEvents parked;
    private final InboundCalls inbound;
    private final io.micrometer.tracing.Tracer tracer;

    public CallEventIntake(
            CallProgress progress,
            ParkedEvents parked,
            InboundCalls inbound,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
        this.tracer = tracer.getIfAvailable();
        this.inbound = inbound;
        this.progress = progress;
        this.parked = parked;
    }

    @KafkaListener(
            topics = "#{T(io.confirmline.events.Topics).CALL_ACTIONS.name()}",
            concurrency = "${confirmline.outcomes.consumers:1}")
    public void onCallAction(ConsumerRecord<String, CallActionReceived> record) {
        CallActionReceived action = record.value();
        if (progress.keyPressed(action)
                                .contextWrite(TraceParent.capture(tracer))
                                .block(Duration.ofSeconds(30))
                        == CallProgress.Applied.UNKNOWN_SESSION
                && !Boolean.TRUE.equals(inbound.knows(action.getSessionId()).block(Duration.ofSeconds(30)))) {
            parked.park(record.topic(), action.getEventId(), action.getTenantId(), action.getSessionId(), action)
                    .block(Duration.ofSeconds(30));
        }
    }

    @KafkaListener(
            topics = "#{T(io.confirmline.events.Topics).SESSION_SUMMARIES.name()}",
            concurrency = "${confirmline.outcomes.consumers:1}")
    public void onSessionSummary(ConsumerRecord<String, SessionSummaryReceived> record) {
        SessionSummaryReceived summary = record.value();
        // Not one of our calls: perhaps a guest's call-back (an inbound session), else parked until its session is
        // known.
        if (progress.sessionEnded(summary)
                                .contextWrite(TraceParent.capture(tracer))
                                .block(Duration.ofSeconds(30))
                        == CallProgress.Applied.UNKNOWN_SESSION
                && !Boolean.TRUE.equals(inbound.sessionEnded(summary)
                        .contextWrite(TraceParent.capture(tracer))
                        .block(Duration.ofSeconds(30)))) {
            parked.park(record.topic(), summary.getEventId(), summary.getTenantId(), summary.getSessionId(), summary)
                    .block(Duration.ofSeconds(30));
        }
    }
}
