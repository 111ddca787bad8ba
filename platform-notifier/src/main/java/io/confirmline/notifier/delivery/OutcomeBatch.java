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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import reactor.core.publisher.Mono;

/**
 * Outcomes of attempts waiting to be recorded together: attempts add theirs as their answers come in, and the
 * worker takes them in batches and records each batch with one statement. Each outcome's {@code Mono} completes
 * when its batch is committed (or fails with it). An outcome lost with its batch (the instance dies, the write
 * fails) leaves its delivery leased: it is claimed again when the lease ends and sent again under the same
 * webhook-id.
 */
final class OutcomeBatch {

    record Pending(Outcome outcome, CompletableFuture<Void> recorded) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final List<Pending> waiting = new ArrayList<>();
    private final Runnable onFirst;
    private long firstAddedNanos;

    /** @param onFirst told when an outcome arrives to an empty batch (to wake whoever writes batches) */
    OutcomeBatch(Runnable onFirst) {
        this.onFirst = onFirst;
    }

    /** Completes when the outcome is committed; fails if its batch could not be written. */
    Mono<Void> add(Outcome outcome) {
        Pending pending = new Pending(outcome, new CompletableFuture<>());
        boolean first;
        lock.lock();
        try {
            first = waiting.isEmpty();
            if (first) {
                firstAddedNanos = System.nanoTime();
            }
            waiting.add(pending);
            added.signalAll();
        } finally {
            lock.unlock();
        }
        if (first) {
            onFirst.run();
        }
        return Mono.fromFuture(pending.recorded());
    }

    int size() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code full} outcomes are waiting or the oldest has waited {@code maxWait}, so a write carries
     * more than one outcome when more are about to come; returns at once when none is waiting.
     */
    void awaitFuller(int full, Duration maxWait) throws InterruptedException {
        lock.lock();
        try {
            while (!waiting.isEmpty() && waiting.size() < full) {
                long left = firstAddedNanos + maxWait.toNanos() - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                added.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to {@code max} of the waiting outcomes, oldest first. */
    List<Pending> take(int max) {
        lock.lock();
        try {
            List<Pending> taken = new ArrayList<>(waiting.subList(0, Math.min(max, waiting.size())));
            waiting.subList(0, taken.size()).clear();
            firstAddedNanos = System.nanoTime();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    static List<Outcome> outcomes(List<Pending> taken) {
        return taken.stream().map(Pending::outcome).toList();
    }

    static void recorded(List<Pending> taken) {
        taken.forEach(p -> p.recorded().complete(null));
    }

    static void failed(List<Pending> taken, Throwable error) {
        taken.forEach(p -> p.recorded().completeExceptionally(error));
    }
}
