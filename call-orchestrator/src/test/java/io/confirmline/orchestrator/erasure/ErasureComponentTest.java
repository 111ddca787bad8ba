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
package io.confirmline.orchestrator.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallActionReceived;
import io.confirmline.events.CallLeg;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.GuestDataErased;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code POST /api/erasures} end to end on the real broker, registry and PostgreSQL, with calls placed through a
 * local server speaking 8x8's Send Callflow. Tenant {@code luigis} calls once per booking; {@code onceco} is the
 * other tenant that also knows the guest.
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
            "confirmline.tenants[0].max-attempts=1",
            "confirmline.tenants[1].id=onceco",
            "confirmline.tenants[1].subaccount-id=onceco_voice",
            "confirmline.tenants[1].api-key=once-8x8-key",
            "confirmline.tenants[1].platform-api-key=" + ErasureComponentTest.ONCECO_KEY,
            "confirmline.tenants[1].caller-id=+34910000001",
            "confirmline.tenants[1].calling-opens=00:00",
            "confirmline.tenants[1].calling-closes=23:59:59",
            "confirmline.tenants[1].minimum-notice=1m",
            // Parked events of sessions nobody knows stay parked for the whole test.
            "confirmline.outcomes.unknown-session-wait=10m",
            "confirmline.outcomes.key-wait=2s",
            "confirmline.outcomes.poll-interval=200ms"
        })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ErasureComponentTest {

    static final String ONCECO_KEY = "onceco-platform-key-0123";
    static final FakeEightByEight eightByEight = new FakeEightByEight();
    static TopicLog topics;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", eightByEight::url);
    }

    /** After the application context, so that the topics exist. */
    @BeforeEach
    void listen() {
        if (topics == null) {
            topics = new TopicLog(List.of(
                    Topics.CALL_STATUS.name(),
                    Topics.SESSIONS.name(),
                    Topics.GUEST_ERASURES.name(),
                    Topics.BOOKINGS.name()));
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        topics.close();
        eightByEight.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    /** A Spanish mobile number of this run only (never ending in 9: the fake 8x8 refuses those). */
    static String freshNumber() {
        return "+34600" + ((100000 + ThreadLocalRandom.current().nextInt(800000)) / 10 * 10 + 1);
    }

    @Test
    void aGuestsDataIsErasedForTheCallingTenantOnlyAndAgainChangesNothing(CapturedOutput output) throws Exception {
        String phone = freshNumber();
        String digits = phone.substring(1);
        String otherPhone = freshNumber();
        String upcoming = "r-" + UUID.randomUUID();
        String done = "r-" + UUID.randomUUID();
        String message = "m-" + UUID.randomUUID();
        String otherGuests = "r-" + UUID.randomUUID();
        String otherTenants = "r-" + UUID.randomUUID();
        Instant inThreeHours = Instant.now().plus(3, ChronoUnit.HOURS);

        book("luigis", upcoming, "Zoe Erasable", phone, inThreeHours);
        book("luigis", otherGuests, "Other Guest", otherPhone, inThreeHours);
        book("onceco", otherTenants, "Zoe Erasable", phone, inThreeHours);
        // Due in two seconds: dialed, confirmed with a key, then its session summary.
        book(
                "luigis",
                done,
                "Zoe Erasable",
                phone,
                Instant.now().plus(30, ChronoUnit.MINUTES).plusSeconds(2));
        String doneSession = await(done, "DIALING").getSessionId();
        kafka.send(
                        Topics.CALL_ACTIONS.name(),
                        doneSession,
                        CallActionReceived.newBuilder()
                                .setEventId(UUID.randomUUID().toString())
                                .setOccurredAt(Instant.now())
                                .setTenantId("luigis")
                                .setSessionId(doneSession)
                                .setSubAccountId("luigis_voice")
                                .setDigits("1")
                                .setReceivedAt(Instant.now())
                                .build())
                .get();
        await(done, "CONFIRMED");
        kafka.send(Topics.SESSION_SUMMARIES.name(), doneSession, summary(doneSession, phone))
                .get();
        // A voice message to the guest, dialed at once and still on the line (no summary yet).
        String messageSession = (String) http.post()
                .uri("/api/make-call")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"type": "VOICE_MESSAGE", "messageId": "%s", "phone": "%s", "locale": "en-GB",
                         "text": "Zoe, your table code is 4 8 2 1", "purpose": "OTP"}""".formatted(message, phone))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("sessionId");
        // Summaries of sessions no call knows yet, parked: one quoting the guest's number, one another guest's.
        String unknownSession = "s-" + UUID.randomUUID();
        String otherUnknownSession = "s-" + UUID.randomUUID();
        kafka.send(Topics.SESSION_SUMMARIES.name(), unknownSession, summary(unknownSession, phone))
                .get();
        kafka.send(Topics.SESSION_SUMMARIES.name(), otherUnknownSession, summary(otherUnknownSession, otherPhone))
                .get();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM parked_event WHERE session_id IN ('%s', '%s')"
                                        .formatted(unknownSession, otherUnknownSession))
                                == 2
                        && count(
                                        "SELECT count(*) FROM call_attempt WHERE session_id = '%s' AND provider_status IS NOT NULL"
                                                .formatted(doneSession))
                                == 1);
        assertThat(count("SELECT count(*) FROM call c JOIN call_attempt a ON a.call_id = c.id "
                        + "WHERE c.subject_id = '" + done + "' AND a.digits = '1'"))
                .isEqualTo(1);
        await(upcoming, "SCHEDULED");

        Map<String, Object> receipt = erase(TestTenant.PLATFORM_KEY, phone)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(receipt)
                .containsEntry("bookings", 2)
                .containsEntry("voiceMessages", 1)
                .containsEntry("calls", 3)
                .containsEntry("sessions", 2)
                .containsKeys("erasureId", "erasedAt");
        String erasureId = (String) receipt.get("erasureId");

        // The calls not yet final are withdrawn and the platform hears it; the finished one keeps its outcome.
        assertThat(await(upcoming, "WITHDRAWN").getReason()).isEqualTo("The guest's data was erased");
        CallStatusChanged withdrawn = await(message, "WITHDRAWN");
        assertThat(withdrawn.getPreviousStatus().name()).isEqualTo("DIALING");
        assertThat(statusesOf(done)).extracting(c -> c.getStatus().name()).doesNotContain("WITHDRAWN");
        http.get()
                .uri("/api/reservations/" + done + "/calls")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("CONFIRMED")
                .jsonPath("$[0].attempts[0].digits")
                .doesNotExist();

        // Nothing of the tenant's holds the number or the name any more, in any column.
        assertThat(holding("luigis", digits)).as("rows holding the number").isEmpty();
        assertThat(holding("luigis", "Zoe")).as("rows holding the name").isEmpty();
        assertThat(count("SELECT count(*) FROM booking WHERE reservation_id IN ('%s', '%s') AND guest_name = 'erased' "
                                .formatted(upcoming, done)
                        + "AND guest_phone = 'erased'"))
                .isEqualTo(2);
        // ...while the other guest's and the other tenant's rows are untouched.
        assertThat(holding("luigis", otherPhone.substring(1)))
                .containsExactlyInAnyOrder(
                        "booking " + otherGuests, "parked_event " + otherUnknownSession, "outbox " + otherGuests);
        assertThat(holding("onceco", digits))
                .containsExactlyInAnyOrder("booking " + otherTenants, "outbox " + otherTenants);
        assertThat(holding("onceco", "Zoe"))
                .containsExactlyInAnyOrder("booking " + otherTenants, "outbox " + otherTenants);
        assertThat(statusesOf(otherTenants))
                .extracting(c -> c.getStatus().name())
                .containsExactly("SCHEDULED");

        // bookings.v1 forgets the guest's bookings (the ingress stops answering call-backs with them).
        for (String booking : List.of(upcoming, done)) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<ConsumerRecord<String, Object>> records = topics.of(Topics.BOOKINGS.name(), booking);
                return !records.isEmpty() && records.get(records.size() - 1).value() == null;
            });
        }
        // The compacted topic forgets both sessions.
        for (String session : List.of(doneSession, messageSession)) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<ConsumerRecord<String, Object>> records = topics.of(Topics.SESSIONS.name(), session);
                return !records.isEmpty() && records.get(records.size() - 1).value() == null;
            });
        }
        // The notifier is told which subjects were the guest's, and nothing more.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> erasedEvent(erasureId) != null);
        ConsumerRecord<String, Object> erased = erasedEvent(erasureId);
        assertThat(erased.key()).isEqualTo("luigis");
        GuestDataErased event = (GuestDataErased) erased.value();
        assertThat(event.getTenantId()).isEqualTo("luigis");
        assertThat(event.getSubjectIds()).containsExactlyInAnyOrder(upcoming, done, message);
        assertThat(event.toString()).doesNotContain(digits).doesNotContain("Zoe");
        // The erasure is recorded, without the number.
        assertThat(database.sql("SELECT e::text AS row FROM erasure e WHERE id = :id")
                        .bind("id", UUID.fromString(erasureId))
                        .map(row -> row.get("row", String.class))
                        .one()
                        .block())
                .contains("luigis")
                .contains(",2,1,3,2)")
                .doesNotContain(digits);
        assertThat(output.getAll()).contains("Erasure " + erasureId).doesNotContain(digits);

        // Again: nothing more is erased, nothing changes, the answer is still 200.
        String before = snapshot();
        long statusesBefore = topics.of(Topics.CALL_STATUS.name()).size();
        Map<String, Object> again = erase(TestTenant.PLATFORM_KEY, phone)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(again)
                .containsEntry("bookings", 0)
                .containsEntry("voiceMessages", 0)
                .containsEntry("calls", 0)
                .containsEntry("sessions", 0);
        Thread.sleep(1500);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(topics.of(Topics.CALL_STATUS.name())).hasSize((int) statusesBefore);
        assertThat(topics.of(Topics.GUEST_ERASURES.name()))
                .noneMatch(r -> r.value() instanceof GuestDataErased e
                        && e.getErasureId().equals(again.get("erasureId")));
    }

    @Test
    void withoutTheKeyOrWithABadNumberNothingIsErased() {
        long erasures = count("SELECT count(*) FROM erasure");
        http.post()
                .uri("/api/erasures")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"phone\": \"+34600111222\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        erase("Bearer test-8x8-key", "+34600111222").expectStatus().isUnauthorized();

        erase(TestTenant.PLATFORM_KEY, "+3460011")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("phone")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).doesNotContain("600"));
        erase(TestTenant.PLATFORM_KEY, "0034600111222")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("phone");
        post("{\"phone\": 34600111222}")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("phone");
        post("{\"phone\": \"+34600111222\"")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).doesNotContain("600"));
        post("").expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(count("SELECT count(*) FROM erasure")).isEqualTo(erasures);
    }

    WebTestClient.ResponseSpec erase(String key, String phone) {
        return http.post()
                .uri("/api/erasures")
                .header("Authorization", key.startsWith("Bearer ") ? key : "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"phone\": \"" + phone + "\"}")
                .exchange();
    }

    WebTestClient.ResponseSpec post(String body) {
        return http.post()
                .uri("/api/erasures")
                .header("Authorization", "Bearer " + TestTenant.PLATFORM_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    void book(String tenant, String id, String name, String phone, Instant startsAt) throws Exception {
        kafka.send(
                        Topics.RESERVATIONS.name(),
                        id,
                        ReservationEvent.newBuilder()
                                .setEventId(UUID.randomUUID().toString())
                                .setOccurredAt(Instant.now())
                                .setTenantId(tenant)
                                .setReservationId(id)
                                .setVersion(1)
                                .setType(ReservationEventType.CREATED)
                                .setKind(BookingKind.RESERVATION)
                                .setStartsAt(startsAt.truncatedTo(ChronoUnit.MILLIS))
                                .setTimeZone("Europe/Madrid")
                                .setGuestName(name)
                                .setGuestPhone(phone)
                                .setGuestLocale("es-ES")
                                .setVenueName("Luigi's")
                                .setPartySize(2)
                                .build())
                .get();
    }

    static SessionSummaryReceived summary(String session, String destination) {
        Instant start = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
        return SessionSummaryReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId("luigis")
                .setSessionId(session)
                .setSubAccountId("luigis_voice")
                .setSessionStatus(SessionStatus.COMPLETED)
                .setRawSessionStatus("COMPLETED")
                .setStartTime(start)
                .setEndTime(start.plusSeconds(35))
                .setCallCount(1)
                .setLegs(List.of(CallLeg.newBuilder()
                        .setName("callA")
                        .setSource("+34910000000")
                        .setDestination(destination)
                        .setConnectedAt(start.plusSeconds(5))
                        .setDisconnectedAt(start.plusSeconds(35))
                        .setDurationSeconds(30)
                        .build()))
                .build();
    }

    List<CallStatusChanged> statusesOf(String subjectId) {
        return topics.of(Topics.CALL_STATUS.name(), subjectId).stream()
                .map(r -> (CallStatusChanged) r.value())
                .filter(c -> c.getCallSummary() == null)
                .toList();
    }

    CallStatusChanged await(String subjectId, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(40))
                .until(() -> statusesOf(subjectId).stream()
                        .anyMatch(c -> c.getStatus().name().equals(status)));
        return statusesOf(subjectId).stream()
                .filter(c -> c.getStatus().name().equals(status))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    ConsumerRecord<String, Object> erasedEvent(String erasureId) {
        return topics.of(Topics.GUEST_ERASURES.name()).stream()
                .filter(r -> r.value() instanceof GuestDataErased e
                        && e.getErasureId().equals(erasureId))
                .findFirst()
                .orElse(null);
    }

    long count(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    /**
     * The tenant's rows, in every table with the guest's data, whose text columns (the whole row as text) or Avro
     * payload hold {@code text}: as "table id".
     */
    List<String> holding(String tenant, String text) {
        String sql = """
                SELECT 'booking ' || reservation_id FROM booking b WHERE tenant_id = :tenant AND b::text LIKE :like
                UNION ALL SELECT 'voice_message ' || message_id FROM voice_message m
                          WHERE tenant_id = :tenant AND m::text LIKE :like
                UNION ALL SELECT 'call ' || subject_id FROM call c WHERE tenant_id = :tenant AND c::text LIKE :like
                UNION ALL SELECT 'call_attempt ' || c.subject_id FROM call_attempt a JOIN call c ON c.id = a.call_id
                          WHERE c.tenant_id = :tenant AND a::text LIKE :like
                UNION ALL SELECT 'outbox ' || message_key FROM outbox o
                          WHERE (o::text LIKE :like OR position(convert_to(:text, 'UTF8') IN payload) > 0)
                            AND (o.topic <> 'bookings.v1'
                                 OR o.message_key IN (SELECT reservation_id FROM booking WHERE tenant_id = :tenant))
                UNION ALL SELECT 'parked_event ' || session_id FROM parked_event p
                          WHERE (p.tenant_id = :tenant OR p.tenant_id IS NULL)
                            AND (p::text LIKE :like OR position(convert_to(:text, 'UTF8') IN payload) > 0)""";
        return database.sql(sql)
                .bind("tenant", tenant)
                .bind("like", "%" + text + "%")
                .bind("text", text)
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block();
    }

    /** Every row of the guest's tables and the outbox's size, as text. */
    String snapshot() {
        return database.sql("""
                        SELECT string_agg(r, E'\\n' ORDER BY r) FROM (
                            SELECT b::text AS r FROM booking b UNION ALL SELECT m::text FROM voice_message m
                            UNION ALL SELECT c::text FROM call c UNION ALL SELECT a::text FROM call_attempt a
                            UNION ALL SELECT p::text FROM parked_event p
                            UNION ALL SELECT 'outbox rows ' || count(*) FROM outbox) rows""").map(row -> row.get(0, String.class)).one().block();
    }
}
