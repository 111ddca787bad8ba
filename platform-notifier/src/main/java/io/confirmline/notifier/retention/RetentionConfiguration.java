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
package io.confirmline.notifier.retention;

import io.confirmline.background.PollingLoop;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs {@link Retention} on the shared background loop: batch after batch while rows are due, then a pause. */
@Configuration
class RetentionConfiguration {

    @Bean
    PollingLoop retentionLoop(Retention retention, RetentionProperties properties) {
        return new PollingLoop("retention", retention::pruneOnce, properties.interval());
    }
}
