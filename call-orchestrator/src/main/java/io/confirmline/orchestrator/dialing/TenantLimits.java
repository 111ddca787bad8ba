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

import io.confirmline.tenant.Tenant;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Each tenant's Send Callflow limits — requests per second and requests in flight — following the tenant's
 * settings as they are now: a change on {@code tenants.v1} applies to the next request. A new rate starts from
 * the moment it is seen; a new concurrency limit keeps counting the requests already in flight.
 */
final class TenantLimits {

    private final Map<String, Limits> byTenant = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    TenantLimits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The tenant's limits for its current settings. */
    Limits of(Tenant tenant) {
        double perSecond = tenant.calling().callsPerSecond();
        int concurrent = tenant.calling().maxConcurrentCalls();
        return byTenant.compute(tenant.id(), (id, held) -> {
            if (held == null) {
                return new Limits(perSecond, new CallRate(perSecond, nanoTime), new Slots(capacity(concurrent)));
            }
            held.slots().resize(capacity(concurrent));
            return held.perSecond() == perSecond
                    ? held
                    : new Limits(perSecond, new CallRate(perSecond, nanoTime), held.slots());
        });
    }

    private static int capacity(int maxConcurrentCalls) {
        return maxConcurrentCalls > 0 ? maxConcurrentCalls : Integer.MAX_VALUE;
    }

    /** A tenant's rate and its slots for requests in flight. */
    record Limits(double perSecond, CallRate rate, Slots slots) {

        /** Takes a slot (blocking) and reserves the next moment the rate allows; returns the wait for it. */
        Duration acquire() throws InterruptedException {
            slots.acquire();
            return rate.reserve();
        }

        /** How many requests the rate lets out in {@code wait}: at least one; unlimited without a rate. */
        int sentWithin(Duration wait) {
            return perSecond <= 0
                    ? Integer.MAX_VALUE
                    : (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(perSecond * wait.toMillis() / 1000.0)));
        }

        /**
         * Takes a slot and the rate's current moment only if both are free now (a permit to dial at once); takes
         * nothing otherwise.
         */
        boolean tryAcquire() {
            if (!slots.tryAcquire()) {
                return false;
            }
            if (rate.tryReserve()) {
                return true;
            }
            slots.release();
            return false;
        }
    }

    /** A semaphore whose number of permits can change while permits are held. */
    static final class Slots extends Semaphore {

        private int capacity;

        Slots(int capacity) {
            super(capacity);
            this.capacity = capacity;
        }

        /** A smaller capacity takes effect as the requests in flight finish; a larger one at once. */
        synchronized void resize(int wanted) {
            int delta = wanted - capacity;
            if (delta > 0) {
                release(delta);
            } else if (delta < 0) {
                reducePermits(-delta);
            }
            capacity = wanted;
        }

        synchronized int capacity() {
            return capacity;
        }
    }
}
