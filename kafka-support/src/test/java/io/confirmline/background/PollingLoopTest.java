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
package io.confirmline.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingLoopTest {

    @Test
    void runsAgainAtOnceWhileThereIsWorkAndPausesWhenThereIsNone() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch backlogDone = new CountDownLatch(1);
        // Five rounds find work, then nothing: the backlog must go without waiting the (long) idle pause.
        PollingLoop loop = new PollingLoop(
                "test-backlog",
                () -> {
                    int n = rounds.incrementAndGet();
                    if (n == 6) {
                        backlogDone.countDown();
                    }
                    return n <= 5 ? 1 : 0;
                },
                Duration.ofMinutes(10));
        loop.start();
        try {
            assertThat(backlogDone.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            assertThat(rounds.get()).isEqualTo(6);
        } finally {
            loop.stop();
        }
    }

    @Test
    void goesOnAfterAFailingRound() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch recovered = new CountDownLatch(1);
        PollingLoop loop = new PollingLoop(
                "test-failure",
                () -> {
                    if (rounds.incrementAndGet() == 1) {
                        throw new IllegalStateException("database away");
                    }
                    recovered.countDown();
                    return 0;
                },
                Duration.ofMillis(10));
        loop.start();
        try {
            assertThat(recovered.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            loop.stop();
        }
    }

    @Test
    void stopEndsALongPauseAtOnce() throws Exception {
        CountDownLatch paused = new CountDownLatch(1);
        PollingLoop loop = new PollingLoop(
                "test-stop",
                () -> {
                    paused.countDown();
                    return 0;
                },
                Duration.ofHours(1));
        loop.start();
        assertThat(paused.await(5, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        loop.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void wakeEndsAnIdlePauseAtOnce() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        PollingLoop loop = new PollingLoop(
                "test-wake",
                () -> {
                    rounds.incrementAndGet();
                    second.countDown();
                    return 0;
                },
                Duration.ofHours(1));
        loop.start();
        try {
            Thread.sleep(100);
            assertThat(rounds.get()).as("paused after the first round").isEqualTo(1);
            loop.wake();
            assertThat(second.await(2, TimeUnit.SECONDS))
                    .as("woken before the hour-long pause ended")
                    .isTrue();
        } finally {
            loop.stop();
        }
    }

    @Test
    void wakeAtEndsAnIdlePauseAtThatMomentAndNotBefore() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        long[] secondAt = new long[1];
        PollingLoop loop = new PollingLoop(
                "test-wake-at",
                () -> {
                    if (rounds.incrementAndGet() == 2) {
                        secondAt[0] = System.nanoTime();
                    }
                    second.countDown();
                    return 0;
                },
                Duration.ofHours(1));
        loop.start();
        try {
            Thread.sleep(100);
            assertThat(rounds.get()).as("paused after the first round").isEqualTo(1);
            long asked = System.nanoTime();
            loop.wakeAt(Instant.now().plusMillis(300));
            assertThat(second.await(5, TimeUnit.SECONDS))
                    .as("woken at the moment, long before the hour-long pause ended")
                    .isTrue();
            assertThat(Duration.ofNanos(secondAt[0] - asked))
                    .as("not before the moment")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(290));
            Thread.sleep(300);
            assertThat(rounds.get()).as("the moment wakes the loop once").isEqualTo(2);
        } finally {
            loop.stop();
        }
    }

    @Test
    void aMomentAlreadyPastWakesAtOnceAndOneFarOffIsLeftToThePoll() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        PollingLoop loop = new PollingLoop(
                "test-wake-at-far",
                () -> {
                    rounds.incrementAndGet();
                    return 0;
                },
                Duration.ofHours(1));
        loop.start();
        try {
            Thread.sleep(100);
            loop.wakeAt(Instant.now().plus(Duration.ofMinutes(5)));
            Thread.sleep(500);
            assertThat(rounds.get())
                    .as("a moment minutes away does not end the pause")
                    .isEqualTo(1);
            loop.wakeAt(Instant.now().minusSeconds(1));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (rounds.get() < 2 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(rounds.get())
                    .as("a moment already past wakes the loop at once")
                    .isEqualTo(2);
        } finally {
            loop.stop();
        }
    }
}
