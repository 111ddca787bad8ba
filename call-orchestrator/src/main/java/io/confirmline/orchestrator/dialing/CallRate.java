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

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces a tenant's Send Callflow requests to at most {@code callsPerSecond}: each request reserves the next free
 * slot and waits until it comes (no burst beyond one slot). 8x8 publishes no voice rate limit, but trunk
 * capacity errors (-2010) show there is one per account; each tenant sets what its account allows.
 */
public final class CallRate {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long nextFree;

    /** @param callsPerSecond the most requests per second; 0 or less means unlimited */
    public CallRate(double callsPerSecond, LongSupplier nanoTime) {
        this.intervalNanos = callsPerSecond <= 0 ? 0 : (long) (1_000_000_000L / callsPerSecond);
        this.nanoTime = nanoTime;
        this.nextFree = nanoTime.getAsLong();
    }

    /** Reserves the next slot only if it is free now; false (nothing reserved) when the request would wait. */
    public synchronized boolean tryReserve() {
        if (intervalNanos == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        if (nextFree > now) {
            return false;
        }
        nextFree = now + intervalNanos;
        return true;
    }

    /** Reserves the next slot and says how long to wait for it. */
    public synchronized Duration reserve() {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        long now = nanoTime.getAsLong();
        long slot = Math.max(nextFree, now);
        nextFree = slot + intervalNanos;
        return Duration.ofNanos(slot - now);
    }
}
