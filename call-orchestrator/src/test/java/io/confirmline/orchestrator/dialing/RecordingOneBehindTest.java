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
package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.orchestrator.dialing.Placements.Placement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The dialer's recording of a batch's answers runs while the next batch is sent, never more than one batch behind.
 * Each "batch" here is an empty list told apart by identity; the recording is a sink the test ends.
 */
class RecordingOneBehindTest {

    private final Map<List<Placement>, Sinks.Empty<Void>> started = new ConcurrentHashMap<>();
    private final RecordingOneBehind recording = new RecordingOneBehind(this::startRecording, Duration.ofSeconds(10));

    private Mono<Void> startRecording(List<Placement> batch) {
        Sinks.Empty<Void> sink = Sinks.empty();
        started.put(batch, sink);
        return sink.asMono();
    }

    @Test
    void theNextBatchIsRecordedOnlyOnceThePreviousOneIs() throws Exception {
        List<Placement> first = batch();
        List<Placement> second = batch();
        recording.record(first);
        assertThat(started).containsKey(first);

        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> recording.record(second));
        Thread.sleep(300);
        assertThat(started).as("while the first is recorded").doesNotContainKey(second);
        assertThat(next).isNotDone();

        started.get(first).tryEmitEmpty();
        next.get(5, TimeUnit.SECONDS);
        assertThat(started).containsKey(second);
    }

    @Test
    void aFailedRecordingDoesNotHoldUpTheNext() {
        List<Placement> first = batch();
        recording.record(first);
        started.get(first).tryEmitError(new IllegalStateException("database away"));

        List<Placement> second = batch();
        recording.record(second);

        assertThat(started).containsKey(second);
    }

    @Test
    void aRecordingThatNeverEndsHoldsUpTheNextOnlyForTheWait() {
        RecordingOneBehind shortWait = new RecordingOneBehind(this::startRecording, Duration.ofMillis(200));
        shortWait.record(batch());

        long start = System.nanoTime();
        List<Placement> second = batch();
        shortWait.record(second);

        assertThat(started).containsKey(second);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void stoppingWaitsForTheLastRecording() throws Exception {
        List<Placement> last = batch();
        recording.record(last);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                recording.finish(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(300);
        assertThat(stopped).as("the last batch is still being recorded").isNotDone();

        started.get(last).tryEmitEmpty();
        stopped.get(5, TimeUnit.SECONDS);
    }

    /** A batch told apart from the others by identity. */
    @SuppressWarnings("unchecked")
    private static List<Placement> batch() {
        return (List<Placement>) (List<?>) new java.util.ArrayList<Placement>() {
            @Override
            public boolean equals(Object o) {
                return this == o;
            }

            @Override
            public int hashCode() {
                return System.identityHashCode(this);
            }
        };
    }
}
