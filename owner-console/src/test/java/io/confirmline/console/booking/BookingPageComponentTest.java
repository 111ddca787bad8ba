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
package io.confirmline.console.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confirmline.console.BackendStandIn;
import io.confirmline.console.BackendStandIn.Answer;
import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import io.confirmline.console.readmodel.ReadModelEvents;
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
 * A booking's page over the real broker and database, the orchestrator and the notifier played by their stand-ins:
 * what the topics said about the booking (its attempts with 8x8's codes, its texts) and what the notifier says was
 * delivered; an OWNER's call-again, cancel and text reach the orchestrator with the tenant's console key, are
 * confirmed on the page and audited without the guest's number; STAFF may look but not act; another tenant's
 * booking is the same 404 as none; a notifier that does not answer leaves a note and the rest of the page.
 */
class BookingPageComponentTest extends ConsoleContext {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADDRESS =
            "10.22.7." + ThreadLocalRandom.current().nextInt(1, 250);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String OWNER = "booking-owner-" + RUN + "@alpha.example";
    private static final String STAFF = "booking-staff-" + RUN + "@alpha.example";
    private static final String PASSWORD = "booking test password";

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    TenantService tenants;

    @Autowired
    io.confirmline.console.language.ConsoleTimes times;

    private PageSession owner;
    private PageSession staff;

    @BeforeEach
    void signIn() {
        owner = signedInAs("alpha", OWNER, "OWNER", PASSWORD, ADDRESS);
        staff = signedInAs("alpha", STAFF, "STAFF", PASSWORD, ADDRESS);
    }

    @Test
    void thePageShowsEveryAttemptWithEightByEightsCodesTheTextsAndWhatThePlatformWasTold() throws Exception {
        String id = "r-detail-" + RUN;
        String phone = phone();
        String callId = UUID.randomUUID().toString();
        Instant startsAt = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        Instant planned = startsAt.minus(30, ChronoUnit.MINUTES);
        publish(Topics.BOOKINGS, id, snapshot("alpha", id, phone, callId, "CONFIRMED", startsAt));
        publish(
                Topics.CALL_STATUS,
                id,
                status(id, callId, 1, CallStatus.SCHEDULED, CallStatus.SCHEDULED)
                        .setScheduledFor(planned)
                        .setDialedAt(null)
                        .setConnectedAt(null)
                        .setEndedAt(null)
                        .setDurationSeconds(null)
                        .setProviderStatus(null)
                        .setProviderErrorCode(null)
                        .setDigits(null)
                        .setReason(null)
                        .build());
        publish(
                Topics.CALL_STATUS,
                id,
                status(id, callId, 1, CallStatus.DIALING, CallStatus.SCHEDULED)
                        .setScheduledFor(null)
                        .setProviderStatus("NO_ANSWER")
                        .setProviderErrorCode(-1017)
                        .setDigits(null)
                        .setConnectedAt(null)
                        .setDurationSeconds(0)
                        .setStatus(CallStatus.UNREACHABLE)
                        .setReason("Nobody answered (8x8 NO_ANSWER)")
                        .build());
        publish(
                Topics.CALL_STATUS,
                id,
                status(id, callId, 2, CallStatus.SCHEDULED, CallStatus.CONFIRMED)
                        .setReason("The guest confirmed (1)")
                        .build());
        publish(
                Topics.CONVERSATIONS,
                Topics.conversationKey("alpha", phone),
                text(
                        phone,
                        id,
                        MessageDirection.OUTBOUND,
                        MessageAuthor.SYSTEM,
                        "Reply YES to confirm your table",
                        DeliveryState.DELIVERED));
        publish(
                Topics.CONVERSATIONS,
                Topics.conversationKey("alpha", phone),
                text(
                        phone,
                        id,
                        MessageDirection.INBOUND,
                        MessageAuthor.GUEST,
                        "YES see you there",
                        DeliveryState.RECEIVED));
        BackendStandIn.NOTIFIER.answer(
                r -> r.path().equals("/api/deliveries")
                        && r.query() != null
                        && r.query().contains("reservationId=" + id),
                r -> Answer.json(200, """
                [{"id":"d-1","webhookId":"w-1","subjectId":"%s","eventId":"e-1","type":"reservation.confirmed",
                  "status":"SUCCEEDED","attempts":2,"createdAt":"2026-11-30T19:00:00Z","nextAttemptAt":null,
                  "deliveredAt":"2026-11-30T19:00:05Z","deadAt":null,"lastStatusCode":204,"lastError":null}]""".formatted(id)));
        await().atMost(WAIT)
                .until(() -> rows("SELECT count(*) AS n FROM call_status_view WHERE subject_id = $1", id) == 3
                        && rows("SELECT count(*) AS n FROM conversation_message WHERE reservation_id = $1", id) == 2
                        && rows("SELECT count(*) AS n FROM booking_view WHERE reservation_id = $1", id) == 1);

        PageSession.Response page = staff.get("/bookings/" + id);

        assertThat(page.status()).isEqualTo(HttpStatus.OK);
        String body = page.body();
        assertThat(body)
                .contains(
                        "id=\"attempts\"",
                        "id=\"texts\"",
                        "id=\"deliveries\"",
                        "Ana María",
                        phone,
                        "data-status=\"CONFIRMED\"");
        String first = section(body, "id=\"attempt-1\"", "</tr>");
        assertThat(first)
                .contains(
                        "Unreachable",
                        "NO_ANSWER",
                        "error -1017",
                        "Nobody answered (8x8 NO_ANSWER)",
                        times.dateTime(planned, "Europe/Madrid", java.util.Locale.ENGLISH),
                        "0 s");
        String second = section(body, "id=\"attempt-2\"", "</tr>");
        assertThat(second).contains("Confirmed", "COMPLETED", "22 s", ">1<", "The guest confirmed (1)");
        assertThat(section(body, "id=\"texts\"", "</section>"))
                .contains("Reply YES to confirm your table", "YES see you there", "Automatic text", "Guest");
        assertThat(section(body, "id=\"deliveries\"", "</section>"))
                .contains("reservation.confirmed", "Delivered", "204")
                .doesNotContain("deliveries-unavailable");
        // Staff look: no controls.
        assertThat(body)
                .doesNotContain("id=\"redial\"", "id=\"cancel-call\"", "id=\"reply-body\"", "id=\"send-reply\"")
                .contains("id=\"read-only\"");
        // The notifier was asked with the tenant's console key, for this booking.
        BackendStandIn.Request asked = BackendStandIn.NOTIFIER.await(
                r -> r.query() != null && r.query().contains("reservationId=" + id), WAIT);
        assertThat(asked.authorization())
                .isEqualTo("Bearer " + tenants.consoleKey("alpha").block().orElseThrow());
    }

    @Test
    void anOwnersCallAgainCancelAndTextReachTheOrchestratorAreConfirmedAndAuditedWithoutTheGuestsNumber()
            throws Exception {
        String id = "r-act-" + RUN;
        String phone = phone();
        String callId = UUID.randomUUID().toString();
        publish(
                Topics.BOOKINGS,
                id,
                snapshot("alpha", id, phone, callId, "SCHEDULED", Instant.now().plus(5, ChronoUnit.HOURS)));
        awaitBooking(id);
        String bearer = "Bearer " + tenants.consoleKey("alpha").block().orElseThrow();
        BackendStandIn.ORCHESTRATOR.answer(
                "POST", "/api/calls/" + callId + "/redial", Answer.json(202, call(callId, id, "SCHEDULED", 1)));
        BackendStandIn.ORCHESTRATOR.answer(
                "POST", "/api/calls/" + callId + "/cancel", Answer.json(202, call(callId, id, "SKIPPED", 1)));

        String page = owner.get("/bookings/" + id).body();
        assertThat(page).contains("id=\"redial\"", "id=\"cancel-call\"", "id=\"reply-body\"", "id=\"send-reply\"");
        String requestId = value(page, "requestId");

        PageSession.Response redial = owner.postForm("/bookings/" + id + "/redial", Map.of("requestId", requestId));
        assertThat(redial.status()).isEqualTo(HttpStatus.SEE_OTHER);
        BackendStandIn.Request asked = BackendStandIn.ORCHESTRATOR
                .requestsTo("POST", "/api/calls/" + callId + "/redial")
                .get(0);
        assertThat(asked.authorization()).isEqualTo(bearer);
        PageSession.Response confirmed = owner.get(redial.location().toString());
        assertThat(section(confirmed.body(), "id=\"flash\"", "</div>"))
                .contains("role=\"status\"", "the guest will be called again");

        owner.postForm("/bookings/" + id + "/cancel-call", Map.of("requestId", value(confirmed.body(), "requestId")));
        assertThat(BackendStandIn.ORCHESTRATOR.requestsTo("POST", "/api/calls/" + callId + "/cancel"))
                .hasSize(1);

        PageSession.Response sent = owner.postForm("/bookings/" + id + "/reply", Map.of("body", "We kept your table"));
        assertThat(sent.status()).isEqualTo(HttpStatus.SEE_OTHER);
        BackendStandIn.Request text = BackendStandIn.ORCHESTRATOR.await(
                r -> r.method().equals("POST") && r.path().equals("/api/conversations/" + phone + "/messages"), WAIT);
        assertThat(text.authorization()).isEqualTo(bearer);
        assertThat(text.body()).isEqualTo("{\"body\":\"We kept your table\"}");
        assertThat(owner.get(sent.location().toString()).body()).contains("Your text is on its way to the guest.");

        List<Map<String, Object>> audit = db.sql(
                        "SELECT actor, action, detail FROM audit_log WHERE tenant_id = 'alpha' "
                                + "AND detail LIKE $1 ORDER BY id")
                .bind(0, "%" + id + "%")
                .fetch()
                .all()
                .collectList()
                .block();
        assertThat(audit)
                .extracting(line -> line.get("action"))
                .containsExactly("booking.redial", "booking.call-cancelled", "booking.reply");
        assertThat(audit).extracting(line -> line.get("actor")).containsOnly(OWNER);
        assertThat(audit.toString()).doesNotContain(phone, phone.substring(3), "We kept your table");
    }

    @Test
    void aRetriedFormIsOneRequestAndTheOrchestratorsRefusalIsShownInThePage() throws Exception {
        String id = "r-refused-" + RUN;
        String callId = UUID.randomUUID().toString();
        publish(
                Topics.BOOKINGS,
                id,
                snapshot(
                        "alpha", id, phone(), callId, "SCHEDULED", Instant.now().plus(5, ChronoUnit.HOURS)));
        awaitBooking(id);
        BackendStandIn.ORCHESTRATOR.answer(
                "POST",
                "/api/calls/" + callId + "/cancel",
                Answer.problem(
                        409, "The guest is being called right now (DIALING): the call can no longer be cancelled"));
        String page = owner.get("/bookings/" + id).body();
        String requestId = value(page, "requestId");

        PageSession.Response refused =
                owner.postForm("/bookings/" + id + "/cancel-call", Map.of("requestId", requestId));
        PageSession.Response again = owner.postForm("/bookings/" + id + "/cancel-call", Map.of("requestId", requestId));

        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(section(refused.body(), "id=\"flash\"", "</div>"))
                .contains(
                        "role=\"alert\"",
                        "The guest is being called right now (DIALING): the call can no longer be cancelled");
        // The same form twice carries the same Idempotency-Key: the orchestrator answers it as one request.
        assertThat(again.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(BackendStandIn.ORCHESTRATOR.requestsTo("POST", "/api/calls/" + callId + "/cancel"))
                .hasSize(2)
                .extracting(r -> r.authorization() != null)
                .containsOnly(true);
        assertThat(rows("SELECT count(*) AS n FROM audit_log WHERE detail LIKE $1", "%" + id + "%"))
                .isZero();
    }

    @Test
    void staffMayNotActAndAnotherTenantsBookingIsTheSameNotFoundAsNone() throws Exception {
        String id = "r-staff-" + RUN;
        String callId = UUID.randomUUID().toString();
        publish(
                Topics.BOOKINGS,
                id,
                snapshot(
                        "alpha", id, phone(), callId, "SCHEDULED", Instant.now().plus(5, ChronoUnit.HOURS)));
        String bravos = "r-bravo-" + RUN;
        publish(
                Topics.BOOKINGS,
                bravos,
                snapshot(
                        "bravo",
                        bravos,
                        phone(),
                        UUID.randomUUID().toString(),
                        "SCHEDULED",
                        Instant.now().plus(5, ChronoUnit.HOURS)));
        awaitBooking(id);
        awaitBooking(bravos);
        staff.get("/bookings/" + id);

        for (String action : List.of("redial", "cancel-call", "reply")) {
            PageSession.Response refused = staff.postForm(
                    "/bookings/" + id + "/" + action,
                    Map.of("requestId", UUID.randomUUID().toString(), "body", "hello"));
            assertThat(refused.status()).as(action).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(BackendStandIn.ORCHESTRATOR.requests(r -> r.path().contains(callId)))
                .isEmpty();

        PageSession.Response other = owner.get("/bookings/" + bravos);
        PageSession.Response none = owner.get("/bookings/r-none-" + RUN);
        assertThat(other.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(none.status()).isEqualTo(HttpStatus.NOT_FOUND);
        // The same page either way (but for the form token, new on every page).
        assertThat(withoutToken(other.body()))
                .isEqualTo(withoutToken(none.body()))
                .doesNotContain(bravos);
        owner.get("/bookings/" + id);
        assertThat(owner.postForm("/bookings/" + bravos + "/redial", Map.of("requestId", "x"))
                        .status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(BackendStandIn.ORCHESTRATOR.requests(r -> r.path().contains(bravos)))
                .isEmpty();
    }

    @Test
    void aNotifierThatDoesNotAnswerLeavesANoteAndTheRestOfThePage() throws Exception {
        String id = "r-down-" + RUN;
        publish(
                Topics.BOOKINGS,
                id,
                snapshot(
                        "alpha",
                        id,
                        phone(),
                        UUID.randomUUID().toString(),
                        "SCHEDULED",
                        Instant.now().plus(5, ChronoUnit.HOURS)));
        awaitBooking(id);
        BackendStandIn.NOTIFIER.answer(
                r -> r.query() != null && r.query().contains("reservationId=" + id),
                r -> Answer.problem(503, "The delivery log is unavailable for the moment"));

        PageSession.Response page = owner.get("/bookings/" + id);

        assertThat(page.status()).isEqualTo(HttpStatus.OK);
        assertThat(page.body())
                .contains(
                        "id=\"deliveries-unavailable\"", "Deliveries unavailable", "id=\"attempts\"", "id=\"redial\"");
    }

    private void awaitBooking(String id) {
        await().atMost(WAIT)
                .until(() -> rows("SELECT count(*) AS n FROM booking_view WHERE reservation_id = $1", id) == 1);
    }

    private long rows(String sql, String value) {
        return db.sql(sql)
                .bind(0, value)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    private void publish(io.confirmline.events.Topic<?> topic, String key, SpecificRecord value) throws Exception {
        kafka.send(topic.name(), key, value).get();
    }

    static BookingSnapshot snapshot(
            String tenant, String id, String phone, String callId, String status, Instant startsAt) {
        return BookingSnapshot.newBuilder(ReadModelEvents.snapshot(tenant, id, 1, status, startsAt))
                .setGuestPhone(phone)
                .setCallId(callId)
                .build();
    }

    static CallStatusChanged.Builder status(String id, String callId, int attempt, CallStatus from, CallStatus to) {
        return CallStatusChanged.newBuilder(ReadModelEvents.status("alpha", id, to))
                .setCallId(callId)
                .setAttempt(attempt)
                .setPreviousStatus(from)
                .setSubjectType(SubjectType.RESERVATION)
                .setChannel(Channel.VOICE)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static ConversationEvent text(
            String phone,
            String id,
            MessageDirection direction,
            MessageAuthor author,
            String body,
            DeliveryState delivery) {
        return ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId("alpha")
                .setPhone(phone)
                .setType(
                        direction == MessageDirection.INBOUND
                                ? ConversationEventType.MESSAGE_RECEIVED
                                : ConversationEventType.MESSAGE_SENT)
                .setReservationId(id)
                .setMessage(ConversationMessage.newBuilder()
                        .setMessageId(UUID.randomUUID().toString())
                        .setDirection(direction)
                        .setAuthor(author)
                        .setBody(body)
                        .setDelivery(delivery)
                        .setReservationId(id)
                        .setNeedsAttention(false)
                        .build())
                .build();
    }

    static String call(String callId, String id, String status, int attempt) {
        return """
                {"callId":"%s","type":"RESERVATION","subjectId":"%s","status":"%s","attempt":%d,
                 "scheduledFor":"2026-11-30T20:00:00Z","validUntil":null,"reason":null,"digits":null,"attempts":[]}""".formatted(callId, id, status, attempt);
    }

    static String value(String page, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + field + "\"\\s+value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(m.find()).as(field + " in the page").isTrue();
        return m.group(1);
    }

    static String withoutToken(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
    }

    static String section(String page, String from, String to) {
        int start = page.indexOf(from);
        assertThat(start).as(from + " in the page").isNotNegative();
        int end = page.indexOf(to, start);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    static String phone() {
        return "+3461" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }
}
