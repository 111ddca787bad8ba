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
package io.confirmline.console.readmodel;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One open stream's place in the live feed: the batches the reader handed it and the stream has not taken yet.
 * Only the reader's thread offers, so no emission is ever refused for being concurrent; the only refusals are a
 * stream that has ended and one that is too far behind — that one is cut off (its stream completes after what it
 * has, and its browser resumes from the table with Last-Event-ID), with a warning, never skipped silently.
 */
final class Follower {

    private static final Logger log = LoggerFactory.getLogger(LiveChanges.class);

    final String tenantId;
    private final int limit;
    /** Unsafe = not serialised: the reader thread is the only emitter (see {@link LiveChanges}). */
    private final Sinks.Many<List<LiveChange>> sink = Sinks.unsafe()
            .many()
            .unicast()
            .onBackpressureBuffer(Queues.<List<LiveChange>>unbounded().get());
    /** Changes offered and not yet taken by the stream; bounded by {@code limit}. */
    private final AtomicInteger behind = new AtomicInteger();

    private volatile boolean ended;

    Follower(String tenantId, int limit) {
        this.tenantId = tenantId;
        this.limit = limit;
    }

    Flux<List<LiveChange>> batches() {
        return sink.asFlux().doOnNext(batch -> behind.addAndGet(-batch.size()));
    }

    /** Hands the stream a batch; false when it no longer follows (ended, or cut off now for being too far behind). */
    boolean offer(List<LiveChange> batch) {
        if (ended) {
            return false;
        }
        int pending = behind.addAndGet(batch.size());
        if (pending > limit) {
            ended = true;
            log.warn(
                    "Live feed: a stream of tenant {} fell {} changes behind (more than {}); ending it after the changes "
                            + "it has — its page reconnects with Last-Event-ID and replays the rest",
                    tenantId,
                    pending,
                    limit);
            sink.tryEmitComplete();
            return false;
        }
        try {
            Sinks.EmitResult result = sink.tryEmitNext(batch);
            if (result.isSuccess()) {
                return true;
            }
            if (result != Sinks.EmitResult.FAIL_CANCELLED && result != Sinks.EmitResult.FAIL_TERMINATED) {
                log.warn(
                        "Live feed: a stream of tenant {} refused changes ({}); ending it so its page resumes",
                        tenantId,
                        result);
                sink.tryEmitComplete();
            }
        } catch (RuntimeException failed) {
            log.warn(
                    "Live feed: handing changes to a stream of tenant {} failed ({}); ending it so its page resumes",
                    tenantId,
                    failed.toString());
            sink.tryEmitError(failed);
        }
        ended = true;
        return false;
    }
}
