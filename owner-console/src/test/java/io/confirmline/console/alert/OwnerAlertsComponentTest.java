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
package io.confirmline.console.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confirmline.console.BackendStandIn;
import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import io.confirmline.console.tenant.TenantService;
import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Channel;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.ConversationMessage;
import io.confirmline.events.DeliveryState;
import io.confirmline.events.MessageAuthor;
import io.confirmline.events.MessageDirection;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Owner alerts over the real broker and database, the orchestrator played by its stand-in: the owner saves where
 * and when to be texted; a late cancellation and a guest left unanswered each become exactly one
 * {@code POST /api/owner-alerts} with the tenant's console key, whatever the rounds; an early cancellation, a
 * guest the assistant answered and a fresh message none. Tenant bravo; its alert settings are this class's.
 */
class OwnerAlertsComponentTest extends ConsoleContext {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADDRESS =
            "10.16.5." + ThreadLocalRandom.current().nextInt(1, 250);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String OWNER = "alerts-owner-" + RUN + "@bravo.example";
    private static final String STAFF = "alerts-staff-" + RUN + "@bravo.example";
    private static final String PASSWORD = "alerts test password";

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    TenantService tenants;

    @Autowired
    OwnerAlerts alerts;

    private PageSession owner;

    @BeforeEach
    void signIn() {
        owner = signedInAs("bravo", OWNER, "OWNER", PASSWORD, ADDRESS);
        BackendStandIn.ORCHESTRATOR.answer(
                "POST", "/api/owner-alerts", BackendStandIn.Answer.json(202, "{\"state\":\"SENT\"}"));
    }

