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
import io.confirmline.kafka.KeyedBatch;
import io.confirmline.orchestrator.inbound.InboundCalls;
import io.confirmline.orchestrator.outbox.TraceParent;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes the guest's key presses ({@code voice.call-actions.v1}) and 8x8's session summaries
 * ({@code voice.session-summaries.v1}) from the ingress. A summary of a guest's call-back goes to {@link InboundCalls}
 * (its keys come as {@code voice.inbound-calls.v1} DIGITS; a call action for it is dropped). An event for a session
 * not known yet is parked, never retried in place: the partition goes on with the next record.
 *
 * <p>A poll's records are applied {@code confirmline.outcomes.in-flight} at a time, in order per session (the
 * records' key; {@link KeyedBatch}): each is a transaction of its own, mostly spent waiting for the database, and
 * one at a time a consumer fell behind the key presses of 15 calls a second (docs/benchmarks.md).
 */
@Component
public class CallEventIntake {

    private static final Duration APPLY_WAIT = Duration.ofSeconds(30);

    private final CallProgress progress;
    private final ParkedEvents parked;
    private final InboundCalls inbound;
    private final OutcomeProperties properties;
    private final Tracer tracer;

    public CallEventIntake(
            CallProgress progress,
            ParkedEvents parked,
            InboundCalls inbound,
            OutcomeProperties properties,
            ObjectProvider<Tracer> tracer) {
        this.tracer = tracer.getIfAvailable();
        this.inbound = inbound;
        this.progress = progress;
        this.parked = parked;
        this.properties = properties;
    }

    @KafkaListener(
            topics = "#{T(io.confirmline.events.Topics).CALL_ACTIONS.name()}",
            concurrency = "${confirmline.outcomes.consumers:1}",
            batch = "true")
    public void onCallActions(List<ConsumerRecord<String, CallActionReceived>> records) {
        KeyedBatch.apply(
                records,
                properties.inFlight(),
                APPLY_WAIT,
                record -> TraceParent.ofRecord(tracer, record, () -> callAction(record.topic(), record.value())));
    }

    @KafkaListener(
            topics = "#{T(io.confirmline.events.Topics).SESSION_SUMMARIES.name()}",
            concurrency = "${confirmline.outcomes.consumers:1}",
            batch = "true")
    public void onSessionSummaries(List<ConsumerRecord<String, SessionSummaryReceived>> records) {
        KeyedBatch.apply(
                records,
                properties.inFlight(),
                APPLY_WAIT,
                record -> TraceParent.ofRecord(tracer, record, () -> sessionSummary(record.topic(), record.value())));
    }

    private Mono<Void> callAction(String topic, CallActionReceived action) {
        return progress.keyPressed(action)
                .flatMap(applied -> unlessKnown(
                        applied,
                        () -> inbound.knows(action.getSessionId()),
                        () -> parked.park(
                                topic, action.getEventId(), action.getTenantId(), action.getSessionId(), action)));
    }

    private Mono<Void> sessionSummary(String topic, SessionSummaryReceived summary) {
        // Not one of our calls: perhaps a guest's call-back (an inbound session), else parked until its session is
        // known.
        return progress.sessionEnded(summary)
                .flatMap(applied -> unlessKnown(
                        applied,
                        () -> inbound.sessionEnded(summary),
                        () -> parked.park(
                                topic, summary.getEventId(), summary.getTenantId(), summary.getSessionId(), summary)));
    }

    /** An event for a session no call of ours has: the inbound calls' if they know it, else parked. */
    private static Mono<Void> unlessKnown(
            CallProgress.Applied applied, Supplier<Mono<Boolean>> inboundKnows, Supplier<Mono<Void>> park) {
        if (applied != CallProgress.Applied.UNKNOWN_SESSION) {
            return Mono.empty();
        }
        return inboundKnows.get().defaultIfEmpty(false).flatMap(known -> known ? Mono.empty() : park.get());
    }
}
