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
package io.confirmline.orchestrator.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import reactor.util.context.Context;

/**
 * The W3C {@code traceparent} of the current span, carried in the Reactor context from a listener (where the
 * record's observation is in scope) to the outbox rows its transaction writes on database threads.
 */
public final class TraceParent {

    static final String KEY = "confirmline.traceparent";

    private TraceParent() {}

    /** A Reactor context holding the current span's traceparent, or an empty one when nothing is traced. */
    public static Context capture(Tracer tracer) {
        String current = io.confirmline.kafka.TraceParents.current(tracer);
        return current == null ? Context.empty() : Context.of(KEY, current);
    }

    /** The traceparent in the Reactor context, or null: for work that stores it with a row. */
    public static <T> reactor.core.publisher.Mono<T> withCurrent(
            java.util.function.Function<String, reactor.core.publisher.Mono<T>> work) {
        return reactor.core.publisher.Mono.deferContextual(context -> work.apply(context.getOrDefault(KEY, null)));
    }

    /**
     * Runs {@code work} in the trace of the HTTP request being served, so what it writes to the outbox continues the
     * caller's trace. WebFlux keeps the request's observation in the Reactor context, not in a thread local; its
     * scope is opened just long enough to read the span.
     */
    public static <T> reactor.core.publisher.Mono<T> ofRequest(Tracer tracer, reactor.core.publisher.Mono<T> work) {
        return reactor.core.publisher.Mono.deferContextual(context -> {
            io.micrometer.observation.Observation request = context.getOrDefault(
                    io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor.KEY, null);
            if (request == null || tracer == null) {
                return work;
            }
            Context trace;
            try (io.micrometer.observation.Observation.Scope scope = request.openScope()) {
                trace = capture(tracer);
            }
            return work.contextWrite(trace);
        });
    }

    /**
     * Runs {@code work} in a span continuing the record's {@code traceparent} header (a new trace when it has none):
     * what a record listener's observation does, for a batch listener, which has none per record. The span is in
     * scope while {@code work} is made and subscribed to, so what is logged on that thread then carries the record's
     * trace id (what runs later on the database's threads does not: there is no automatic context propagation), and
     * it is in the Reactor context for the outbox rows the work writes.
     */
    public static <T> reactor.core.publisher.Mono<T> ofRecord(
            Tracer tracer,
            org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record,
            java.util.function.Supplier<reactor.core.publisher.Mono<T>> work) {
        if (tracer == null) {
            return reactor.core.publisher.Mono.defer(work);
        }
        return reactor.core.publisher.Mono.defer(() -> {
            String name = record.topic() + " receive";
            Span continued = io.confirmline.kafka.TraceParents.continueFrom(
                    tracer, io.confirmline.kafka.TraceParents.from(record.headers()), name);
            // A record without a traceparent starts a trace of its own, whatever span is in scope here (another
            // record's, when KeyedBatch starts this one from the end of that one).
            Span span = continued != null
                    ? continued
                    : tracer.spanBuilder().setNoParent().name(name).start();
            reactor.core.publisher.Mono<T> traced = reactor.core.publisher.Mono.defer(work)
                    .contextWrite(of(span))
                    .doFinally(signal -> span.end());
            return reactor.core.publisher.Mono.fromDirect(subscriber -> {
                try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                    traced.subscribe(subscriber);
                }
            });
        });
    }

    /**
     * {@code context} with {@code expected} as its traceparent, unless the one it holds is already in the same
     * trace: work about a call stays in its booking's trace even when the record that caused it came in another —
     * a key press the ingress published before its view of the call's session had arrived, so outside the
     * booking's trace. A null or blank {@code expected} (a call with no trace) leaves the context as it is.
     */
    public static Context inTraceOf(Context context, String expected) {
        // "00-" and the 32-digit trace id: the part every span of one trace shares.
        int traceIdEnd = 35;
        if (expected == null || expected.length() < traceIdEnd) {
            return context;
        }
        String current = context.getOrDefault(KEY, null);
        return current != null && current.regionMatches(0, expected, 0, traceIdEnd)
                ? context
                : context.put(KEY, expected);
    }

    /** A Reactor context holding {@code traceParent}, or an empty one for null. */
    public static Context of(String traceParent) {
        return traceParent == null ? Context.empty() : Context.of(KEY, traceParent);
    }

    /** A Reactor context holding {@code span}'s traceparent. */
    public static Context of(Span span) {
        return Context.of(KEY, io.confirmline.kafka.TraceParents.of(span));
    }
}