    @Test
    void theOwnerSavesAlertsAndStaffOnlyReadsThem() {
        owner.get("/settings/alerts");
        PageSession.Response invalid = owner.postForm(
                "/settings/alerts", Map.of("ownerPhone", "+34 123", "lateCancelHours", "73", "unansweredMinutes", "0"));
        assertThat(invalid.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(invalid.body())
                .contains("id=\"ownerPhone-error\"", "id=\"lateCancelHours-error\"", "id=\"unansweredMinutes-error\"");

        saveAlerts("3", "");
        assertThat(owner.get("/settings/alerts?saved").body())
                .contains("value=\"+34612345678\"", "value=\"3\"", "Alerts saved.");
        assertThat(db.sql("SELECT unanswered_minutes FROM alert_settings WHERE tenant_id = 'bravo'")
                        .map(row -> java.util.Optional.ofNullable(row.get("unanswered_minutes", Integer.class)))
                        .one()
                        .block())
                .isEmpty();

        PageSession staff = signedInAs("bravo", STAFF, "STAFF", PASSWORD, ADDRESS);
        assertThat(staff.get("/settings/alerts").body())
                .contains("value=\"+34612345678\"")
                .doesNotContain("alerts-save");
        assertThat(staff.postForm("/settings/alerts", Map.of("ownerPhone", "+34612345679"))
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aLateCancellationIsTextedToTheOwnerOnceAndAnEarlyOneNot() throws Exception {
        saveAlerts("3", "5");
        String late = "r-late-" + RUN;
        String early = "r-early-" + RUN;
        book(late, "Lucía Late " + RUN, Instant.now().plus(2, ChronoUnit.HOURS));
        book(early, "Eva Early " + RUN, Instant.now().plus(30, ChronoUnit.HOURS));
        cancel(late);
        cancel(early);
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) AS n FROM call_status_view c JOIN booking_view b "
                                + "ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id WHERE c.tenant_id = 'bravo' "
                                + "AND c.subject_id IN ('" + late + "', '" + early + "')")
                        == 2);

        alerts.runOnce();
        alerts.runOnce();

        List<BackendStandIn.Request> sent = requestsAbout("Lucía Late " + RUN);
        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.authorization())
                    .isEqualTo("Bearer " + tenants.consoleKey("bravo").block().orElseThrow());
            assertThat(request.body())
                    .contains("\"to\":\"+34612345678\"", "\"alertId\":\"", "cancelled the booking", "(party of 4)");
        });
        assertThat(requestsAbout("Eva Early " + RUN)).isEmpty();
        assertThat(count("SELECT count(*) AS n FROM alert_sent WHERE alert_key = 'late-cancel:bravo:" + late
                        + "' AND sent_at IS NOT NULL"))
                .isEqualTo(1);
    }

    @Test
    void aGuestLeftUnansweredIsTextedToTheOwnerOncePerWait() throws Exception {
        saveAlerts("", "5");
        String waiting = phone();
        String answered = phone();
        String fresh = phone();
        Instant now = Instant.now();
        publish(received(waiting, "Waiting first " + RUN, now.minus(10, ChronoUnit.MINUTES)));
        publish(received(waiting, "Waiting again " + RUN, now.minus(8, ChronoUnit.MINUTES)));
        publish(received(answered, "Answered " + RUN, now.minus(10, ChronoUnit.MINUTES)));
        publish(message(
                answered,
                ConversationEventType.MESSAGE_SENT,
                MessageDirection.OUTBOUND,
                MessageAuthor.ASSISTANT,
                "We open at 13:00",
                DeliveryState.DELIVERED,
                false,
                now.minus(9, ChronoUnit.MINUTES)));
        publish(received(fresh, "Fresh " + RUN, now.minus(1, ChronoUnit.MINUTES)));
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) AS n FROM conversation_message WHERE tenant_id = 'bravo'"
                                + " AND phone IN ('" + waiting + "', '" + answered + "', '" + fresh + "')")
                        == 5);

        alerts.runOnce();
        alerts.runOnce();

        assertThat(requestsAbout(waiting))
                .singleElement()
                .satisfies(request ->
                        assertThat(request.body()).contains("Waiting first " + RUN, "has waited 10 minutes"));
        assertThat(requestsAbout(answered)).isEmpty();
        assertThat(requestsAbout(fresh)).isEmpty();
    }

    @Test
    void anAlertTheOrchestratorCouldNotTakeIsAskedAgainWithTheSameId() throws Exception {
        saveAlerts("", "5");
        String guest = phone();
        BackendStandIn.ORCHESTRATOR.answer(
                r -> r.path().equals("/api/owner-alerts") && r.body().contains(guest),
                r -> BackendStandIn.Answer.problem(503, "down for a moment"));
        publish(received(guest, "Hello? " + RUN, Instant.now().minus(6, ChronoUnit.MINUTES)));
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) AS n FROM conversation_message WHERE tenant_id = 'bravo'"
                                + " AND phone = '" + guest + "'")
                        == 1);
        alerts.runOnce();
        assertThat(requestsAbout(guest)).hasSize(1);

        BackendStandIn.ORCHESTRATOR.answer(
                r -> r.path().equals("/api/owner-alerts") && r.body().contains(guest),
                r -> BackendStandIn.Answer.json(202, "{\"state\":\"SENT\"}"));
        db.sql("UPDATE alert_sent SET next_try_at = now() WHERE subject = $1")
                .bind(0, guest)
                .then()
                .block();
        alerts.runOnce();

        List<BackendStandIn.Request> tries = requestsAbout(guest);
        assertThat(tries).hasSize(2);
        assertThat(alertId(tries.get(1))).isEqualTo(alertId(tries.get(0)));
        assertThat(count(
                        "SELECT count(*) AS n FROM alert_sent WHERE subject = '" + guest + "' AND sent_at IS NOT NULL"))
                .isEqualTo(1);
    }

    // --- helpers

    /** Saves bravo's alerts through the page, as if they had been on for an hour (older events count too). */
    private void saveAlerts(String hours, String minutes) {
        owner.get("/settings/alerts");
        PageSession.Response saved = owner.postForm(
                "/settings/alerts",
                Map.of("ownerPhone", "+34 612 345 678", "lateCancelHours", hours, "unansweredMinutes", minutes));
        assertThat(saved.location()).hasToString("/settings/alerts?saved");
        db.sql("UPDATE alert_settings SET since = now() - interval '1 hour' WHERE tenant_id = 'bravo'")
                .then()
                .block();
    }

    private static List<BackendStandIn.Request> requestsAbout(String text) {
        return BackendStandIn.ORCHESTRATOR.requests(r -> r.method().equals("POST")
                && r.path().equals("/api/owner-alerts")
                && r.body().contains(text));
    }

    private static String alertId(BackendStandIn.Request request) {
        int at = request.body().indexOf("\"alertId\":\"") + 11;
        return request.body().substring(at, request.body().indexOf('"', at));
    }

    private static String phone() {
        return "+3461" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private void book(String reservation, String name, Instant startsAt) throws Exception {
        BookingSnapshot snapshot = BookingSnapshot.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId("bravo")
                .setReservationId(reservation)
                .setVersion(1)
                .setKind("RESERVATION")
                .setCancelled(false)
                .setStartsAt(startsAt.truncatedTo(ChronoUnit.MILLIS))
                .setTimeZone("Asia/Singapore")
                .setGuestName(name)
                .setGuestPhone(phone())
                .setGuestLocale("es-ES")
                .setVenueName("Bravo Grill")
                .setPartySize(4)
                .setCallId(null)
                .setStatus("SCHEDULED")
                .setChannel("VOICE")
                .setAttempt(1)
                .setReason(null)
                .build();
        kafka.send(Topics.BOOKINGS.name(), reservation, snapshot).get();
    }

    private void cancel(String reservation) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallStatusChanged cancelled = CallStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setTenantId("bravo")
                .setSubjectType(SubjectType.RESERVATION)
                .setSubjectId(reservation)
                .setCallId(UUID.randomUUID().toString())
                .setAttempt(1)
                .setPreviousStatus(CallStatus.IN_PROGRESS)
                .setStatus(CallStatus.CANCELLED_BY_GUEST)
                .setChannel(Channel.VOICE)
                .setReason("The guest pressed the cancel key (0)")
                .setDigits("0")
                .setDialedAt(now.minusSeconds(30))
                .setConnectedAt(now.minusSeconds(22))
                .setEndedAt(now)
                .setDurationSeconds(22)
                .setProviderStatus("COMPLETED")
                .setProviderErrorCode(0)
                .build();
        kafka.send(Topics.CALL_STATUS.name(), reservation, cancelled).get();
    }

    private void publish(ConversationEvent event) throws Exception {
        kafka.send(Topics.CONVERSATIONS.name(), Topics.conversationKey(event.getTenantId(), event.getPhone()), event)
                .get();
    }

    private static ConversationEvent received(String phone, String body, Instant at) {
        return message(
                phone,
                ConversationEventType.MESSAGE_RECEIVED,
                MessageDirection.INBOUND,
                MessageAuthor.GUEST,
                body,
                DeliveryState.RECEIVED,
                true,
                at);
    }

    private static ConversationEvent message(
            String phone,
            ConversationEventType type,
            MessageDirection direction,
            MessageAuthor author,
            String body,
            DeliveryState delivery,
            boolean attention,
            Instant at) {
        return ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at.truncatedTo(ChronoUnit.MILLIS))
                .setTenantId("bravo")
                .setPhone(phone)
                .setType(type)
                .setMessage(ConversationMessage.newBuilder()
                        .setMessageId(UUID.randomUUID().toString())
                        .setDirection(direction)
                        .setAuthor(author)
                        .setBody(body)
                        .setDelivery(delivery)
                        .setNeedsAttention(attention)
                        .build())
                .build();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get("n", Long.class)).one().block();
    }
}
