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

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background thread that does a unit of work again and again — claim due calls, relay outbox rows, prune old
 * rows — and pauses when a round found nothing to do, or for a second after a failure (the database or broker is
 * away). Started and stopped with the application. Every service's background loops are one of these, so they
 * all behave alike at start, stop and failure.
 */
public class PollingLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final long WAKE_GRANULARITY_MILLIS = 5;
    private static final Duration WAKE_HORIZON = Duration.ofSeconds(10);

    private final String name;
    private final IntSupplier round;
    private final Duration idle;
    private volatile boolean running;
    // A pause waits on this monitor rather than sleeping, so stop() ends a long pause (a retention job idles for
    // minutes) at once without interrupting a round that is talking to the database.
    private final Object pauses = new Object();
    // Set by wake() (guarded by pauses): a pause ends at once, and a wake-up during a round makes the next pause end
    // at once too, so new work that arrives while a round is finding nothing is not left waiting for the idle pause.
    private boolean woken;
    // Moments (epoch milliseconds, rounded up to WAKE_GRANULARITY) at which work is known to fall due, e.g. a
    // retry's: a pause ends at the first of them instead of lasting its full length, so a retry due in 100 ms is not
    // taken up to a whole idle pause late. Only moments within WAKE_HORIZON are kept, which bounds the set; work due
    // later is found by the idle polls, whose lateness is small beside such a wait.
    private final ConcurrentSkipListSet<Long> wakeMoments = new ConcurrentSkipListSet<>();
    private Thread thread;

    /**
     * @param name the thread's name, also used in log lines
     * @param round does one round of work and returns how much it did; 0 means "nothing to do, pause"
     * @param idle how long to pause when a round did nothing
     */
    public PollingLoop(String name, IntSupplier round, Duration idle) {
        this.name = name;
        this.round = round;
        this.idle = idle;
    }

    public String name() {
        return name;
    }

    private void run() {
        while (running) {
            try {
                // The moments passed by now are what this round looks for.
                wakeMoments.headSet(System.currentTimeMillis(), true).clear();
                if (round.getAsInt() == 0) {
                    pause(idle);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{}: {}; trying again", name, e.toString());
                try {
                    pause(AFTER_FAILURE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        synchronized (pauses) {
            while (running && !woken) {
                long millis = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                Long next = wakeMoments.ceiling(Long.MIN_VALUE);
                if (next != null) {
                    millis = Math.min(millis, next - System.currentTimeMillis());
                }
                if (millis <= 0) {
                    break;
                }
                pauses.wait(millis);
            }
            woken = false;
        }
    }

    /**
     * Work falls due at {@code moment} (a retry's time, say): a pause under way then, or begun before it, ends at
     * that moment, a few milliseconds after it at most. A moment already past wakes the loop at once; one further
     * off than a few seconds is left to the idle polls.
     */
    public void wakeAt(Instant moment) {
        long now = System.currentTimeMillis();
        long at = moment.toEpochMilli();
        if (at <= now) {
            wake();
        } else if (at - now <= WAKE_HORIZON.toMillis()) {
            // Rounded up, so that the work is due when the loop looks and nearby moments share one entry.
            if (wakeMoments.add(
                    (at + WAKE_GRANULARITY_MILLIS - 1) / WAKE_GRANULARITY_MILLIS * WAKE_GRANULARITY_MILLIS)) {
                synchronized (pauses) {
                    pauses.notifyAll(); // a pause under way works out its end again
                }
            }
        }
    }

    /** New work arrived: end the current idle pause (or the next one) at once instead of waiting it out. */
    public void wake() {
        synchronized (pauses) {
            woken = true;
            pauses.notifyAll();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        synchronized (pauses) {
            pauses.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
