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
package io.confirmline.tenant.testing;

import java.util.Map;
import java.util.UUID;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context a {@code tenants.v1} of its own: test classes of a module share one broker,
 * and a tenant one test publishes must not change a cached context of another. Only on test class paths (it is
 * in kafka-support's test jar); a test that names {@code confirmline.tenant-directory.topic} keeps its topic.
 */
public class TestTenantTopic implements EnvironmentPostProcessor {

    static final String TOPIC = "confirmline.tenant-directory.topic";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty(TOPIC)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "test-tenant-topic", Map.of(TOPIC, "tenants.v1.test-" + UUID.randomUUID())));
        }
    }
}
