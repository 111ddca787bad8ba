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
import io.confirmline.events.CallActionReceived;
import io.confirmline.events.CallLeg;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.SessionStatus;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.Topics;
import io.confirmline.events.VoiceMessagePurpose;
import io.confirmline.events.VoiceMessageRequested;
import io.confirmline.orchestrator.TestTenant;
import io.confirmline.orchestrator.dialing.FakeEightByEight;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.tenant.TenantSettings;
import io.confirmline.tenant.testing.TestTenantPublisher;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * From a key press or session summary on Kafka to the status change on calls.status.v1 and the status API, on the
 * real broker, registry and PostgreSQL, with calls placed through a local server speaking 8x8's Send Callflow.
 * Tenant {@code luigis} calls twice, two seconds apart; {@code onceco} calls once; {@code lateco} would call three
 * times, a minute apart, but never later than a minute before the booking.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
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
            "confirmline.tenants[0].retry-delay=2s",
            "confirmline.tenants[1].id=onceco",
            "confirmline.tenants[1].subaccount-id=onceco_voice",
            "confirmline.tenants[1].api-key=once-8x8-key",
            "confirmline.tenants[1].platform-api-key=onceco-platform-key-0123",
            "confirmline.tenants[1].caller-id=+34910000001",
            "confirmline.tenants[1].calling-opens=00:00",
            "confirmline.tenants[1].calling-closes=23:59:59",
            "confirmline.tenants[1].minimum-notice=1m",
            "confirmline.tenants[1].max-attempts=1",
            "confirmline.tenants[2].id=lateco",
            "confirmline.tenants[2].subaccount-id=lateco_voice",
            "confirmline.tenants[2].api-key=late-8x8-key",
            "confirmline.tenants[2].platform-api-key=lateco-platform-key-0123",
            "confirmline.tenants[2].caller-id=+34910000002",
            "confirmline.tenants[2].calling-opens=00:00",
            "confirmline.tenants[2].calling-closes=23:59:59",
            "confirmline.tenants[2].minimum-notice=1m",
            "confirmline.tenants[2].max-attempts=3",
            "confirmline.tenants[2].retry-delay=1m",
            "confirmline.outcomes.key-wait=5s",
            "confirmline.outcomes.summary-timeout=10s",
            "confirmline.outcomes.unknown-session-wait=2s",
            "confirmline.make-call.answer-wait=10s",
            "confirmline.outcomes.poll-interval=200ms",
            "confirmline.outcomes.consumers=3",
            "confirmline.reservations.consumers=3"
        })
@AutoConfigureWebTestClient
@org.junit.jupiter.api.Tag(
        "long") // ~85 s of call outcomes end to end over the broker: run by .ci/run after verify, which took
// 16 minutes on a clean clone with it (README "Tests")
class CallOutcomeComponentTest {

