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
package io.confirmline.orchestrator;

import io.confirmline.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service starts on the real broker, registry and database and reports itself ready and live. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000"
        })
@AutoConfigureWebTestClient
@AutoConfigureMetrics
class CallOrchestratorHealthComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient database;

    @Test
    void flywayMigratedTheServicesOwnSchemaAndR2dbcSeesIt() {
        Long tables = database.sql("SELECT count(*) FROM information_schema.tables "
                        + "WHERE table_schema = 'orchestrator' AND table_name = 'processed_event'")
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
        org.assertj.core.api.Assertions.assertThat(tables).isEqualTo(1L);
    }

    @Test
    void readinessIsUpAndIncludesTheBrokerAndTheTenantDirectory() {
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.kafka.status")
                .isEqualTo("UP")
                .jsonPath("$.components.kafka.details.nodes")
                .isEqualTo(1)
                // Caught up with tenants.v1, holding the tenant this test declares (published by the fixture).
                .jsonPath("$.components.tenants.status")
                .isEqualTo("UP")
                .jsonPath("$.components.tenants.details.tenants")
                .isEqualTo(1);
    }

    @Test
    void livenessIsUp() {
        http.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreServedWithTheApplicationTag() {
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body ->
                        org.assertj.core.api.Assertions.assertThat(body).contains("application=\"call-orchestrator\""));
    }

    @Test
    void prometheusOlderThan243CanReadTheOpenMetricsScrape() {
        http.get().uri("/no-such-page").exchange(); // traced: its trace id is what an exemplar would carry
        io.confirmline.testing.OpenMetricsCompatibility.assertEveryPrometheusReads(http.get()
                .uri("/actuator/prometheus")
                .header("Accept", io.confirmline.testing.OpenMetricsCompatibility.PROMETHEUS_ACCEPT)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void metricsAreNotPushedOverOtlpUnlessAskedFor() {
        // Without a collector, an OTLP registry would log a connection error every minute.
        org.assertj.core.api.Assertions.assertThat(
                        context.getBeanNamesForType(io.micrometer.registry.otlp.OtlpMeterRegistry.class))
                .isEmpty();
    }
}
