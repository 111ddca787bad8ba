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
package io.confirmline.notifier;

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
            "confirmline.tenants[0].callback-url=http://127.0.0.1:9/none",
            "confirmline.tenants[0].signing-secrets[0]=" + NotifierTestSupport.SECRET,
            "confirmline.tenants[0].platform-api-key=" + NotifierTestSupport.API_KEY,
            "confirmline.notifier.admin-token=" + NotifierTestSupport.ADMIN
        })
@AutoConfigureWebTestClient
@AutoConfigureMetrics
class PlatformNotifierHealthComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
    }

    @Autowired
    WebTestClient http;

    @Test
    void readinessIsUpAndIncludesTheBrokerTheDatabaseAndTheTenantDirectory() {
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
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP")
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
                        org.assertj.core.api.Assertions.assertThat(body).contains("application=\"platform-notifier\""));
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

    @Test
    void theOpenApiDocumentDescribesTheHttpApi() {
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/deliveries']")
                .exists()
                .jsonPath("$.paths['/api/deliveries/{id}/replay']")
                .exists();
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void everyDatabaseConnectionHasTheConfiguredStatementTimeout() {
        org.springframework.r2dbc.core.DatabaseClient db =
                context.getBean(org.springframework.r2dbc.core.DatabaseClient.class);
        org.assertj.core.api.Assertions.assertThat(db.sql("SHOW statement_timeout")
                        .map(row -> row.get(0, String.class))
                        .one()
                        .block(java.time.Duration.ofSeconds(10)))
                .isEqualTo("10s");
    }

    @Test
    void theRetentionJobRunsOnTheSharedBackgroundLoopAndCountsWhatItDeletes() {
        org.assertj.core.api.Assertions.assertThat(
                        context.getBean("retentionLoop", io.confirmline.background.PollingLoop.class)
                                .isRunning())
                .isTrue();
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(
                        body -> org.assertj.core.api.Assertions.assertThat(body)
                                .contains(
                                        "confirmline_notifier_retention_removed_total{application=\"platform-notifier\",table=\"delivery\"}")
                                .contains(
                                        "confirmline_notifier_retention_removed_total{application=\"platform-notifier\",table=\"processed_event\"}"));
    }

    @Test
    void metricsAreNotPushedOverOtlpUnlessAskedFor() {
        // Without a collector, an OTLP registry would log a connection error every minute.
        org.assertj.core.api.Assertions.assertThat(
                        context.getBeanNamesForType(io.micrometer.registry.otlp.OtlpMeterRegistry.class))
                .isEmpty();
    }
}
