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

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** confirmline.assistant.* as the service binds and checks it at start-up, and the one assistant it makes of it. */
class AssistantConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AssistantProperties.class)
    @Import(AssistantConfiguration.class)
    static class Assistant {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Assistant.class);

    @Test
    void withoutABaseUrlTheOneAssistantCallsNothingOut() {
        runner.run(context -> {
            assertThat(context)
                    .hasSingleBean(GuestAssistant.class)
                    .getBean(GuestAssistant.class)
                    .isInstanceOf(NoAssistant.class);
            AssistantProperties properties = context.getBean(AssistantProperties.class);
            assertThat(properties.model()).isEqualTo("gpt-4o-mini");
            assertThat(properties.timeout()).hasSeconds(5);
            assertThat(properties.circuitBreaker().slidingWindowSize()).isEqualTo(5);
        });
    }

    @Test
    void withABaseUrlTheProvidersAssistantIsTheOne() {
        runner.withPropertyValues(
                        "confirmline.assistant.base-url=http://127.0.0.1:11434/v1",
                        "confirmline.assistant.model=llama3.1")
                .run(context -> assertThat(context)
                        .hasSingleBean(GuestAssistant.class)
                        .getBean(GuestAssistant.class)
                        .isInstanceOf(ChatAssistant.class));
    }

    @Test
    void refusesToStartWithABaseUrlThatIsNoUrlOrATimeoutTooLongForTheGuest() {
        runner.withPropertyValues("confirmline.assistant.base-url=api.openai.com")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("base-url"));
        runner.withPropertyValues(
                        "confirmline.assistant.base-url=https://api.openai.com/v1", "confirmline.assistant.timeout=30s")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("timeout"));
    }

    @Test
    void neverPrintsTheKey() {
        runner.withPropertyValues(
                        "confirmline.assistant.base-url=https://api.openai.com/v1",
                        "confirmline.assistant.api-key=sk-live-0123456789")
                .run(context -> assertThat(
                                context.getBean(AssistantProperties.class).toString())
                        .doesNotContain("sk-live")
                        .contains("apiKey=***"));
    }
}
