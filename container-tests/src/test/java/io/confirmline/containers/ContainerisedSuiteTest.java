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
package io.confirmline.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.local.PlatformClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The images a user deploys (deploy/images/build), started with Testcontainers as deploy/docker-compose.host.yml
 * configures them, and one booking through them: the platform sandbox publishes it, the orchestrator calls the guest
 * through the 8x8 sandbox, the guest presses 1, the ingress takes 8x8's webhooks, and the platform hears SCHEDULED,
 * DIALING and CONFIRMED, each once, in order and signed with the tenant's secret, then the call's summary — as in
 * EndToEndTest, against containers instead of the local stack's JVMs. Skipped where no Docker engine answers.
 */
@Tag("containers")
@Testcontainers(disabledWithoutDocker = true)
class ContainerisedSuiteTest {

    static final Path COMPOSE =
            Path.of("..", "deploy", "docker-compose.host.yml").toAbsolutePath().normalize();
    // The applications start one at a time. Started together, five JVMs in containers on CI's two cores were still
    // scanning their classes when the four-minute health-check wait ran out (the first log line 90 s after the
    // container was created). One at a time, each has the cores to itself while it starts and its own four minutes.
    static final List<List<String>> STAGES = List.of(
            List.of("kafka", "registry", "postgres"),
            List.of("owner-console"),
            List.of("webhook-ingress"),
            List.of("call-orchestrator"),
            List.of("platform-notifier"),
            List.of("platform-sandbox"),
            List.of("eightbyeight-sandbox"));
    static final List<Integer> PORTS = List.of(9092, 9093, 8085, 5433, 8081, 8082, 8083, 8084, 8089, 8090);

    static HostStack stack;
    static PlatformClient platform;

    @BeforeAll
    static void start() throws Exception {
        assertThat(PORTS).as("ports the containers need on this host's network").noneMatch(HostStack::taken);
        stack = HostStack.start(COMPOSE, STAGES);
        platform = new PlatformClient("http://127.0.0.1:8090", "http://127.0.0.1:8082");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aBookingIsCalledConfirmedByTheGuestAndReportedSignedInOrderToThePlatform() {
        String reservation = "tc-" + UUID.randomUUID();
        String traceparent =
                platform.publishReservation(reservation, "CREATED", 1, PlatformClient.dueNow(), "+34600100001");

        // The console publishes the demo tenant at its first start; the services may take it a moment later.
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> platform.completions(reservation).size() == 1);
        List<PlatformClient.Received> changes = platform.received(reservation).stream()
                .filter(r -> !r.completion())
                .toList();
        assertThat(changes)
                .extracting(PlatformClient.Received::status)
                .containsExactly("SCHEDULED", "DIALING", "CONFIRMED");
        assertThat(changes.get(2).digits()).isEqualTo("1");
        assertThat(platform.received(reservation))
                .as("every webhook verified with the tenant's signing secret")
                .extracting(PlatformClient.Received::signedWith)
                .containsOnly(List.of(0));
        assertThat(changes).extracting(PlatformClient.Received::webhookId).doesNotHaveDuplicates();
        PlatformClient.Received completed = platform.completions(reservation).get(0);
        assertThat(completed.summary().path("sessionId").asString()).isNotBlank();
        assertThat(completed.summary().path("providerStatus").asString()).isEqualTo("COMPLETED");
        // One trace from the reservation event to every webhook about it.
        assertThat(traceparent)
                .as("the platform sandbox traces what it publishes")
                .isNotNull();
        assertThat(platform.received(reservation))
                .extracting(PlatformClient.Received::traceparent)
                .allSatisfy(webhook -> assertThat(webhook).startsWith(traceparent.substring(0, 36)));
    }
}
