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
package io.confirmline.orchestrator.conversation;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallLeg;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.SessionStatus;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.SmsReceived;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.dialing.FakeEightByEight;
import io.confirmline.orchestrator.erasure.TopicLog;
import io.confirmline.tenant.testing.TestTenantPublisher;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The orchestrator on the real broker, registry and PostgreSQL, with 8x8 played over real HTTP in its documented
 * formats (Send Callflow and Send SMS) and its webhooks arriving as the ingress publishes them — the one Spring
 * context the texts (issue #14) and call-backs (issue #15) tests share. Tenant {@code textco} calls once, at any
 * hour, and texts from +34910000051. Bookings are over (tombstoned on bookings.v1) a second after they start.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "confirmline.tenants[0].id=textco",
            "confirmline.tenants[0].subaccount-id=textco_voice",
            "confirmline.tenants[0].api-key=textco-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + ConversationComponentTestBase.KEY,
            "confirmline.tenants[0].caller-id=+34910000050",
            "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59",
            "confirmline.tenants[0].minimum-notice=1m",
            "confirmline.tenants[0].max-attempts=1",
            "confirmline.tenants[0].account-id=textco_account",
            "confirmline.tenants[0].sms-subaccount-id=textco_sms",
            "confirmline.tenants[0].sms-numbers[0]=+34910000051",
            "confirmline.tenants[0].human-window=2s",
            "confirmline.tenants[1].id=askco",
            "confirmline.tenants[1].display-name=Casa Ana",
            "confirmline.tenants[1].subaccount-id=askco_voice",
            "confirmline.tenants[1].api-key=askco-8x8-key",
            "confirmline.tenants[1].platform-api-key=askco-platform-key-0123456789",
            "confirmline.tenants[1].caller-id=+34910000060",
            "confirmline.tenants[1].calling-opens=00:00",
            "confirmline.tenants[1].calling-closes=23:59:59",
            "confirmline.tenants[1].minimum-notice=1m",
            "confirmline.tenants[1].max-attempts=1",
            "confirmline.tenants[1].account-id=askco_account",
            "confirmline.tenants[1].sms-subaccount-id=askco_sms",
            "confirmline.tenants[1].sms-numbers[0]=+34910000061",
            "confirmline.tenants[1].human-window=2s",
            "confirmline.tenants[1].assistant-enabled=true",
            "confirmline.tenants[1].assistant-faq=Parking behind the restaurant, free after 19:00.",
            "confirmline.tenants[1].venue-address=Calle Mayor 1, Madrid",
            "confirmline.tenants[1].venue-phone=+34910000069",
            "confirmline.tenants[1].availability-url=${test.availability-url}",
            "confirmline.tenants[1].signing-secrets=whsec_MDEyMzQ1Njc4OWFiY2RlZg==",
            "confirmline.conversation.assistant-messages-per-day=3",
            "confirmline.assistant.api-key=" + io.confirmline.sandbox.assistant.AssistantSandbox.DEFAULT_API_KEY,
            // The breaker's own tests open it; here a few failing answers among many must not close the provider off.
            "confirmline.assistant.circuit-breaker.minimum-number-of-calls=50",
            "confirmline.assistant.circuit-breaker.sliding-window-size=50",
            "confirmline.outcomes.key-wait=2s",
            "confirmline.outcomes.summary-timeout=20s",
            "confirmline.outcomes.poll-interval=200ms",
            "confirmline.dialing.poll-interval=200ms",
            "confirmline.bookings.tombstone-after=1s",
            "confirmline.bookings.sweep-interval=300ms"
        })
@AutoConfigureWebTestClient
abstract class ConversationComponentTestBase {

    static final String KEY = "textco-platform-key-0123456789";
    static final String SENDER = "+34910000051";
    static final FakeEightByEight calls = new FakeEightByEight();
    static final FakeEightByEightSms texts = new FakeEightByEightSms();
    /** The assistant's provider: the OpenAI-compatible sandbox with its scripted answers, over real HTTP. */
    static final io.confirmline.sandbox.assistant.AssistantSandbox provider =
            io.confirmline.sandbox.assistant.AssistantSandbox.start(0);

