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
package io.confirmline.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Outcomes wait to be written together, and each learns when its batch is committed or failed. */
class OutcomeBatchTest {

    final AtomicInteger wakeUps = new AtomicInteger();
    final OutcomeBatch batch = new OutcomeBatch(wakeUps::incrementAndGet);

    static Outcome outcome() {
        return Outcome.postponed(UUID.randomUUID(), Instant.now());
    }

    @Test
    void theFirstOutcomeWakesTheWriterAndTheRestJoinIt() {
        batch.add(outcome());
        batch.add(outcome());
        assertThat(wakeUps.get()).isEqualTo(1);
        assertThat(batch.take(64)).hasSize(2);
        batch.add(outcome());
        assertThat(wakeUps.get()).as("empty again, so woken again").isEqualTo(2);
    }

    @Test
    void takesAtMostABatchOldestFirst() {
        Outcome first = outcome();
        batch.add(first);
        batch.add(outcome());
        batch.add(outcome());
        List<OutcomeBatch.Pending> taken = batch.take(2);
        assertThat(OutcomeBatch.outcomes(taken).get(0)).isEqualTo(first);
        assertThat(taken).hasSize(2);
        assertThat(batch.size()).isEqualTo(1);
    }

    @Test
    void eachOutcomeCompletesWithItsBatch() {
        Mono<Void> ok = batch.add(outcome());
        List<OutcomeBatch.Pending> first = batch.take(64);
        Mono<Void> lost = batch.add(outcome());
        List<OutcomeBatch.Pending> second = batch.take(64);

        OutcomeBatch.recorded(first);
        OutcomeBatch.failed(second, new IllegalStateException("database away"));

        assertThat(ok.toFuture()).isCompleted();
        assertThat(lost.toFuture()).isCompletedExceptionally();
    }

    @Test
    void waitsForMoreOnlyUpToTheMaximumWait() throws Exception {
        long started = System.nanoTime();
        batch.awaitFuller(64, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("nothing waiting: no wait")
                .isLessThan(Duration.ofSeconds(1));

        batch.add(outcome());
        started = System.nanoTime();
        batch.awaitFuller(64, Duration.ofMillis(50));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(20), Duration.ofSeconds(2));

        batch.add(outcome());
        started = System.nanoTime();
        batch.awaitFuller(2, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("full: no wait")
                .isLessThan(Duration.ofSeconds(1));
    }
}
