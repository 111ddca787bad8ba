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

import io.confirmline.orchestrator.dialing.Placements.Placement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Records each batch's answers while the next batch is claimed, marked and sent, one batch behind at most: every call
 * of a batch is already DIALING (committed) and asked when its answers arrive, so until they are recorded it is as
 * safe as after a crash — its summary or the outcome sweep settles it. Used from the dialer's loop thread only: the
 * wait for the previous recording must not run on a Netty thread, which that recording may need (the database and
 * HTTP clients share the event loops).
 */
final class RecordingOneBehind {

    private static final Logger log = LoggerFactory.getLogger(RecordingOneBehind.class);

    private final Function<List<Placement>, Mono<Void>> record;
    private final Duration previousWait;
    private volatile CompletableFuture<Void> recording = CompletableFuture.completedFuture(null);

    RecordingOneBehind(Function<List<Placement>, Mono<Void>> record, Duration previousWait) {
        this.record = record;
        this.previousWait = previousWait;
    }

    /** Waits (at most the previous-wait) for the previous batch's recording, then starts this one's. */
    void record(List<Placement> answered) {
        try {
            recording.get(previousWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            log.error("The previous batch's recording did not end within {}; recording the next", previousWait);
        } catch (ExecutionException e) {
            log.error("Recording the previous batch failed: {}", e.getCause().toString());
        }
        recording = record.apply(answered)
                .onErrorResume(error -> {
                    log.error("Recording {} placements failed: {}", answered.size(), error.toString());
                    return Mono.empty();
                })
                .toFuture();
    }

    /** Lets the last batch's recording finish (when the application stops). */
    void finish(Duration atMost) throws InterruptedException {
        try {
            recording.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "The last batch of placements was not recorded: {}; its calls are settled by their summaries or "
                            + "the outcome sweep",
                    e.toString());
        }
    }
}
