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
package io.confirmline.orchestrator.assistant;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Exactly one {@link GuestAssistant}: the provider's when {@code confirmline.assistant.base-url} is set, else the one
 * that calls nothing out.
 */
@Configuration(proxyBeanMethods = false)
class AssistantConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AssistantConfiguration.class);

    @Bean
    AssistantMetrics assistantMetrics(MeterRegistry registry) {
        return new AssistantMetrics(registry);
    }

    @Bean
    GuestAssistant guestAssistant(AssistantProperties properties, AssistantMetrics metrics) {
        if (!properties.configured()) {
            log.info("No assistant provider configured (confirmline.assistant.base-url): guests' free texts get "
                    + "the owner or the template");
            return new NoAssistant(metrics);
        }
        log.info(
                "The assistant answers through {} with model {} (timeout {})",
                properties.baseUrl(),
                properties.model(),
                properties.timeout());
        return new ChatAssistant(properties, metrics);
    }
}
