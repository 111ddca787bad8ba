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
package io.confirmline.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at the real infrastructure: call it from a {@code @DynamicPropertySource} method.
 * Each call with a database creates a fresh one, so a test class that calls it gets a database of its own.
 */
public final class TestInfrastructure {

    private TestInfrastructure() {}

    /** The shared broker and registry. */
    public static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add(
                "confirmline.kafka.registry-url", () -> RegistryServer.shared().apiUrl());
    }

    /** The shared broker and registry, and a fresh database for R2DBC and Flyway. */
    public static TestPostgres.Database kafkaAndDatabase(DynamicPropertyRegistry registry) {
        kafka(registry);
        TestPostgres.Database database = TestPostgres.freshDatabase();
        registry.add("spring.r2dbc.url", database::r2dbcUrl);
        registry.add("spring.r2dbc.username", database::username);
        registry.add("spring.r2dbc.password", database::password);
        registry.add("spring.flyway.url", database::jdbcUrl);
        registry.add("spring.flyway.user", database::username);
        registry.add("spring.flyway.password", database::password);
        return database;
    }
}
