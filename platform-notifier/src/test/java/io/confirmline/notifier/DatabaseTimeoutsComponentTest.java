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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.testing.TestInfrastructure;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Nothing waits on the database without bound: a statement running past the statement timeout is cancelled by
 * PostgreSQL, and with every pooled connection taken, the next caller gets an error after the acquire timeout.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.r2dbc.properties.statementTimeout=1s",
            "spring.r2dbc.pool.max-size=3",
            "spring.r2dbc.pool.initial-size=1",
            "spring.r2dbc.pool.max-acquire-time=1s"
        })
@AutoConfigureWebTestClient
class DatabaseTimeoutsComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        for (String property : NotifierTestSupport.properties("http://127.0.0.1:9/none")) {
            String[] kv = property.split("=", 2);
            registry.add(kv[0], () -> kv[1]);
        }
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    WebTestClient http;

    @Test
    void aStatementLongerThanTheStatementTimeoutIsCancelled() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> db.sql("SELECT pg_sleep(30)").then().block(Duration.ofSeconds(20)))
                .isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("canceling statement due to statement timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void withEveryConnectionTakenAnApiCallFailsAfterTheAcquireTimeoutInsteadOfWaiting() {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(Mono.from(connections.create()).block(Duration.ofSeconds(5)));
            }
            long started = System.nanoTime();
            assertThatThrownBy(() -> db.sql("SELECT 1").then().block(Duration.ofSeconds(20)))
                    .isInstanceOf(DataAccessResourceFailureException.class)
                    .hasMessageContaining("Failed to obtain R2DBC Connection");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            http.get()
                    .uri("/api/deliveries")
                    .header("Authorization", "Bearer " + NotifierTestSupport.API_KEY)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .contentType("application/problem+json")
                    .expectHeader()
                    .valueEquals("Retry-After", "5")
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://confirmline.io/problems/database-unavailable")
                    .jsonPath("$.detail")
                    .isEqualTo("The delivery log is unavailable for the moment; try again shortly");
        } finally {
            held.forEach(c -> Mono.from(c.close()).block(Duration.ofSeconds(5)));
        }
    }
}
