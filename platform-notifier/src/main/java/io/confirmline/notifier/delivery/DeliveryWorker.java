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

import io.confirmline.background.PollingLoop;
import io.confirmline.notifier.delivery.OutcomeBatch.Pending;
import io.confirmline.tenant.TenantDirectory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends due deliveries. A {@link PollingLoop} makes one round trip to the database per round: it records the
 * outcomes that came in since the last round ({@link OutcomeBatch}) and claims (a lease, with SKIP LOCKED) as many
 * due deliveries as there is room for. Each claimed delivery is attempted on its own ({@link DeliveryAttempts}),
 * so a slow platform holds only its own deliveries. Nothing is claimed until the directory has caught up with
 * {@code tenants.v1}, so a starting instance does not take every tenant for unknown.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryStore store;
    private final TenantDirectory tenants;
    private final DeliveryAttempts attempts;
    private final DeliveryProperties properties;
    // Two limits: requests to the platforms in flight (the configured concurrency), and deliveries claimed whose
    // outcome is not yet committed (those plus a batch of outcomes waiting to be written). A request's slot is
    // free again when its answer is in, not when its outcome is written, so writing in batches does not cost the
    // platforms concurrency.
    private final Semaphore sending;
    private final Semaphore unrecorded;
    private final int unrecordedLimit;
    private final OutcomeBatch outcomes;
    private final PollingLoop loop;

    public DeliveryWorker(
            DeliveryStore store, TenantDirectory tenants, DeliveryAttempts attempts, DeliveryProperties properties) {
        this.store = store;
        this.tenants = tenants;
        this.attempts = attempts;
        this.properties = properties;
        this.sending = new Semaphore(properties.concurrency());
        this.unrecordedLimit = properties.concurrency() + properties.recording().batchSize();
        this.unrecorded = new Semaphore(unrecordedLimit);
        this.loop = new PollingLoop("delivery-loop", this::round, properties.pollInterval());
        this.outcomes = new OutcomeBatch(loop::wake);
    }

    /** New work arrived: look for due deliveries now rather than at the next poll. */
    public void wake() {
        loop.wake();
    }

    /**
     * Records what came in and claims what there is room for, in one call; returns how much it did (0: pause
     * until woken by an outcome or new work, or for the poll interval).
     */
    int round() {
        // Claim in batches: a round for fewer than half a batch of free slots waits (a little) for outcomes to
        // come in with it, so a busy worker does not make a round trip per delivery.
        int halfBatch = Math.max(1, Math.min(properties.batchSize(), properties.concurrency()) / 2);
        Duration maxWait = properties.recording().maxWait();
        if (sending.availablePermits() < halfBatch) {
            try {
                outcomes.awaitFuller(properties.recording().batchSize(), maxWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        List<Pending> recording = outcomes.take(properties.recording().batchSize());
        int room = tenants.isCaughtUp()
                ? Math.min(
                        properties.batchSize(),
                        Math.min(sending.availablePermits(), unrecorded.availablePermits() + recording.size()))
                : 0;
        boolean attemptsInFlight = sending.availablePermits() < properties.concurrency();
        if (recording.isEmpty() && (room == 0 || (room < halfBatch && attemptsInFlight))) {
            return 0; // the outcomes of the attempts in flight wake the loop
        }
        List<Delivery> claimed;
        try {
            claimed = store.recordAndClaim(OutcomeBatch.outcomes(recording), room, properties.lease())
                    .collectList()
                    .block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            OutcomeBatch.failed(recording, e);
            throw e;
        }
        OutcomeBatch.recorded(recording);
        // A retry is claimed when it falls due, not at the next idle poll after it.
        for (Pending pending : recording) {
            if (pending.outcome().nextAttemptAt() != null) {
                loop.wakeAt(pending.outcome().nextAttemptAt());
            }
        }
        claimed = claimed == null ? List.of() : claimed;
        for (Delivery delivery : claimed) {
            send(delivery);
        }
        return recording.size() + claimed.size();
    }

    private void send(Delivery delivery) {
        unrecorded.acquireUninterruptibly();
        sending.acquireUninterruptibly();
        // Deferred, so that even an exception thrown while the attempt is being put together ends in doFinally: a
        // slot that is never released is lost for good.
        Mono.defer(() -> attempts.attempt(delivery))
                .doFinally(signal -> sending.release())
                .flatMap(outcomes::add)
                .doFinally(signal -> unrecorded.release())
                .subscribe(
                        null,
                        error -> log.error(
                                "The outcome of delivery {} could not be recorded (it is sent again"
                                        + " when its lease ends): {}",
                                delivery.id(),
                                error.toString()));
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
        try {
            // Let attempts in flight finish and record their outcome (their leases would expire otherwise), then
            // give the slots back for a later start.
            if (sending.tryAcquire(
                    properties.concurrency(), properties.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                sending.release(properties.concurrency());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (List<Pending> rest = outcomes.take(properties.recording().batchSize());
                !rest.isEmpty();
                rest = outcomes.take(properties.recording().batchSize())) {
            try {
                store.record(OutcomeBatch.outcomes(rest)).block(Duration.ofSeconds(30));
                OutcomeBatch.recorded(rest);
            } catch (RuntimeException e) {
                OutcomeBatch.failed(rest, e);
                log.warn(
                        "Outcomes of {} deliveries not recorded at stop (they are sent again when their leases end):"
                                + " {}",
                        rest.size(),
                        e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
