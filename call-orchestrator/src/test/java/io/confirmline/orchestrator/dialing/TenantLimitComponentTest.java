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
package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.ReservationEventType;
import io.confirmline.events.Topics;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's rate limit is waited for before DIALING is committed: a call marked DIALING is asked of 8x8 at once, so
 * a crash never leaves DIALING calls that were only waiting for a slot (issue #12). Real broker, registry, DB.
 */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59",
            "confirmline.tenants[0].minimum-notice=1m",
            "confirmline.tenants[0].calls-per-second=2",
            "confirmline.tenants[1].id=quickco",
            "confirmline.tenants[1].subaccount-id=quickco_voice",
            "confirmline.tenants[1].api-key=test-8x8-key-2",
            "confirmline.tenants[1].platform-api-key=quickco-platform-key-0123",
            "confirmline.tenants[1].caller-id=+34910000001",
            "confirmline.tenants[1].calling-opens=00:00",
            "confirmline.tenants[1].calling-closes=23:59:59",
            "confirmline.tenants[1].minimum-notice=1m",
            "confirmline.dialing.poll-interval=200ms",
            "confirmline.dialing.rate-wait=1s",
            // Smaller than the backlog below, as a real backlog (thousands of calls) is larger than a batch of 50.
            "confirmline.dialing.batch-size=5"
        })
class TenantLimitComponentTest {

    static final FakeEightByEight eightByEight = new FakeEightByEight();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", eightByEight::url);
    }

    @AfterAll
    static void stop() {
        eightByEight.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    DatabaseClient database;

    @Test
    void callsWaitForTheTenantsRateBeforeTheyAreMarkedDialing() throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = "r-" + UUID.randomUUID();
            String phone = "+3460011170" + i;
            phones.add(phone);
            kafka.send(
                            Topics.RESERVATIONS.name(),
                            id,
                            DialerComponentTest.dueSoon(id, phone, 1, ReservationEventType.CREATED)
                                    .build())
                    .get();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(40))
                .until(() -> phones.stream()
                        .allMatch(phone -> eightByEight.requestsTo(phone).size() == 1));

        List<Instant> sent = new ArrayList<>();
        List<Duration> afterDialing = new ArrayList<>();
        for (String phone : phones) {
            FakeEightByEight.Request request = eightByEight.requestsTo(phone).get(0);
            String attemptId = JsonMapper.builder()
                    .build()
                    .readTree(request.body())
                    .path("clientRequestId")
                    .asString();
            Instant dialingCommitted = database.sql("SELECT dialed_at FROM call_attempt WHERE attempt_id = :id")
                    .bind("id", attemptId)
                    .map(row -> row.get("dialed_at", OffsetDateTime.class).toInstant())
                    .one()
                    .block();
            afterDialing.add(Duration.between(dialingCommitted, request.at()));
            sent.add(request.at());
        }
        // Marked DIALING before waiting for its turn, the k-th call would go out k × 0.5 s after its mark (up to
        // 2.5 s). Waiting first, each goes out as soon as it is marked; a busy CI machine once took 0.74 s for one.
        afterDialing.sort(Duration::compareTo);
        assertThat(afterDialing.get(afterDialing.size() / 2))
                .as("from DIALING to the request, the median of six: %s", afterDialing)
                .isLessThan(Duration.ofMillis(500));
        assertThat(afterDialing.get(afterDialing.size() - 1))
                .as("from DIALING to the request, the longest of six: %s", afterDialing)
                .isLessThan(Duration.ofMillis(1500));
        sent.sort(Instant::compareTo);
        assertThat(Duration.between(sent.get(0), sent.get(sent.size() - 1)))
                .as("six requests at two per second")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRateLimitedTenantsBacklogDoesNotHoldUpAnotherTenantsCallDueAfterIt() throws Exception {
        // Twenty calls due at one instant, at two a second, are ten seconds of requests, and more than a batch (5
        // here). A batch keeps what the rate sends in the rate wait (1 s here) and gives the rest back, and claims
        // take the tenants in turns, so a call of another tenant due two seconds later is dialed at its time, not
        // after them: with one batch holding all twenty it would wait ~8 s, and with claims taking the oldest due
        // calls first every batch would be the first tenant's until fewer than five were left (~8 s too).
        Instant base = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Instant backlogStarts = base.plusSeconds(4);
        Instant otherStarts = base.plusSeconds(6);
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String phone = "+346001118" + String.format("%02d", i);
            backlog.add(phone);
            String id = "r-" + UUID.randomUUID();
            kafka.send(
                            Topics.RESERVATIONS.name(),
                            id,
                            DialerComponentTest.dueSoon(id, phone, 1, ReservationEventType.CREATED)
                                    .setStartsAt(backlogStarts)
                                    .build())
                    .get();
        }
        String other = "r-" + UUID.randomUUID();
        String otherPhone = "+34600111899";
        kafka.send(
                        Topics.RESERVATIONS.name(),
                        other,
                        DialerComponentTest.dueSoon(other, otherPhone, 1, ReservationEventType.CREATED)
                                .setTenantId("quickco")
                                .setVenueName("Quick Co")
                                .setStartsAt(otherStarts)
                                .build())
                .get();

        Awaitility.await()
                .atMost(Duration.ofSeconds(40))
                .until(() -> eightByEight.requestsTo(otherPhone).size() == 1);
        Instant otherDue = otherStarts.minus(30, ChronoUnit.MINUTES);
        assertThat(Duration.between(
                        otherDue, eightByEight.requestsTo(otherPhone).get(0).at()))
                .as("the other tenant's call, due while the first tenant's twenty calls wait for its rate")
                .isLessThan(Duration.ofSeconds(4));

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> backlog.stream()
                        .allMatch(phone -> !eightByEight.requestsTo(phone).isEmpty()));
        List<Instant> sent = new ArrayList<>();
        for (String phone : backlog) {
            assertThat(eightByEight.requestsTo(phone))
                    .as("calls given back and claimed again are dialed once")
                    .hasSize(1);
            sent.add(eightByEight.requestsTo(phone).get(0).at());
        }
        sent.sort(Instant::compareTo);
        assertThat(Duration.between(sent.get(0), sent.get(sent.size() - 1)))
                .as("twenty requests still at two per second (9.5 s apart from first to last)")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(8));
    }
}
