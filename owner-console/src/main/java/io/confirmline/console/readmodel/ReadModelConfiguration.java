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
package io.confirmline.console.readmodel;

import io.confirmline.background.PollingLoop;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read model's background loops. */
@Configuration(proxyBeanMethods = false)
class ReadModelConfiguration {

    /** Live changes older than the retention go, a bounded batch at a time, then every few minutes. */
    @Bean
    PollingLoop liveChangeRetentionLoop(LiveChanges live, LiveProperties properties) {
        return new PollingLoop(
                "live-change-retention", () -> live.prune(properties.retention()), Duration.ofMinutes(5));
    }

    /**
     * A commit wakes the live feed at once; this also looks every second, so a wake-up lost to a failed read (the
     * database away for a moment) delays a change by a second, never for good.
     */
    @Bean
    PollingLoop liveFeedSafetyLoop(LiveChanges live) {
        return new PollingLoop(
                "live-feed-safety",
                () -> {
                    live.committed();
                    return 0;
                },
                Duration.ofSeconds(1));
    }
}
