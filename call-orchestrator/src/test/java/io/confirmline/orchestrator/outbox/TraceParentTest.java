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

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

class TraceParentTest {

    static final String BOOKING = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final String BOOKING_LATER_SPAN = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";
    static final String OTHER = "00-0af7651916cd43dd8448eb211c80319c-b9c7c989f97918e1-01";

    static String in(Context context) {
        return context.getOrDefault(TraceParent.KEY, null);
    }

    @Test
    void aSpanOfTheBookingsTraceIsKeptSoTheChainOfSpansStays() {
        assertThat(in(TraceParent.inTraceOf(TraceParent.of(BOOKING_LATER_SPAN), BOOKING)))
                .isEqualTo(BOOKING_LATER_SPAN);
    }

    @Test
    void anotherTraceOrNoneGivesWayToTheBookings() {
        assertThat(in(TraceParent.inTraceOf(TraceParent.of(OTHER), BOOKING))).isEqualTo(BOOKING);
        assertThat(in(TraceParent.inTraceOf(Context.empty(), BOOKING))).isEqualTo(BOOKING);
    }

    @Test
    void aCallWithoutATraceLeavesTheContextAsItIs() {
        assertThat(in(TraceParent.inTraceOf(TraceParent.of(OTHER), ""))).isEqualTo(OTHER);
        assertThat(in(TraceParent.inTraceOf(Context.empty(), null))).isNull();
    }

    @Test
    void aRecordsWorkIsMadeAndStartedWithTheRecordsTraceInScopeSoWhatItLogsCarriesTheTraceId() {
        // The span in scope is what Boot's tracing puts in the logging MDC (its ids as traceId and spanId).
        try (SdkTracerProvider provider = SdkTracerProvider.builder().build()) {
            OtelTracer tracer = tracer(provider);
            ConsumerRecord<String, String> record = keyPress(0L, BOOKING);
            AtomicReference<String> whileMade = new AtomicReference<>();
            AtomicReference<String> whileStarted = new AtomicReference<>();

            String forTheOutbox = TraceParent.ofRecord(tracer, record, () -> {
                        whileMade.set(traceId(tracer));
                        return Mono.fromRunnable(() -> whileStarted.set(traceId(tracer)))
                                .then(Mono.deferContextual(context -> Mono.just(in(Context.of(context)))));
                    })
                    .block();

            String bookingTrace = BOOKING.substring(3, 35);
            assertThat(whileMade.get()).isEqualTo(bookingTrace);
            assertThat(whileStarted.get()).isEqualTo(bookingTrace);
            assertThat(forTheOutbox).startsWith("00-" + bookingTrace + "-").isNotEqualTo(BOOKING);
            assertThat(tracer.currentSpan())
                    .as("the scope ends with the record")
                    .isNull();
        }
    }

    @Test
    void aRecordWithoutATraceparentStartsATraceOfItsOwnEvenWhenAnotherRecordsSpanIsInScope() {
        try (SdkTracerProvider provider = SdkTracerProvider.builder().build()) {
            OtelTracer tracer = tracer(provider);
            ConsumerRecord<String, String> traced = keyPress(0L, BOOKING);
            ConsumerRecord<String, String> untraced = keyPress(1L, null);

            // KeyedBatch starts a record from the end of the one before it, within that one's subscription.
            String second = TraceParent.ofRecord(
                            tracer,
                            traced,
                            () -> TraceParent.ofRecord(
                                    tracer, untraced, () -> Mono.fromSupplier(() -> traceId(tracer))))
                    .block();

            assertThat(second).isNotNull().isNotEqualTo(BOOKING.substring(3, 35));
        }
    }

    private static OtelTracer tracer(SdkTracerProvider provider) {
        return new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {});
    }

    /** A key press record at {@code offset}, with {@code traceparent} as its header unless null. */
    private static ConsumerRecord<String, String> keyPress(long offset, String traceparent) {
        ConsumerRecord<String, String> record =
                new ConsumerRecord<>("voice.call-actions.v1", 0, offset, "session-" + offset, "a key press");
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static String traceId(OtelTracer tracer) {
        io.micrometer.tracing.Span current = tracer.currentSpan();
        return current == null ? null : current.context().traceId();
    }
}