    static final FakeEightByEight eightByEight = new FakeEightByEight();
    static StatusLog statuses;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", eightByEight::url);
    }

    /** After the application context, so that the topic exists. */
    @BeforeEach
    void listen() {
        if (statuses == null) {
            statuses = new StatusLog();
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        statuses.close();
        eightByEight.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    WebTestClient http;

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient database;

    /** Waits until the orchestrator stored {@code version} of the booking: the change is known before what follows. */
    void awaitStoredVersion(String id, long version) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> database.sql("SELECT version FROM booking WHERE reservation_id = :id")
                                .bind("id", id)
                                .map(row -> row.get("version", Long.class))
                                .first()
                                .blockOptional()
                                .orElse(0L)
                        == version);
    }

    /** The booking's calls as the status API shows them to the tenant with this platform key. */
    WebTestClient.BodyContentSpec callsOf(String id, String platformKey) {
        return http.get()
                .uri("/api/reservations/" + id + "/calls")
                .header("Authorization", "Bearer " + platformKey)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }

    /** Waits until the first attempt of the booking's call carries 8x8's {@code status} from its summary. */
    void awaitProviderStatus(String id, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> callsOf(id, TestTenant.PLATFORM_KEY)
                        .jsonPath("$[0].attempts[0].providerStatus")
                        .isEqualTo(status));
    }

    /** Books a table due in about two seconds and returns the session 8x8 opened for its first attempt. */
    String bookedAndDialed(String tenant, String id, String phone) throws Exception {
        book(
                tenant,
                id,
                phone,
                1,
                ReservationEventType.CREATED,
                Instant.now().plus(30, ChronoUnit.MINUTES).plusSeconds(2));
        return statuses.await(id, "DIALING").getSessionId();
    }

    void book(String tenant, String id, String phone, long version, ReservationEventType type, Instant startsAt)
            throws Exception {
        kafka.send(
                        Topics.RESERVATIONS.name(),
                        id,
                        ReservationEvent.newBuilder()
                                .setEventId(UUID.randomUUID().toString())
                                .setOccurredAt(Instant.now())
                                .setTenantId(tenant)
                                .setReservationId(id)
                                .setVersion(version)
                                .setType(type)
                                .setKind(BookingKind.RESERVATION)
                                .setStartsAt(startsAt.truncatedTo(ChronoUnit.MILLIS))
                                .setTimeZone("Europe/Madrid")
                                .setGuestName("Ana")
                                .setGuestPhone(phone)
                                .setGuestLocale("es-ES")
                                .setVenueName("Luigi's")
                                .setPartySize(2)
                                .build())
                .get();
    }

    @Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

    /**
     * With {@code confirmline.reservations.consumers} and {@code confirmline.outcomes.consumers} at 3 (as set for this
     * class; under load one thread per topic is where the calls queue, docs/benchmarks.md), bookings, key presses and
     * summaries are each applied by three consumers of the orchestrator's group, each holding some of the topic's six
     * partitions; every other test of this class runs with them, so a booking's and a session's events are still
     * applied in order.
     */
    @Test
    void bookingsKeyPressesAndSummariesAreEachTakenInByThreeConsumers() {
        for (String topic :
                List.of(Topics.RESERVATIONS.name(), Topics.CALL_ACTIONS.name(), Topics.SESSION_SUMMARIES.name())) {
            var container = listeners.getListenerContainers().stream()
                    .filter(c -> c.getContainerProperties().getTopics() != null
                            && List.of(c.getContainerProperties().getTopics()).contains(topic))
                    .map(c -> (org.springframework.kafka.listener.ConcurrentMessageListenerContainer<?, ?>) c)
                    .findFirst()
                    .orElseThrow();
            assertThat(container.getConcurrency()).as(topic).isEqualTo(3);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(container.getContainers())
                            .as(topic)
                            .allSatisfy(consumer ->
                                    assertThat(consumer.getAssignedPartitions()).isNotEmpty()));
        }
    }

    @Test
    void aBookingMovedWhileItsCallWasOnTheLineIsRescheduledNotRedialed() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String session = bookedAndDialed("luigis", id, "+34600200011");
        Instant moved = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        book("luigis", id, "+34600200011", 2, ReservationEventType.UPDATED, moved);
        awaitStoredVersion(id, 2);
        send(session, summary("luigis", session, SessionStatus.NO_ANSWER, false));

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> statuses.of(id).stream()
                                .filter(c -> c.getStatus().name().equals("SCHEDULED"))
                                .count()
                        == 3);
        CallStatusChanged rescheduled = statuses.of(id).get(statuses.of(id).size() - 1);
        assertThat(rescheduled.getReason()).isEqualTo("The booking was moved");
        assertThat(rescheduled.getScheduledFor()).isEqualTo(moved.minus(30, ChronoUnit.MINUTES));
        Thread.sleep(1000);
        assertThat(eightByEight.requestsTo("+34600200011")).hasSize(1);
        assertThat(statuses.of(id))
                .extracting(c -> c.getStatus().name())
                .containsExactly("SCHEDULED", "DIALING", "SCHEDULED", "SCHEDULED");
    }

    @Test
    void aBookingCancelledWhileItsCallWasOnTheLineIsWithdrawnInsteadOfRetried() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String session = bookedAndDialed("luigis", id, "+34600200010");
        book(
                "luigis",
                id,
                "+34600200010",
                2,
                ReservationEventType.CANCELLED,
                Instant.now().plus(30, ChronoUnit.MINUTES));
        awaitStoredVersion(id, 2);
        send(session, summary("luigis", session, SessionStatus.NO_ANSWER, false));

        assertThat(statuses.await(id, "WITHDRAWN").getReason()).isEqualTo("The booking was cancelled");
        assertThat(eightByEight.requestsTo("+34600200010")).hasSize(1);
        assertThat(statuses.of(id))
                .extracting(c -> c.getStatus().name())
                .containsExactly("SCHEDULED", "DIALING", "SCHEDULED", "WITHDRAWN");
    }

    static CallActionReceived keyPress(String tenant, String session, String digits) {
        return CallActionReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId(tenant)
                .setSessionId(session)
                .setSubAccountId(tenant + "_voice")
                .setDigits(digits)
                .setReceivedAt(Instant.now())
                .build();
    }

    static SessionSummaryReceived summary(String tenant, String session, SessionStatus status, boolean connected) {
        Instant start = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
        return SessionSummaryReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId(tenant)
                .setSessionId(session)
                .setSubAccountId(tenant + "_voice")
                .setSessionStatus(status)
                .setRawSessionStatus(status.name())
                .setStartTime(start)
                .setEndTime(start.plusSeconds(35))
                .setCallCount(1)
                .setErrorCode(status == SessionStatus.FAILED ? 1006 : null)
                .setLegs(List.of(CallLeg.newBuilder()
                        .setName("callA")
                        .setConnectedAt(connected ? start.plusSeconds(5) : null)
                        .setDisconnectedAt(start.plusSeconds(35))
                        .setDurationSeconds(connected ? 30 : 0)
                        .build()))
                .build();
    }

    void send(String session, SpecificRecord event) throws Exception {
        String topic =
                event instanceof CallActionReceived ? Topics.CALL_ACTIONS.name() : Topics.SESSION_SUMMARIES.name();
        kafka.send(topic, session, event).get();
    }

    @Test
    void aConfirmKeyIsPublishedAtOnceAndADuplicateOrALaterSummaryChangesNothing() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String session = bookedAndDialed("luigis", id, "+34600200001");
        CallActionReceived press = keyPress("luigis", session, "1");
        send(session, press);
        send(session, press); // 8x8 or the ingress redelivered it

        CallStatusChanged confirmed = statuses.await(id, "CONFIRMED");
        assertThat(confirmed.getPreviousStatus().name()).isEqualTo("DIALING");
        assertThat(confirmed.getDigits()).isEqualTo("1");
        assertThat(confirmed.getSessionId()).isEqualTo(session);
        assertThat(confirmed.getAttempt()).isEqualTo(1);

        send(session, summary("luigis", session, SessionStatus.COMPLETED, true));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> callsOf(id, TestTenant.PLATFORM_KEY)
                        .jsonPath("$[0].status")
                        .isEqualTo("CONFIRMED")
                        .jsonPath("$[0].attempts[0].providerStatus")
                        .isEqualTo("COMPLETED")
                        .jsonPath("$[0].attempts[0].durationSeconds")
                        .isEqualTo(30)
                        .jsonPath("$[0].attempts[0].digits")
                        .isEqualTo("1"));
        Thread.sleep(6000); // longer than the key wait
        assertThat(statuses.sequence(id))
                .as("the key came first: the session's call.completed follows at once, with its status")
                .containsExactly("SCHEDULED", "DIALING", "CONFIRMED", "CONFIRMED completed");
    }

    @Test
    void aSummaryBeforeTheCancelKeyEndsTheSameWay() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String session = bookedAndDialed("luigis", id, "+34600200002");
        send(session, summary("luigis", session, SessionStatus.COMPLETED, true));
        awaitProviderStatus(id, "COMPLETED"); // the summary is applied first, the key is still within the key wait
        send(session, keyPress("luigis", session, "0"));
        assertThat(statuses.await(id, "CANCELLED_BY_GUEST").getDigits()).isEqualTo("0");
        Thread.sleep(6000); // longer than the key wait
        assertThat(statuses.sequence(id))
                .as("the summary came first: its call.completed waited for the key and follows the cancellation")
                .containsExactly("SCHEDULED", "DIALING", "CANCELLED_BY_GUEST", "CANCELLED_BY_GUEST completed");
        CallStatusChanged completed = statuses.completions(id).get(0);
        assertThat(completed.getCallSummary().getSessionId()).isEqualTo(session);
        assertThat(completed.getCallSummary().getAttemptId()).isNotBlank();
        assertThat(completed.getCallSummary().getLegs()).isNotEmpty();
        assertThat(completed.getDurationSeconds()).isEqualTo(30);
    }

    @Test
    void noAnswerIsRetriedWithTheNextAttemptAndTheLastAttemptsOutcomeIsFinal() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String first = bookedAndDialed("luigis", id, "+34600200003");
        send(first, summary("luigis", first, SessionStatus.NO_ANSWER, false));

        CallStatusChanged retry = statuses.await(id, "SCHEDULED");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> statuses.of(id).stream()
                                .filter(c -> c.getStatus().name().equals("DIALING"))
                                .count()
                        == 2);
        CallStatusChanged rescheduled = statuses.of(id).stream()
                .filter(c -> c.getStatus().name().equals("SCHEDULED") && c.getAttempt() == 2)
                .findFirst()
                .orElseThrow();
        assertThat(rescheduled.getPreviousStatus().name()).isEqualTo("DIALING");
        assertThat(rescheduled.getReason()).contains("Nobody answered").contains("attempt 2 of 2");
        assertThat(rescheduled.getProviderStatus()).isEqualTo("NO_ANSWER");
        assertThat(retry).isNotNull();
        String second = statuses.of(id).stream()
                .filter(c -> c.getStatus().name().equals("DIALING") && c.getAttempt() == 2)
                .findFirst()
                .orElseThrow()
                .getSessionId();
        assertThat(second).isNotEqualTo(first);
        assertThat(eightByEight.requestsTo("+34600200003")).hasSize(2);

        send(second, summary("luigis", second, SessionStatus.BUSY, false));
        CallStatusChanged unreachable = statuses.await(id, "UNREACHABLE");
        assertThat(unreachable.getAttempt()).isEqualTo(2);
        assertThat(unreachable.getReason()).contains("busy").contains("no attempts left");

        callsOf(id, TestTenant.PLATFORM_KEY)
                .jsonPath("$[0].attempts.length()")
                .isEqualTo(2)
                .jsonPath("$[0].attempts[0].outcome")
                .isEqualTo("NO_ANSWER")
                .jsonPath("$[0].attempts[1].outcome")
                .isEqualTo("BUSY");
    }

    @Test
    void noRetryIsScheduledThatWouldRingAfterTheLastUsefulMomentBeforeTheBooking() throws Exception {
        String id = "r-" + UUID.randomUUID();
        // Called at once (the lead time has passed); a retry a minute later would be inside the minimum notice.
        Instant startsAt = Instant.now().plus(1, ChronoUnit.MINUTES).plusSeconds(30);
        book("lateco", id, "+34600200017", 1, ReservationEventType.CREATED, startsAt);
        String session = statuses.await(id, "DIALING").getSessionId();
        send(session, summary("lateco", session, SessionStatus.NO_ANSWER, false));

        CallStatusChanged unreachable = statuses.await(id, "UNREACHABLE");
        assertThat(unreachable.getAttempt()).isEqualTo(1);
        assertThat(unreachable.getReason()).contains("no time left for another attempt");
        assertThat(statuses.of(id))
                .extracting(c -> c.getStatus().name())
                .containsExactly("SCHEDULED", "DIALING", "UNREACHABLE");
        assertThat(eightByEight.requestsTo("+34600200017")).hasSize(1);
    }

    @Test
    void answeredWithoutAKeyIsNoResponseOnceTheKeyWaitRunsOutUntilALateKeyPressDecidesIt() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String session = bookedAndDialed("onceco", id, "+34600200004");
        send(session, summary("onceco", session, SessionStatus.COMPLETED, true));
        CallStatusChanged noResponse = statuses.await(id, "NO_RESPONSE");
        assertThat(noResponse.getReason()).contains("no valid key");
        assertThat(noResponse.getConnectedAt()).isNotNull();

        // The guest had pressed 1; its delivery was merely late (say the ingress had it spooled): it still decides.
        send(session, keyPress("onceco", session, "1"));
        CallStatusChanged confirmed = statuses.await(id, "CONFIRMED");
        assertThat(confirmed.getPreviousStatus().name()).isEqualTo("NO_RESPONSE");
        assertThat(confirmed.getDigits()).isEqualTo("1");
        assertThat(statuses.sequence(id))
                .as("the session's call.completed, held through the key wait, follows the outcome it led to")
                .containsExactly("SCHEDULED", "DIALING", "NO_RESPONSE", "NO_RESPONSE completed", "CONFIRMED");
    }

    @Test
    void aLateKeyPressDoesNotReviveABookingThePlatformCancelledMeanwhile() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String session = bookedAndDialed("onceco", id, "+34600200008");
        send(session, summary("onceco", session, SessionStatus.COMPLETED, true));
        statuses.await(id, "NO_RESPONSE");
        book(
                "onceco",
                id,
                "+34600200008",
                2,
                ReservationEventType.CANCELLED,
                Instant.now().plus(30, ChronoUnit.MINUTES));
        awaitStoredVersion(id, 2);

        send(session, keyPress("onceco", session, "1"));
        // The key is recorded on the attempt in the same transaction that would have changed the status.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> callsOf(id, "onceco-platform-key-0123")
                        .jsonPath("$[0].attempts[0].digits")
                        .isEqualTo("1")
                        .jsonPath("$[0].status")
                        .isEqualTo("NO_RESPONSE"));
        assertThat(statuses.of(id))
                .extracting(c -> c.getStatus().name())
                .containsExactly("SCHEDULED", "DIALING", "NO_RESPONSE");
    }

    @Test
    void aLostSummaryIsClosedAsUnreachableAndALateOneIsStillRecorded() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String session = bookedAndDialed("onceco", id, "+34600200005");
        CallStatusChanged closed = statuses.await(id, "UNREACHABLE");
        assertThat(closed.getReason()).contains("never reported");

        send(session, summary("onceco", session, SessionStatus.COMPLETED, true));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> callsOf(id, "onceco-platform-key-0123")
                        .jsonPath("$[0].status")
                        .isEqualTo("UNREACHABLE")
                        .jsonPath("$[0].attempts[0].providerStatus")
                        .isEqualTo("COMPLETED")
                        .jsonPath("$[0].attempts[0].outcome")
                        .isEqualTo("SUMMARY_LOST"));
    }

    @Test
    void aVoiceMessagePlayedToAConnectedGuestIsDelivered() throws Exception {
        String id = "m-" + UUID.randomUUID();
        Map<?, ?> answer = http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/api/make-call")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"type": "VOICE_MESSAGE", "messageId": "%s", "phone": "+447911200006", "text": "Your code is 1 2 3"}""".formatted(id))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String session = (String) answer.get("sessionId");
        send(session, summary("luigis", session, SessionStatus.COMPLETED, true));
        assertThat(statuses.await(id, "DELIVERED").getDurationSeconds()).isEqualTo(30);
        http.get()
                .uri("/api/messages/" + id + "/calls")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("DELIVERED");
    }

    @Test
    void anEventForASessionNobodyKnowsGoesToTheDeadLetterTopicWithoutHoldingUpOthers() throws Exception {
        String stranger = "session-" + UUID.randomUUID();
        send(stranger, keyPress("luigis", stranger, "1"));
        String id = "r-" + UUID.randomUUID();
        String session = bookedAndDialed("luigis", id, "+34600200007");
        send(session, keyPress("luigis", session, "1"));
        statuses.await(id, "CONFIRMED");

        assertThat(io.confirmline.kafka.testing.DeadLetters.reason(Topics.CALL_ACTIONS.deadLetterTopic(), stranger))
                .contains("Unknown session " + stranger);
    }

    /**
     * Key presses for several calls arriving together are applied together (a poll's records, several at once,
     * each session's in order), and one among them that cannot be read goes to the dead-letter topic with its
     * reason while the others are applied — neither lost nor applied twice.
     */
    @Test
    void keyPressesArrivingTogetherAreAllAppliedAndAnUnreadableOneAmongThemIsDeadLettered() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        List<String> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = "r-" + UUID.randomUUID();
            ids.add(id);
            sessions.add(bookedAndDialed("luigis", id, "+3460020011" + i));
        }
        String unreadable = "session-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringSerializer.class,
                org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArraySerializer.class);
        try (var raw = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(config)) {
            for (int i = 0; i < sessions.size(); i++) {
                kafka.send(Topics.CALL_ACTIONS.name(), sessions.get(i), keyPress("luigis", sessions.get(i), "1"));
                if (i == 2) {
                    raw.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                            Topics.CALL_ACTIONS.name(),
                            unreadable,
                            "not an Avro event".getBytes(StandardCharsets.UTF_8)));
                }
            }
            kafka.flush();
            raw.flush();
        }

        for (String id : ids) {
            CallStatusChanged confirmed = statuses.await(id, "CONFIRMED");
            assertThat(confirmed.getDigits()).isEqualTo("1");
        }
        assertThat(io.confirmline.kafka.testing.DeadLetters.reason(Topics.CALL_ACTIONS.deadLetterTopic(), unreadable))
                .startsWith("Undecodable record");
        Thread.sleep(2000);
        for (String id : ids) {
            assertThat(statuses.sequence(id)).as(id).containsOnlyOnce("CONFIRMED");
        }
    }

    @Test
    void theStatusApiIsScopedToTheTenantAndAnswers404ForUnknownIds() throws Exception {
        String id = "r-" + UUID.randomUUID();
        bookedAndDialed("luigis", id, "+34600200008");
        String callId = statuses.await(id, "DIALING").getCallId();
        http.get()
                .uri("/api/calls/" + callId)
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DIALING")
                .jsonPath("$.attempts[0].attempt")
                .isEqualTo(1);
        http.get()
                .uri("/api/calls/" + callId)
                .header("Authorization", "Bearer onceco-platform-key-0123")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get()
                .uri("/api/calls/not-a-uuid")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .exchange()
                .expectStatus()
                .isNotFound();
        http.get()
                .uri("/api/reservations/nope/calls")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("No calls for nope");
        http.get().uri("/api/calls/" + callId).exchange().expectStatus().isUnauthorized();
    }

    /**
     * Tenants are read from tenants.v1 as they change (issue #13): published live by the console's stand-in, with
     * no restart. Each test has tenants of its own, so the tenants above are untouched.
     */
    @Nested
    class TenantsFromTheDirectory {

        @Autowired
        TestTenantPublisher console;

        /**
         * A tenant calling at any hour, twice two seconds apart, with the platform key {@code <id>-key-1} unless
         * {@code extra} names its keys; {@code extra} as in a YAML block.
         */
        TenantSettings tenant(String id, String... extra) {
            List<String> properties = new java.util.ArrayList<>(List.of(
                    "id=" + id,
                    "subaccount-id=" + id + "_voice",
                    "api-key=" + id + "-8x8-key",
                    "caller-id=+34910000077",
                    "calling-opens=00:00",
                    "calling-closes=23:59:59",
                    "minimum-notice=1m",
                    "max-attempts=2",
                    "retry-delay=2s"));
            if (java.util.Arrays.stream(extra).noneMatch(p -> p.startsWith("platform-api-key"))) {
                properties.add("platform-api-key=" + id + "-key-1");
            }
            properties.addAll(List.of(extra));
            return TestTenant.settings(properties.toArray(String[]::new));
        }

        WebTestClient.ResponseSpec makeCall(String platformKey, String id, String phone, Instant startsAt) {
            return http.post()
                    .uri("/api/make-call")
                    .header("Authorization", "Bearer " + platformKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("""
                            {"type": "RESERVATION", "reservationId": "%s", "startsAt": "%s", "timeZone": "Europe/Madrid",
                             "guestName": "Ana", "guestPhone": "%s", "guestLocale": "es-ES", "venueName": "Fresco",
                             "partySize": 2}""".formatted(id, startsAt.truncatedTo(ChronoUnit.MILLIS), phone))
                    .exchange();
        }

        /** The status the status API answers for a key: 404 for a booking it does not have means the key is taken. */
        int statusFor(String platformKey) {
            return http.get()
                    .uri("/api/reservations/none/calls")
                    .header("Authorization", "Bearer " + platformKey)
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
        }

        @Test
        void aTenantPublishedLiveIsCalledWithItsOwn8x8KeyAndCallerIdWithinSeconds() {
            console.publish(tenant("fresco", "caller-id=+34910000078", "voices.es=es-ES-Standard-B"));
            String id = "r-" + UUID.randomUUID();
            Instant startsAt = Instant.now().plus(30, ChronoUnit.MINUTES).plusSeconds(2);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> makeCall("fresco-key-1", id, "+34600300001", startsAt)
                            .expectStatus()
                            .isAccepted());

            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> eightByEight.requestsTo("+34600300001").size() == 1);
            FakeEightByEight.Request request =
                    eightByEight.requestsTo("+34600300001").get(0);
            assertThat(request.authorization()).isEqualTo("Bearer fresco-8x8-key");
            assertThat(request.path()).isEqualTo("/api/v1/subaccounts/fresco_voice/callflows");
            assertThat(request.body())
                    .contains("\"source\":\"+34910000078\"")
                    .contains("\"voiceProfile\":\"es-ES-Standard-B\"");
            assertThat(statuses.await(id, "DIALING").getTenantId()).isEqualTo("fresco");
        }

        @Test
        void platformKeysRotateWithBothLiveThenTheOldOneIsRefusedAndADeletedTenantIsUnknown() {
            console.publish(tenant("rotaco", "platform-api-keys[0]=rotaco-key-old"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> statusFor("rotaco-key-old") == 404);

            console.publish(
                    tenant("rotaco", "platform-api-keys[0]=rotaco-key-old", "platform-api-keys[1]=rotaco-key-new"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> statusFor("rotaco-key-new") == 404);
            assertThat(statusFor("rotaco-key-old")).as("both keys accepted").isEqualTo(404);

            console.publish(tenant("rotaco", "platform-api-keys[0]=rotaco-key-new"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> statusFor("rotaco-key-old") == 401);
            assertThat(statusFor("rotaco-key-new")).isEqualTo(404);

            console.remove("rotaco");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> statusFor("rotaco-key-new") == 401);
        }

        @Test
        void aDisabledTenantIsRefusedAndPlacesNoNewCallWhileItsCallOnTheLineFinishes() throws Exception {
            TenantSettings enabled = tenant("closeco");
            console.publish(enabled);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> statusFor("closeco-key-1") == 404);
            String answered = "r-" + UUID.randomUUID();
            String unanswered = "r-" + UUID.randomUUID();
            String later = "r-" + UUID.randomUUID();
            Instant soon = Instant.now().plus(30, ChronoUnit.MINUTES).plusSeconds(2);
            book("closeco", answered, "+34600300011", 1, ReservationEventType.CREATED, soon);
            book("closeco", unanswered, "+34600300012", 1, ReservationEventType.CREATED, soon);
            // Due some seconds after the tenant is switched off.
            book("closeco", later, "+34600300013", 1, ReservationEventType.CREATED, soon.plusSeconds(8));
            String answeredSession = statuses.await(answered, "DIALING").getSessionId();
            String unansweredSession = statuses.await(unanswered, "DIALING").getSessionId();
            statuses.await(later, "SCHEDULED");

            console.publish(tenant("closeco", "enabled=false"));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> makeCall(
                                    "closeco-key-1",
                                    "r-" + UUID.randomUUID(),
                                    "+34600300014",
                                    soon.plus(1, ChronoUnit.HOURS))
                            .expectStatus()
                            .isForbidden()
                            .expectHeader()
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .expectBody()
                            .jsonPath("$.detail")
                            .isEqualTo("The tenant is disabled"));
            http.get()
                    .uri("/api/reservations/" + answered + "/calls")
                    .header("Authorization", "Bearer closeco-key-1")
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            http.post()
                    .uri("/api/erasures")
                    .header("Authorization", "Bearer closeco-key-1")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"phone\": \"+34600300011\"}")
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            assertThat(statusFor("closeco-key-unknown"))
                    .as("an unknown key is still 401")
                    .isEqualTo(401);

            // A booking arriving now is recorded, not called; so is a voice message (in its own vocabulary).
            String arriving = "r-" + UUID.randomUUID();
            book("closeco", arriving, "+34600300015", 1, ReservationEventType.CREATED, soon.plus(1, ChronoUnit.HOURS));
            assertThat(statuses.await(arriving, "SKIPPED").getReason()).isEqualTo(Tenants.DISABLED_REASON);
            String message = "m-" + UUID.randomUUID();
            kafka.send(
                            Topics.VOICE_MESSAGES.name(),
                            message,
                            VoiceMessageRequested.newBuilder()
                                    .setEventId(UUID.randomUUID().toString())
                                    .setOccurredAt(Instant.now())
                                    .setTenantId("closeco")
                                    .setMessageId(message)
                                    .setPhone("+34600300016")
                                    .setLocale("es-ES")
                                    .setText("Su código es 1 2 3")
                                    .setRepetitions(1)
                                    .setPurpose(VoiceMessagePurpose.OTP)
                                    .build())
                    .get();
            assertThat(statuses.await(message, "NOT_DELIVERED").getReason()).isEqualTo(Tenants.DISABLED_REASON);

            // Calls placed before still finish: a key press decides one, a summary schedules the other's retry...
            send(answeredSession, keyPress("closeco", answeredSession, "1"));
            send(answeredSession, summary("closeco", answeredSession, SessionStatus.COMPLETED, true));
            send(unansweredSession, summary("closeco", unansweredSession, SessionStatus.NO_ANSWER, false));
            assertThat(statuses.await(answered, "CONFIRMED").getDigits()).isEqualTo("1");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> statuses.completions(answered).size() == 1);
            assertThat(statuses.completions(answered).get(0).getStatus().name()).isEqualTo("CONFIRMED");

            // ...which, like the booking due after the switch-off, is not dialed.
            CallStatusChanged retrySkipped = statuses.await(unanswered, "SKIPPED");
            assertThat(retrySkipped.getAttempt()).isEqualTo(2);
            assertThat(retrySkipped.getReason()).isEqualTo(Tenants.DISABLED_REASON);
            CallStatusChanged laterSkipped = statuses.await(later, "SKIPPED");
            assertThat(laterSkipped.getPreviousStatus().name()).isEqualTo("SCHEDULED");
            assertThat(laterSkipped.getReason()).isEqualTo(Tenants.DISABLED_REASON);

            assertThat(statuses.of(answered))
                    .extracting(c -> c.getStatus().name())
                    .containsExactly("SCHEDULED", "DIALING", "CONFIRMED");
            assertThat(statuses.of(unanswered))
                    .extracting(c -> c.getStatus().name())
                    .containsExactly("SCHEDULED", "DIALING", "SCHEDULED", "SKIPPED");
            assertThat(statuses.of(later))
                    .extracting(c -> c.getStatus().name())
                    .containsExactly("SCHEDULED", "SKIPPED");
            assertThat(statuses.of(arriving))
                    .extracting(c -> c.getStatus().name())
                    .containsExactly("SKIPPED");
            assertThat(eightByEight.requestsTo("+34600300012"))
                    .as("the retry was not dialed")
                    .hasSize(1);
            assertThat(eightByEight.requestsTo("+34600300013")).isEmpty();
            assertThat(eightByEight.requestsTo("+34600300015")).isEmpty();
            assertThat(eightByEight.requestsTo("+34600300016")).isEmpty();
        }
    }
}
