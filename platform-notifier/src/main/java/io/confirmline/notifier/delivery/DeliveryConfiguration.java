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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The delivery feature's wiring: the clock, the retry schedule, and the backlog gauges. */
@Configuration
@EnableScheduling
class DeliveryConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RetrySchedule retrySchedule(DeliveryProperties properties) {
        return new RetrySchedule(
                properties.retrySchedule(),
                properties.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Bean
    BacklogGauges backlogGauges(DeliveryStore store, MeterRegistry meters, Clock clock) {
        return new BacklogGauges(store, meters, clock);
    }

    @Bean
    HeadRepair headRepair(DeliveryStore store) {
        return new HeadRepair(store);
    }

    /** Runs {@link DeliveryStore#repairHeads()} every 30 s and says so when it had anything to do. */
    static class HeadRepair {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HeadRepair.class);
        private final DeliveryStore store;

        HeadRepair(DeliveryStore store) {
            this.store = store;
        }

        @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
        void repair() {
            try {
                Long repaired = store.repairHeads().block(Duration.ofSeconds(30));
                if (repaired != null && repaired > 0) {
                    log.warn("Repaired the queue head of {} subject(s)", repaired);
                }
            } catch (RuntimeException e) {
                // The database is away or slow: the next sweep tries again. Not a defect, so no ERROR and trace.
                log.warn("Queue head repair skipped: {}", e.toString());
            }
        }
    }

    /** Pending deliveries and the age of the oldest, per endpoint; refreshed every 10 s from the table. */
    static class BacklogGauges {
        private final DeliveryStore store;
        private final Clock clock;
        private final MultiGauge pending;
        private final MultiGauge oldestAge;

        BacklogGauges(DeliveryStore store, MeterRegistry meters, Clock clock) {
            this.store = store;
            this.clock = clock;
            this.pending = MultiGauge.builder("confirmline.notifier.backlog")
                    .description("Deliveries not yet delivered or dead-lettered, per endpoint")
                    .register(meters);
            this.oldestAge = MultiGauge.builder("confirmline.notifier.backlog.age.seconds")
                    .description("Age of the oldest pending delivery, per endpoint")
                    .register(meters);
        }

        @Scheduled(fixedDelay = 10_000, initialDelay = 1_000)
        void refresh() {
            Instant now = clock.instant();
            List<DeliveryStore.Backlog> rows;
            try {
                rows = store.backlog().collectList().block(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                // The gauges keep their last values until the database answers again.
                org.slf4j.LoggerFactory.getLogger(BacklogGauges.class)
                        .warn("Backlog gauges not refreshed: {}", e.toString());
                return;
            }
            if (rows == null) {
                return;
            }
            pending.register(
                    rows.stream()
                            .map(r -> MultiGauge.Row.of(Tags.of("tenant", r.tenantId()), r.pending()))
                            .toList(),
                    true);
            oldestAge.register(
                    rows.stream()
                            .map(r -> MultiGauge.Row.of(
                                    Tags.of("tenant", r.tenantId()),
                                    Duration.between(r.oldestCreatedAt(), now).toMillis() / 1000.0))
                            .toList(),
                    true);
        }
    }
}
