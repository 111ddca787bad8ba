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