    static final FakeAvailability availability = new FakeAvailability();
    static TopicLog topics;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", calls::url);
        registry.add("confirmline.sms.base-url", texts::url);
        registry.add("confirmline.assistant.base-url", provider::baseUrl);
        // A list element cannot come from a second property source: the tenant's URL is a placeholder for this one.
        registry.add("test.availability-url", availability::url);
    }

    @BeforeEach
    void listen() {
        if (topics == null) {
            topics = new TopicLog(
                    List.of(Topics.CALL_STATUS.name(), Topics.CONVERSATIONS.name(), Topics.BOOKINGS.name()));
        }
    }

    static {
        // Shared by every subclass, like the Spring context their URLs are in: closed when the test JVM ends.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (topics != null) {
                    topics.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.close();
            texts.close();
            provider.close();
            availability.close();
        }));
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient database;

    @Autowired
    TestTenantPublisher console;

    /** Books a table for {@code phone} whose only call is due now, and lets 8x8 report nobody answered. */
    void nobodyAnswers(String id, String phone, Instant startsAt) throws Exception {
        nobodyAnswers("textco", id, phone, startsAt);
    }

    void nobodyAnswers(String tenant, String id, String phone, Instant startsAt) throws Exception {
        book(tenant, id, phone, 1, ReservationEventType.CREATED, startsAt, "Europe/Madrid");
        String session = await(id, "DIALING").getSessionId();
        kafka.send(Topics.SESSION_SUMMARIES.name(), session, summary(tenant, session))
                .get();
    }

    /** A booking whose call is due at once: it starts just over the tenant's 30-minute lead time from now. */
    static Instant soon() {
        return Instant.now().plus(30, ChronoUnit.MINUTES).plusSeconds(2);
    }

    void book(String id, String phone, long version, ReservationEventType type, Instant startsAt, String zone)
            throws Exception {
        book("textco", id, phone, version, type, startsAt, zone);
    }

    void book(
            String tenant,
            String id,
            String phone,
            long version,
            ReservationEventType type,
            Instant startsAt,
            String zone)
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
                                .setTimeZone(zone)
                                .setGuestName("Ana")
                                .setGuestPhone(phone)
                                .setGuestLocale("es-ES")
                                .setVenueName("Luigi's")
                                .setPartySize(4)
                                .build())
                .get();
    }

    static SessionSummaryReceived summary(String tenant, String session) {
        Instant start = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
        return SessionSummaryReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId(tenant)
                .setSessionId(session)
                .setSubAccountId(tenant + "_voice")
                .setSessionStatus(SessionStatus.NO_ANSWER)
                .setRawSessionStatus("NO_ANSWER")
                .setStartTime(start)
                .setEndTime(start.plusSeconds(35))
                .setCallCount(1)
                .setLegs(List.of(CallLeg.newBuilder()
                        .setName("callA")
                        .setDisconnectedAt(start.plusSeconds(35))
                        .setDurationSeconds(0)
                        .build()))
                .build();
    }

    static SmsReceived reply(String phone, String body) {
        return reply("textco", SENDER, phone, body);
    }

    static SmsReceived reply(String tenant, String to, String phone, String body) {
        String umid = UUID.randomUUID().toString();
        return SmsReceived.newBuilder()
                .setEventId(umid)
                .setUmid(umid)
                .setTenantId(tenant)
                .setSubAccountId(tenant + "_sms")
                .setFrom(phone)
                .setTo(to)
                .setBody(body)
                .setEncoding("UCS2")
                .setSmsCount(1)
                .setSentAt(Instant.now())
                .setReceivedAt(Instant.now())
                .build();
    }

    CallStatusChanged await(String id, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(40))
                .until(() ->
                        changes(id).stream().anyMatch(c -> c.getStatus().name().equals(status)));
        return changes(id).stream()
                .filter(c -> c.getStatus().name().equals(status))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    List<CallStatusChanged> changes(String id) {
        return topics.of(Topics.CALL_STATUS.name(), id).stream()
                .map(r -> (CallStatusChanged) r.value())
                .filter(c -> c.getCallSummary() == null)
                .toList();
    }

    List<String> statuses(String id) {
        return changes(id).stream().map(c -> c.getStatus().name()).toList();
    }

    List<ConversationEvent> conversation(String phone) {
        return conversation("textco", phone);
    }

    List<ConversationEvent> conversation(String tenant, String phone) {
        return topics.of(Topics.CONVERSATIONS.name(), Topics.conversationKey(tenant, phone)).stream()
                .map(r -> (ConversationEvent) r.value())
                .toList();
    }

    List<FakeEightByEightSms.Sent> awaitTexts(String phone, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> texts.to(phone).size() >= count);
        return texts.to(phone);
    }

    long countRows(String sql) {
        return database.sql(sql).map(row -> row.get("n", Long.class)).one().block();
    }
}
