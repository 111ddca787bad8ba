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
package io.confirmline.orchestrator.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.SessionStatus;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.TestTenant;
import io.confirmline.orchestrator.dialing.FakeEightByEight;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attempts whose Send Callflow answer never came (8x8 slower than the dial timeout): never sent twice, settled by
 * their session summary when it names the attempt ({@code clientRequestId}), else closed as lost after the summary
 * timeout and retried; and 8x8's permanent errors are not retried. Real broker, registry and PostgreSQL; 8x8 is a
 * local server speaking its Send Callflow format.
 */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59",
            "confirmline.tenants[0].minimum-notice=1m",
            "confirmline.tenants[0].max-attempts=2",
            "confirmline.tenants[0].retry-delay=1s",
            "confirmline.dialing.timeout=1s",
            "confirmline.dialing.poll-interval=200ms",
            "confirmline.outcomes.key-wait=2s",
            "confirmline.outcomes.summary-timeout=6s",
            "confirmline.outcomes.unknown-session-wait=1s",
            "confirmline.outcomes.poll-interval=200ms"
        })
@org.junit.jupiter.api.Tag(
        "long") // ~35 s of call outcomes end to end over the broker: run by .ci/run after verify, which took
// 16 minutes on a clean clone with it (README "Tests")
class UnknownOutcomeComponentTest {

