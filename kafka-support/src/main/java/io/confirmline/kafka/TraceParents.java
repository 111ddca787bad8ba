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
package io.confirmline.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C {@code traceparent} values for work that leaves the thread its trace started on — a row written now and
 * published later, a session opened by one service and its webhooks received by another — so that one booking's
 * journey is one trace.
 */
public final class TraceParents {

    public static final String HEADER = "traceparent";

    private TraceParents() {}

    /** The traceparent of {@code span}. */
    public static String of(Span span) {
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /** The traceparent of the current span, or null when nothing is traced. */
    public static String current(Tracer tracer) {
        Span span = tracer == null ? null : tracer.currentSpan();
        return span == null ? null : of(span);
    }

    /** The record's traceparent header, or null. */
    public static String from(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static final java.util.regex.Pattern FLAGS = java.util.regex.Pattern.compile("[0-9a-f]{2}");

    /** A started span continuing {@code traceparent}; null when there is none or it cannot be read. */
    public static Span continueFrom(Tracer tracer, String traceparent, String name) {
        String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
        if (tracer == null
                || parts.length != 4
                || parts[1].length() != 32
                || parts[2].length() != 16
                || !FLAGS.matcher(parts[3]).matches()) {
            return null;
        }
        TraceContext parent = tracer.traceContextBuilder()
                .traceId(parts[1])
                .spanId(parts[2])
                .sampled((Integer.parseInt(parts[3], 16) & 1) == 1)
                .build();
        return tracer.spanBuilder().setParent(parent).name(name).start();
    }

    /** Runs {@code work} in a span continuing {@code traceparent} (or as it is, when there is none). */
    public static <T> T within(Tracer tracer, String traceparent, String name, Supplier<T> work) {
        Span span = continueFrom(tracer, traceparent, name);
        if (span == null) {
            return work.get();
        }
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }
}
