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
package io.confirmline.ingress.publish;

import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.Topics;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes a session summary and completes only when the broker has acknowledged it (acks=all), or fails after
 * the configured time. {@code send} itself can block while the producer waits for metadata, so it runs off the
 * event loop.
 */
@Component
public class SummaryPublisher {

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final PublishProperties properties;

    private final io.confirmline.ingress.session.SessionView sessions;
    private final io.micrometer.tracing.Tracer tracer;

    public SummaryPublisher(
            KafkaTemplate<String, SpecificRecord> kafka,
            PublishProperties properties,
            io.confirmline.ingress.session.SessionView sessions,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
        this.kafka = kafka;
        this.properties = properties;
        this.sessions = sessions;
        this.tracer = tracer.getIfAvailable();
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the nested future supplyAsync returns is flattened by thenCompose
    public Mono<Void> publish(SessionSummaryReceived summary) {
        // The send is not cancelled when the deadline passes: if the broker takes it late, the event is stored
        // anyway, and 8x8's redelivery carries the same eventId, which consumers drop.
        CompletableFuture<?> acknowledged = CompletableFuture.supplyAsync(
                        () -> io.confirmline.kafka.TraceParents.within(
                                tracer,
                                sessions.traceParentOf(summary.getSessionId()),
                                "8x8 session summary",
                                () -> kafka.send(Topics.SESSION_SUMMARIES.name(), summary.getSessionId(), summary)),
                        task -> Schedulers.boundedElastic().schedule(task))
                .thenCompose(Function.identity());
        // The failure travels as a value, so one that arrives after the deadline is not reported as dropped.
        CompletableFuture<Throwable> failure = acknowledged.handle((result, error) -> error);
        return Mono.fromFuture(failure, true)
                .timeout(properties.summaryTimeout())
                .flatMap(Mono::<Void>error)
                .then();
    }
}