    static final FakeEightByEight eightByEight = new FakeEightByEight();
    static StatusLog statuses;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", eightByEight::url);
    }

    @BeforeEach
    void listen() {
        if (statuses == null) {
            statuses = new StatusLog();
        }
    }

    @AfterEach
    void promptEightByEight() {
        eightByEight.answerAfter(Duration.ZERO);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        statuses.close();
        eightByEight.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    void book(String id, String phone) throws Exception {
        kafka.send(
                        Topics.RESERVATIONS.name(),
                        id,
                        ReservationEvent.newBuilder()
                                .setEventId(UUID.randomUUID().toString())
                                .setOccurredAt(Instant.now())
                                .setTenantId("luigis")
                                .setReservationId(id)
                                .setVersion(1)
                                .setType(ReservationEventType.CREATED)
                                .setKind(BookingKind.RESERVATION)
                                .setStartsAt(Instant.now()
                                        .plus(30, ChronoUnit.MINUTES)
                                        .plusSeconds(1)
                                        .truncatedTo(ChronoUnit.MILLIS))
                                .setTimeZone("Europe/Madrid")
                                .setGuestName("Ana")
                                .setGuestPhone(phone)
                                .setGuestLocale("es-ES")
                                .setVenueName("Luigi's")
                                .setPartySize(4)
                                .build())
                .get();
    }

    /** The clientRequestId of the n-th Send Callflow request for this phone (1-based). */
    static String clientRequestId(String phone, int n) {
        String body = eightByEight.requestsTo(phone).get(n - 1).body();
        return JsonMapper.builder()
                .build()
                .readTree(body)
                .path("clientRequestId")
                .asString();
    }

    static SessionSummaryReceived summary(
            String session, String clientRequestId, SessionStatus status, Integer errorCode) {
        SessionSummaryReceived.Builder summary = SessionSummaryReceived.newBuilder(
                        CallOutcomeComponentTest.summary("luigis", session, status, status == SessionStatus.COMPLETED))
                .setClientRequestId(clientRequestId);
        return errorCode == null
                ? summary.build()
                : summary.setErrorCode(errorCode).setErrorMessage("No coverage").build();
    }

    @Test
    void aDialThatTimedOutIsNeverSentAgainAndIsRetriedOnlyAfterTheSummaryTimeout() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300001";
        eightByEight.answerAfter(Duration.ofSeconds(3)); // longer than the 1 s dial timeout
        book(id, phone);

        CallStatusChanged dialing = statuses.await(id, "DIALING");
        assertThat(dialing.getReason()).contains("did not answer in time").contains("may have been placed");
        assertThat(dialing.getSessionId()).isNull();
        eightByEight.answerAfter(Duration.ZERO);

        CallStatusChanged retry = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> statuses.of(id).stream()
                                .filter(c -> c.getAttempt() == 2
                                        && c.getStatus().name().equals("SCHEDULED"))
                                .findFirst()
                                .orElse(null),
                        java.util.Objects::nonNull);
        assertThat(retry.getPreviousStatus().name()).isEqualTo("DIALING");
        assertThat(retry.getReason()).contains("never reported");
        assertThat(Duration.between(dialing.getOccurredAt(), retry.getOccurredAt()))
                .as("the lost attempt waited for its summary")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> eightByEight.requestsTo(phone).size() == 2);
        assertThat(clientRequestId(phone, 1)).as("two attempts, two ids").isNotEqualTo(clientRequestId(phone, 2));
        Thread.sleep(1500);
        assertThat(eightByEight.requestsTo(phone))
                .as("one request per attempt, none resent")
                .hasSize(2);
    }

    @Test
    void aSummaryNamingTheAttemptSettlesItAndItsParkedKeyPressDecides() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300002";
        eightByEight.answerAfter(Duration.ofSeconds(3));
        book(id, phone);
        statuses.await(id, "DIALING");
        String session = UUID.randomUUID().toString();

        // The guest pressed 1 in a session we never heard of: parked, and kept past the unknown-session wait while an
        // attempt of the tenant has an unknown outcome.
        kafka.send(Topics.CALL_ACTIONS.name(), session, CallOutcomeComponentTest.keyPress("luigis", session, "1"))
                .get();
        Thread.sleep(2500);
        assertThat(statuses.of(id)).extracting(c -> c.getStatus().name()).doesNotContain("CONFIRMED");

        kafka.send(
                        Topics.SESSION_SUMMARIES.name(),
                        session,
                        summary(session, clientRequestId(phone, 1), SessionStatus.COMPLETED, null))
                .get();

        CallStatusChanged confirmed = statuses.await(id, "CONFIRMED");
        assertThat(confirmed.getAttempt()).isEqualTo(1);
        assertThat(confirmed.getSessionId()).isEqualTo(session);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> statuses.completions(id).size() == 1);
        assertThat(statuses.completions(id).get(0).getCallSummary().getAttemptId())
                .isEqualTo(clientRequestId(phone, 1));
        Thread.sleep(7000); // past the summary timeout: the settled attempt is not closed as lost, nor retried
        assertThat(statuses.of(id))
                .extracting(c -> c.getStatus().name())
                .containsExactly("SCHEDULED", "DIALING", "CONFIRMED");
        assertThat(eightByEight.requestsTo(phone)).hasSize(1);
    }

    @Test
    void aPermanentEightByEightErrorIsNotDialedAgainAndTheCallIsCompletedForThePlatform() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300003";
        book(id, phone);
        String session = statuses.await(id, "DIALING").getSessionId();

        kafka.send(
                        Topics.SESSION_SUMMARIES.name(),
                        session,
                        summary(session, clientRequestId(phone, 1), SessionStatus.ERROR, -2004))
                .get();

        CallStatusChanged failed = statuses.await(id, "FAILED");
        assertThat(failed.getReason()).contains("-2004");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> statuses.completions(id).size() == 1);
        CallStatusChanged completed = statuses.completions(id).get(0);
        assertThat(completed.getStatus().name()).isEqualTo("FAILED");
        assertThat(completed.getCallSummary().getErrorCode()).isEqualTo(-2004);
        assertThat(completed.getCallSummary().getProviderStatus()).isEqualTo("ERROR");
        Thread.sleep(3000); // longer than the retry delay
        assertThat(eightByEight.requestsTo(phone))
                .as("no coverage: never rung again")
                .hasSize(1);
    }
}
