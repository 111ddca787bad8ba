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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.CallActionReceived;
import io.confirmline.events.CallLeg;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Channel;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.InboundCallEvent;
import io.confirmline.events.InboundCallEventType;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.SessionStatus;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.LockWaits;
import io.confirmline.orchestrator.TestTenant;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Issue #15 inside the orchestrator: the transfer key in the confirmation call, guests' call-backs as the ingress
 * publishes them ({@code voice.inbound-calls.v1}), missed calls turned into one text an hour, and
 * {@code bookings.v1}. Tenant {@code callbackco} calls up to three times at any hour, texts, and puts guests through
 * to its venue phone +34910000079 (not one of our numbers).
 */
class CallBackComponentTest extends ConversationComponentTestBase {

    static final String TENANT = "callbackco";
    static final String PLATFORM_KEY = "callbackco-platform-key-0123";
    static final String NUMBER = "+34910000070";
    static final String VENUE = "+34910000079";
    static volatile boolean published;

    @Autowired
    Environment environment;

    @BeforeEach
    void tenant() {
        if (published) {
            return;
        }
        console.publish(TestTenant.settings(
                "id=" + TENANT,
                "display-name=Luigi's",
                "subaccount-id=callbackco_voice",
                "api-key=callbackco-8x8-key",
                "platform-api-key=" + PLATFORM_KEY,
                "caller-id=" + NUMBER,
                "virtual-numbers[0]=" + NUMBER,
                "calling-opens=00:00",
                "calling-closes=23:59:59",
                "minimum-notice=1m",
                "max-attempts=3",
                "account-id=callbackco_account",
                "sms-subaccount-id=callbackco_sms",
                "sms-numbers[0]=+34910000071",
                "venue-phone=" + VENUE));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> http.get()
                                .uri("/api/reservations/none/calls")
                                .header("Authorization", "Bearer " + PLATFORM_KEY)
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 404);
        published = true;
    }

    @Test
    void theTransferKeyPutsTheGuestThroughNeverRetriedNorTextedAndARestaurantThatDoesNotAnswerIsAMissedCall()
            throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600400001";
        book(TENANT, id, phone, 1, ReservationEventType.CREATED, soon(), "Europe/Madrid");
        String session = await(id, "DIALING").getSessionId();
        assertThat(calls.requestsTo(phone).get(0).body())
                .as("the guest hears of the transfer key")
                .contains("O pulse 9 para hablar con Luigi's.");

        kafka.send(Topics.CALL_ACTIONS.name(), session, key(session, "9")).get();

        CallStatusChanged transferred = await(id, "NO_RESPONSE");
        assertThat(transferred.getReason()).isEqualTo("Put through to the restaurant (9)");
        assertThat(transferred.getChannel()).isEqualTo(Channel.VOICE);
        assertThat(transferred.getPreviousStatus().name()).isEqualTo("DIALING");

        // Nobody at the venue picks up the bridged leg.
        kafka.send(
                        Topics.SESSION_SUMMARIES.name(),
                        session,
                        summary(TENANT, session, SessionStatus.COMPLETED, "NO_ANSWER"))
                .get();
        ConversationEvent missed = awaitMissedCalls(TENANT, phone, 1).get(0);
        assertThat(missed.getSource()).isEqualTo("OUTBOUND_CALL");
        assertThat(missed.getReservationId()).isEqualTo(id);
        assertThat(missed.getReason()).contains("NO_ANSWER");
        assertThat(awaitTexts(phone, 1).get(0).text())
                .isEqualTo("Sentimos no haber podido atenderle en Luigi's. Responda aquí y le contestaremos.");
        Thread.sleep(1500);
        assertThat(statuses(id))
                .as("no retry and no fallback text")
                .containsExactly("SCHEDULED", "DIALING", "NO_RESPONSE");
        assertThat(texts.to(phone)).hasSize(1);
        assertThat(calls.requestsTo(phone)).hasSize(1);

        // The guest calls back and presses 1: first on a menu for an older version (nothing), then twice on this one.
        String callBack = "s-" + UUID.randomUUID();
        kafka.send(
                        Topics.INBOUND_CALLS.name(),
                        callBack,
                        inbound(TENANT, callBack, InboundCallEventType.RECEIVED, phone, id, 1L, null))
                .get();
        kafka.send(
                        Topics.INBOUND_CALLS.name(),
                        callBack,
                        inbound(TENANT, callBack, InboundCallEventType.DIGITS, phone, id, 0L, "1"))
                .get();
        InboundCallEvent confirm = inbound(TENANT, callBack, InboundCallEventType.DIGITS, phone, id, 1L, "1");
        kafka.send(Topics.INBOUND_CALLS.name(), callBack, confirm).get();
        kafka.send(Topics.INBOUND_CALLS.name(), callBack, confirm).get();

        CallStatusChanged confirmed = await(id, "CONFIRMED");
        assertThat(confirmed.getChannel()).isEqualTo(Channel.INBOUND_CALL);
        assertThat(confirmed.getPreviousStatus().name()).isEqualTo("NO_RESPONSE");
        assertThat(confirmed.getReason()).startsWith("The guest confirmed on a call-back (1)");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> lastSnapshot(id) != null
                        && "CONFIRMED".equals(lastSnapshot(id).getStatus()));
        assertThat(lastSnapshot(id).getChannel()).isEqualTo("INBOUND_CALL");
        Thread.sleep(1000);
        assertThat(statuses(id)).containsExactly("SCHEDULED", "DIALING", "NO_RESPONSE", "CONFIRMED");
    }

    @Test
    void aTransferWhoseSummaryOvertakesItsKeyPressIsStillOneMissedCall() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600400006";
        String session = dialing(id, phone);

        // 8x8's summary (the venue's leg unanswered) is applied before the key press that put the guest through.
        kafka.send(
                        Topics.SESSION_SUMMARIES.name(),
                        session,
                        summary(TENANT, session, SessionStatus.COMPLETED, "NO_ANSWER"))
                .get();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> countRows("SELECT count(*) AS n FROM call_attempt WHERE session_id = '" + session
                                + "' AND summary_received_at IS NOT NULL")
                        == 1);
        assertThat(conversation(TENANT, phone))
                .as("no missed call before the key")
                .isEmpty();
        CallActionReceived transfer = key(session, "9");
        kafka.send(Topics.CALL_ACTIONS.name(), session, transfer).get();

        assertThat(await(id, "NO_RESPONSE").getReason()).isEqualTo("Put through to the restaurant (9)");
        assertThat(awaitMissedCallTexted(phone).getSource()).isEqualTo("OUTBOUND_CALL");
        // The key press delivered again (a resend) changes nothing.
        kafka.send(Topics.CALL_ACTIONS.name(), session, transfer).get();
        assertStillOneMissedCall(id, phone);
    }

    /**
     * The transfer key and the summary both wait for the call's row (locked here), each in the statement that locks the
     * call and claims its event, and go on in whichever order PostgreSQL wakes them; the key press comes a second time
     * meanwhile. Whatever the order, what each reads after the wait is the other's committed work: one missed call.
     */
    @Test
    void aTransferKeyAndItsSummaryWaitingForTheCallTogetherAreStillOneMissedCall() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600400007";
        String session = dialing(id, phone);
        CallActionReceived transfer = key(session, "9");

        try (Connection holder = LockWaits.connect(environment);
                Connection watcher = LockWaits.connect(environment)) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT 1 FROM orchestrator.call WHERE subject_id = '" + id + "' FOR UPDATE");
            }
            kafka.send(Topics.CALL_ACTIONS.name(), session, transfer).get();
            kafka.send(
                            Topics.SESSION_SUMMARIES.name(),
                            session,
                            summary(TENANT, session, SessionStatus.COMPLETED, "NO_ANSWER"))
                    .get();
            kafka.send(Topics.CALL_ACTIONS.name(), session, transfer).get();
            LockWaits.await(watcher, "WITH found AS", 2);
            holder.commit();
        }

        assertThat(await(id, "NO_RESPONSE").getReason()).isEqualTo("Put through to the restaurant (9)");
        awaitMissedCallTexted(phone);
        assertStillOneMissedCall(id, phone);
        assertThat(countRows(
                        "SELECT count(*) AS n FROM processed_event WHERE event_id = '" + transfer.getEventId() + "'"))
                .isEqualTo(1);
    }

    /** Books a table whose call is due now; returns the session once the call is DIALING. */
    private String dialing(String id, String phone) throws Exception {
        book(TENANT, id, phone, 1, ReservationEventType.CREATED, soon(), "Europe/Madrid");
        return await(id, "DIALING").getSessionId();
    }

    /** The guest's missed call, the venue having not answered the transfer (NO_ANSWER), and the text it sends. */
    private ConversationEvent awaitMissedCallTexted(String phone) {
        ConversationEvent missed = awaitMissedCalls(TENANT, phone, 1).get(0);
        assertThat(missed.getReason()).contains("NO_ANSWER");
        awaitTexts(phone, 1);
        return missed;
    }

    /** A while later: still one missed call and one text, and the call put through, never retried. */
    private void assertStillOneMissedCall(String id, String phone) throws InterruptedException {
        Thread.sleep(1500);
        assertThat(awaitMissedCalls(TENANT, phone, 1)).hasSize(1);
        assertThat(texts.to(phone)).hasSize(1);
        assertThat(statuses(id)).containsExactly("SCHEDULED", "DIALING", "NO_RESPONSE");
    }

    @Test
    void aCallBackDecidesABookingStillWaitingForItsCallOnlyForTheVersionItsMenuNamed() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600400002";
        book(
                TENANT,
                id,
                phone,
                2,
                ReservationEventType.CREATED,
                Instant.now().plus(5, ChronoUnit.HOURS),
                "Europe/Madrid");
        await(id, "SCHEDULED");
        String callBack = "s-" + UUID.randomUUID();
        kafka.send(
                        Topics.INBOUND_CALLS.name(),
                        callBack,
                        inbound(TENANT, callBack, InboundCallEventType.DIGITS, phone, id, 1L, "0"))
                .get();
        kafka.send(
                        Topics.INBOUND_CALLS.name(),
                        callBack,
                        inbound(TENANT, callBack, InboundCallEventType.DIGITS, "+34600400099", id, 2L, "0"))
                .get(); // someone else's phone: not theirs to decide
        kafka.send(
                        Topics.INBOUND_CALLS.name(),
                        callBack,
                        inbound(TENANT, callBack, InboundCallEventType.DIGITS, phone, id, 2L, "0"))
                .get();

        CallStatusChanged cancelled = await(id, "CANCELLED_BY_GUEST");
        assertThat(cancelled.getChannel()).isEqualTo(Channel.INBOUND_CALL);
        assertThat(cancelled.getPreviousStatus().name()).isEqualTo("SCHEDULED");
        assertThat(statuses(id)).containsExactly("SCHEDULED", "CANCELLED_BY_GUEST");
        assertThat(countRows("SELECT count(*) AS n FROM inbound_call WHERE session_id = '" + callBack
                        + "' AND digits = '0 0 0'"))
                .isEqualTo(1);
    }

    @Test
    void aCallOutsideOpeningHoursIsAMissedCallTextedAtMostOnceAnHourPerCaller() throws Exception {
        String caller = "+34600400003";
        for (int i = 0; i < 2; i++) {
            String session = "s-" + UUID.randomUUID();
            kafka.send(
                            Topics.INBOUND_CALLS.name(),
                            session,
                            inbound(TENANT, session, InboundCallEventType.RECEIVED, caller, null, null, null))
                    .get();
            InboundCallEvent closed =
                    inbound(TENANT, session, InboundCallEventType.CLOSED_MESSAGE, caller, null, null, null);
            kafka.send(Topics.INBOUND_CALLS.name(), session, closed).get();
            kafka.send(Topics.INBOUND_CALLS.name(), session, closed).get(); // delivered again
        }

        List<ConversationEvent> missed = awaitMissedCalls(TENANT, caller, 2);
        assertThat(missed).extracting(ConversationEvent::getSource).containsOnly("INBOUND_CALL");
        assertThat(missed.get(0).getReason()).isEqualTo("The guest called outside opening hours");
        assertThat(awaitTexts(caller, 1).get(0).text())
                .isEqualTo("Sorry we missed you at Luigi's. Reply here and we'll get back to you.");
        Thread.sleep(1000);
        assertThat(texts.to(caller)).as("one text-back an hour").hasSize(1);
        assertThat(conversation(TENANT, caller).stream()
                        .filter(e -> e.getType().name().equals("MISSED_CALL")))
                .hasSize(2);
    }

    @Test
    void aPutThroughCallBackWhoseSummaryComesFirstIsStillAMissedCallWhenTheVenueIsBusy() throws Exception {
        String caller = "+34600400004";
        String session = "s-" + UUID.randomUUID();
        kafka.send(Topics.SESSION_SUMMARIES.name(), session, summary(TENANT, session, SessionStatus.COMPLETED, "BUSY"))
                .get();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        countRows("SELECT count(*) AS n FROM parked_event WHERE session_id = '" + session + "'") == 1);
        kafka.send(
                        Topics.INBOUND_CALLS.name(),
                        session,
                        inbound(TENANT, session, InboundCallEventType.RECEIVED, caller, null, null, null))
                .get();
        InboundCallEvent putThrough = InboundCallEvent.newBuilder(
                        inbound(TENANT, session, InboundCallEventType.PUT_THROUGH, caller, null, null, null))
                .setTransferTo(VENUE)
                .build();
        kafka.send(Topics.INBOUND_CALLS.name(), session, putThrough).get();

        ConversationEvent missed = awaitMissedCalls(TENANT, caller, 1).get(0);
        assertThat(missed.getReason()).contains("BUSY");
        awaitTexts(caller, 1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        countRows("SELECT count(*) AS n FROM parked_event WHERE session_id = '" + session + "'") == 0);
    }

    @Test
    void bookingsCarryTheirStatusOnBookingsV1AndATombstoneOnceTheyAreOver() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600400005";
        // Starts in three seconds, inside the minimum notice: not called; over (in this test) a second after it starts.
        book(TENANT, id, phone, 1, ReservationEventType.CREATED, Instant.now().plusSeconds(3), "Europe/Madrid");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lastSnapshot(id) != null);
        BookingSnapshot snapshot = lastSnapshot(id);
        assertThat(snapshot.getStatus()).isEqualTo("SKIPPED");
        assertThat(snapshot.getTenantId()).isEqualTo(TENANT);
        assertThat(snapshot.getGuestPhone()).isEqualTo(phone);
        assertThat(snapshot.getVersion()).isEqualTo(1);
        assertThat(snapshot.getKind()).isEqualTo("RESERVATION");
        assertThat(snapshot.getCallId()).isNotNull();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<ConsumerRecord<String, Object>> records = topics.of(Topics.BOOKINGS.name(), id);
            return records.get(records.size() - 1).value() == null;
        });
    }

    BookingSnapshot lastSnapshot(String id) {
        return topics.of(Topics.BOOKINGS.name(), id).stream()
                .map(r -> (BookingSnapshot) r.value())
                .reduce((a, b) -> b)
                .orElse(null);
    }

    List<ConversationEvent> awaitMissedCalls(String tenant, String phone, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> conversation(tenant, phone).stream()
                                .filter(e -> e.getType().name().equals("MISSED_CALL"))
                                .count()
                        >= count);
        return conversation(tenant, phone).stream()
                .filter(e -> e.getType().name().equals("MISSED_CALL"))
                .toList();
    }

    static CallActionReceived key(String session, String digits) {
        return CallActionReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId(TENANT)
                .setSessionId(session)
                .setSubAccountId(TENANT + "_voice")
                .setDigits(digits)
                .setReceivedAt(Instant.now())
                .build();
    }

    /** A session summary whose guest leg was answered and whose bridged leg (callB) ended {@code bridged}. */
    static SessionSummaryReceived summary(String tenant, String session, SessionStatus status, String bridged) {
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
                .setCallCount(2)
                .setLegs(List.of(
                        CallLeg.newBuilder()
                                .setName("calla")
                                .setCallStatus("COMPLETED")
                                .setConnectedAt(start.plusSeconds(2))
                                .setDisconnectedAt(start.plusSeconds(35))
                                .build(),
                        CallLeg.newBuilder()
                                .setName("callb")
                                .setCallStatus(bridged)
                                .setDisconnectedAt(start.plusSeconds(35))
                                .build()))
                .build();
    }

    static InboundCallEvent inbound(
            String tenant,
            String session,
            InboundCallEventType type,
            String caller,
            String reservationId,
            Long version,
            String digits) {
        return InboundCallEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((session + type + digits + version + caller).getBytes(UTF_8))
                        .toString())
                .setOccurredAt(Instant.now())
                .setTenantId(tenant)
                .setSessionId(session)
                .setType(type)
                .setCaller(caller)
                .setVirtualNumber(NUMBER)
                .setReservationId(reservationId)
                .setBookingVersion(version)
                .setDigits(digits)
                .build();
    }
}
