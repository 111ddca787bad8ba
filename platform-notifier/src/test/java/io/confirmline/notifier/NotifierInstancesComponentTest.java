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

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Several notifier instances on one database, and instances that stop in the middle of retries: every status
 * change is delivered, in order per reservation, and a webhook-id is only ever sent again as a retry of itself.
 */
@Tag("long") // starts whole applications of its own (several instances, restarts): run by .ci/run after verify
// (README "Tests")
class NotifierInstancesComponentTest {

    private final PlatformStub platform = new PlatformStub();
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        platform.close();
    }

    private ConfigurableApplicationContext start(TestPostgres.Database db, String group) {
        // Enough attempts that a 30% failure rate never exhausts them (0.3^20), spaced so a restart happens while
        // deliveries are still being retried.
        List<String> args = new ArrayList<>(NotifierTestSupport.properties(platform.url(), "0s" + ",300ms".repeat(19)));
        // A stall longer than the request timeout would resend a webhook the stub already answered 200 — correct
        // at-least-once behaviour, but this test counts successes per webhook-id.
        args.replaceAll(a -> a.startsWith("confirmline.notifier.timeout=") ? "confirmline.notifier.timeout=5s" : a);
        args.addAll(List.of(
                "server.port=0",
                "spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "confirmline.kafka.registry-url=" + RegistryServer.shared().apiUrl(),
                "spring.kafka.consumer.group-id=" + group,
                "spring.r2dbc.url=" + db.r2dbcUrl(),
                "spring.r2dbc.username=" + db.username(),
                "spring.r2dbc.password=" + db.password(),
                "spring.flyway.url=" + db.jdbcUrl(),
                "spring.flyway.user=" + db.username(),
                "spring.flyway.password=" + db.password(),
                "confirmline.notifier.lease=15s"));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PlatformNotifierApplication.class)
                .run(args.stream().map(a -> "--" + a).toArray(String[]::new));
        instances.add(context);
        return context;
    }

    private static Map<String, List<CallStatusChanged>> publish(
            ConfigurableApplicationContext context, int reservations, int changesEach) {
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, SpecificRecord> kafka = context.getBean(KafkaTemplate.class);
        Map<String, List<CallStatusChanged>> sent = new LinkedHashMap<>();
        CallStatus[] statuses = CallStatus.values();
        for (int r = 0; r < reservations; r++) {
            String reservation = "r-" + UUID.randomUUID();
            List<CallStatusChanged> changes = new ArrayList<>();
            for (int c = 0; c < changesEach; c++) {
                CallStatusChanged change = NotifierTestSupport.change(
                        "luigis", reservation, statuses[c % statuses.length], statuses[(c + 1) % statuses.length]);
                changes.add(change);
                kafka.send(Topics.CALL_STATUS.name(), reservation, change);
            }
            sent.put(reservation, changes);
        }
        kafka.flush();
        return sent;
    }

    private static String eventIdOf(String body) {
        return body.replaceAll("(?s).*\"eventId\":\"([^\"]+)\".*", "$1");
    }

    /** Every change delivered (a 200), in order per reservation, each webhook-id carrying one change only. */
    private void assertDeliveredInOrder(Map<String, List<CallStatusChanged>> sent) {
        List<PlatformStub.Received> received = platform.received();
        Map<String, String> eventByWebhookId = new LinkedHashMap<>();
        for (PlatformStub.Received r : received) {
            String previous = eventByWebhookId.putIfAbsent(r.webhookId(), eventIdOf(r.body()));
            assertThat(previous == null || previous.equals(eventIdOf(r.body())))
                    .as("a webhook-id is only resent as itself")
                    .isTrue();
        }
        sent.forEach((reservation, changes) -> {
            List<String> deliveredOrder = platform.receivedFor(reservation).stream()
                    .filter(r -> r.answered() == 200)
                    .map(r -> eventIdOf(r.body()))
                    .distinct()
                    .toList();
            assertThat(deliveredOrder)
                    .as("reservation " + reservation)
                    .containsExactlyElementsOf(
                            changes.stream().map(CallStatusChanged::getEventId).toList());
        });
    }

    private long delivered(Map<String, List<CallStatusChanged>> sent) {
        return platform.received().stream()
                .filter(r -> r.answered() == 200)
                .map(r -> eventIdOf(r.body()))
                .distinct()
                .filter(id -> sent.values().stream()
                        .flatMap(List::stream)
                        .anyMatch(c -> c.getEventId().equals(id)))
                .count();
    }

    @Test
    void twoInstancesShareTheWorkAndOneStoppingMidwayLosesNothing() {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        String group = "notifier-" + UUID.randomUUID();
        ConfigurableApplicationContext first = start(db, group);
        start(db, group);
        platform.failRandomly(0.3);

        Map<String, List<CallStatusChanged>> sent = publish(first, 20, 10);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> delivered(sent) >= 50);
        first.close();

        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> delivered(sent) == 200);
        assertDeliveredInOrder(sent);
        java.util.Set<String> sentIds = sent.values().stream()
                .flatMap(List::stream)
                .map(CallStatusChanged::getEventId)
                .collect(Collectors.toSet());
        Map<String, Long> successesPerId = platform.received().stream()
                .filter(r -> r.answered() == 200)
                .filter(r -> sentIds.contains(eventIdOf(r.body())))
                .collect(Collectors.groupingBy(PlatformStub.Received::webhookId, Collectors.counting()));
        assertThat(successesPerId.values()).as("each delivery succeeded once").allMatch(n -> n == 1);
    }

    @Test
    void aRestartInTheMiddleOfRetriesLosesNothing() {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        String group = "notifier-" + UUID.randomUUID();
        ConfigurableApplicationContext before = start(db, group);
        platform.failRandomly(1.0);

        Map<String, List<CallStatusChanged>> sent = publish(before, 5, 3);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> platform.received().size() >= 10);
        before.close();
        platform.failRandomly(0.0);
        assertThat(delivered(sent)).isZero();

        start(db, group);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> delivered(sent) == 15);
        assertDeliveredInOrder(sent);
    }
}
