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
package io.confirmline.console.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confirmline.console.BackendStandIn;
import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import io.confirmline.console.tenant.TenantService;
import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.ConversationMessage;
import io.confirmline.events.DeliveryState;
import io.confirmline.events.GuestRequest;
import io.confirmline.events.MessageAuthor;
import io.confirmline.events.MessageDirection;
import io.confirmline.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The conversations inbox over the real broker and database, the orchestrator played by its stand-in: threads and
 * unread counts from ConversationEvents on conversations.v1, opening a thread reads it, an OWNER's reply, quick
 * reply and take-over reach the orchestrator with the tenant's console key (confirmed on the page, audited), STAFF
 * may look but not act, another tenant's thread is not found, an opted-out guest cannot be texted, and the quick
 * replies are the owner's to manage.
 */
class InboxComponentTest extends ConsoleContext {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADDRESS =
            "10.16.4." + ThreadLocalRandom.current().nextInt(1, 250);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String OWNER = "inbox-owner-" + RUN + "@alpha.example";
    private static final String STAFF = "inbox-staff-" + RUN + "@alpha.example";
    private static final String PASSWORD = "inbox test password";

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    TenantService tenants;

    private PageSession owner;
    private PageSession staff;

    @BeforeEach
    void signIn() {
        owner = signedInAs("alpha", OWNER, "OWNER", PASSWORD, ADDRESS);
        staff = signedInAs("alpha", STAFF, "STAFF", PASSWORD, ADDRESS);
    }

    @Test
    void theInboxListsThreadsNewestFirstWithTheirGuestUnreadCountsAndMarkers() throws Exception {
        String ana = phone();
        String marta = phone();
        String gone = phone();
        publish(received(
                "alpha", ana, "Can we bring a dog?", false, Instant.now().minusSeconds(60)));
        publish(received("alpha", ana, "A small one", true, Instant.now().minusSeconds(50)));
        publish(received("alpha", gone, "STOP", false, Instant.now().minusSeconds(40)));
        publish(fact("alpha", gone, ConversationEventType.OPTED_OUT));
        kafka.send(Topics.BOOKINGS.name(), "r-" + RUN, booking("alpha", "r-" + RUN, marta, "Marta Ruiz"))
                .get();
        publish(received(
                "alpha", marta, "Running 10 minutes late", false, Instant.now().minusSeconds(30)));
        awaitThread("alpha", marta, 1);
        awaitThread("alpha", ana, 2);
        await().atMost(WAIT).until(() -> owner.get("/conversations").body().contains("Marta Ruiz"));

        String page = owner.get("/conversations").body();
        assertThat(page.indexOf(marta)).isLessThan(page.indexOf(gone));
        assertThat(page.indexOf(gone)).isLessThan(page.indexOf(ana));
        assertThat(line(page, marta))
                .contains("Marta Ruiz", "Running 10 minutes late", "1 unread message")
                .doesNotContain("Needs attention");
        assertThat(line(page, ana))
                .contains("A small one", "class=\"unread\"", "2 unread messages", "Needs attention")
                .doesNotContain("Opted out");
        assertThat(line(page, gone)).contains("Opted out");
        // Live: the page follows the console's feed through its own script.
        assertThat(page).contains("src=\"/js/inbox.js\"", "data-live=\"/live\"");
    }

    @Test
    void openingAThreadShowsWhoWroteWhatAndReadsItForStaffToo() throws Exception {
        String guest = phone();
        publish(received(
                "alpha", guest, "Is the terrace open?", false, Instant.now().minusSeconds(30)));
        publish(sent(
                "alpha",
                guest,
                MessageAuthor.ASSISTANT,
                "Yes, until 23:00",
                DeliveryState.DELIVERED,
                Instant.now().minusSeconds(20)));
        publish(received("alpha", guest, "Great, thanks", false, Instant.now().minusSeconds(10)));
        awaitThread("alpha", guest, 2);

        PageSession.Response thread = staff.get("/conversations/" + guest);

        assertThat(thread.status()).isEqualTo(HttpStatus.OK);
        assertThat(thread.body())
                .contains(
                        "Is the terrace open?",
                        "Yes, until 23:00",
                        "Great, thanks",
                        "Guest",
                        "Assistant",
                        "Delivered",
                        "author-assistant",
                        "inbound");
        assertThat(thread.body())
                .doesNotContain("id=\"reply-body\"", "id=\"send-reply\"", "id=\"take-over\"")
                .contains("only the venue&#39;s owner can answer it");
        assertThat(unread("alpha", guest)).isZero();
        assertThat(line(owner.get("/conversations").body(), guest)).doesNotContain("class=\"unread\"");
        // A new text after the visit is unread again.
        publish(received("alpha", guest, "One more thing", false, Instant.now()));
        await().atMost(WAIT).until(() -> unread("alpha", guest) == 1);
    }

    @Test
    void theAssistantsTextsAreMarkedAndWhatTheGuestAskedThePlatformForIsALineOfTheThread() throws Exception {
        String guest = phone();
        Instant asked = Instant.now().minusSeconds(40);
        publish(received("alpha", guest, "Can we make it 8:30? We are 4 now", false, asked));
        publish(ask("alpha", guest, ConversationEventType.CHANGE_REQUESTED, "20:30", 4, asked.plusMillis(5)));
        publish(sent(
                "alpha",
                guest,
                MessageAuthor.ASSISTANT,
                "I have asked the restaurant to move your table to 20:30",
                DeliveryState.DELIVERED,
                asked.plusSeconds(2)));
        awaitThread("alpha", guest, 2);
        await().atMost(WAIT).until(() -> asks("alpha", guest) == 1);

        String thread = owner.get("/conversations/" + guest).body();
        // The assistant's text carries its badge, with words for a screen reader; the guest's does not.
        assertThat(thread)
                .containsPattern("<span class=\"author badge assistant\">Assistant<span class=\"visually-hidden\">"
                        + ", written by the AI assistant, not by your team</span></span>");
        assertThat(thread.indexOf("badge assistant")).isGreaterThan(thread.indexOf("Can we make it 8:30?"));
        // The request is a line of its own, after the text it was read from and before the answer.
        String line = "Asked to change to 8:30 PM, 4 people — sent to your booking platform";
        assertThat(thread).contains("<p class=\"ask-line\">" + line + "</p>");
        assertThat(thread.indexOf(line))
                .isBetween(thread.indexOf("Can we make it 8:30?"), thread.indexOf("I have asked the restaurant"));
        assertThat(line(owner.get("/conversations").body(), guest)).contains("Assistant replied");

        String spanish = owner.get("/conversations/" + guest, "es-ES,es;q=0.9").body();
        assertThat(spanish)
                .contains(
                        "<span class=\"author badge assistant\">Asistente<span",
                        "Pidió un cambio: 20:30, 4 personas — enviado a su plataforma de reservas");
    }

    @Test
    void aThreadTheAssistantFailedOnSaysWhyItNeedsAttention() throws Exception {
        String guest = phone();
        String fine = phone();
        publish(received(
                "alpha", guest, "Is there parking nearby?", true, Instant.now().minusSeconds(30)));
        publish(system(
                "alpha",
                guest,
                "ASSISTANT_FALLBACK",
                "Thanks for your message — the team will reply shortly.",
                Instant.now().minusSeconds(28)));
        publish(received(
                "alpha", fine, "Do you have vegan dishes?", true, Instant.now().minusSeconds(20)));
        publish(system(
                "alpha",
                fine,
                "HOLDING_REPLY",
                "Thanks for your message — the team will reply shortly.",
                Instant.now().minusSeconds(18)));
        awaitThread("alpha", guest, 2);
        awaitThread("alpha", fine, 2);

        String inbox = owner.get("/conversations").body();
        assertThat(line(inbox, guest)).contains("Needs attention: the assistant could not answer", "Automatic reply");
        // Flagged too (nobody answered yet), but the assistant was not the one that failed: it is off.
        assertThat(line(inbox, fine))
                .contains("Needs attention", "Automatic reply")
                .doesNotContain("the assistant could not answer");

        String thread = owner.get("/conversations/" + guest).body();
        assertThat(thread).contains("id=\"assistant-failed\"", "Automatic reply: the assistant could not answer");
        assertThat(owner.get("/conversations/" + fine).body())
                .contains("Automatic reply: nobody answered in time")
                .doesNotContain("id=\"assistant-failed\"");

        // Once the owner answers, the thread no longer needs attention, nor says the assistant failed.
        publish(sent("alpha", guest, MessageAuthor.OWNER, "Yes, on Calle Mayor", DeliveryState.SENT, Instant.now()));
        await().atMost(WAIT)
                .until(() -> !line(owner.get("/conversations").body(), guest).contains("Needs attention"));
        assertThat(owner.get("/conversations/" + guest).body()).doesNotContain("id=\"assistant-failed\"");
    }

    @Test
    void anOwnersReplyQuickReplyAndTakeOverReachTheOrchestratorWithTheConsoleKey() throws Exception {
        String guest = phone();
        publish(received(
                "alpha", guest, "Can I change to 9pm?", true, Instant.now().minusSeconds(30)));
        awaitThread("alpha", guest, 1);
        String bearer = "Bearer " + tenants.consoleKey("alpha").block().orElseThrow();

        PageSession.Response page = owner.get("/conversations/" + guest);
        assertThat(page.body()).contains("id=\"reply-body\"", "id=\"send-reply\"", "id=\"take-over\"");
        PageSession.Response sent =
                owner.postForm("/conversations/" + guest + "/reply", Map.of("body", "Of course, see you at 9"));

        assertThat(sent.status()).isEqualTo(HttpStatus.SEE_OTHER);
        BackendStandIn.Request reply = BackendStandIn.ORCHESTRATOR.await(
                r -> r.method().equals("POST") && r.path().equals("/api/conversations/" + guest + "/messages"), WAIT);
        assertThat(reply.authorization()).isEqualTo(bearer);
        assertThat(reply.body()).isEqualTo("{\"body\":\"Of course, see you at 9\"}");
        PageSession.Response after = owner.get(sent.location().toString());
        assertThat(after.body())
                .contains(
                        "id=\"flash\"",
                        "Your text is on its way to the guest.",
                        "You are answering this guest; automatic replies are off.");
        assertThat(audit("conversation.reply", OWNER)).isEqualTo(1);

        // A quick reply is sent as it is written.
        String label = "Late " + RUN;
        owner.get("/settings/quick-replies");
        owner.postForm("/settings/quick-replies", Map.of("label", label, "body", "We keep your table 15 minutes"));
        long id = quickReplyId("alpha", label);
        owner.get("/conversations/" + guest);
        assertThat(owner.postForm("/conversations/" + guest + "/reply", Map.of("quickReply", Long.toString(id)))
                        .status())
                .isEqualTo(HttpStatus.SEE_OTHER);
        await().atMost(WAIT)
                .until(() -> BackendStandIn.ORCHESTRATOR
                                .requestsTo("POST", "/api/conversations/" + guest + "/messages")
                                .size()
                        == 2);
        assertThat(BackendStandIn.ORCHESTRATOR
                        .requestsTo("POST", "/api/conversations/" + guest + "/messages")
                        .get(1)
                        .body())
                .isEqualTo("{\"body\":\"We keep your table 15 minutes\"}");

        // Take over another guest's conversation.
        String other = phone();
        publish(received("alpha", other, "Hello?", false, Instant.now()));
        awaitThread("alpha", other, 1);
        owner.get("/conversations/" + other);
        PageSession.Response taken = owner.postForm("/conversations/" + other + "/takeover", Map.of());
        assertThat(taken.status()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(BackendStandIn.ORCHESTRATOR.requestsTo("POST", "/api/conversations/" + other + "/takeover"))
                .singleElement()
                .extracting(BackendStandIn.Request::authorization)
                .isEqualTo(bearer);
        assertThat(owner.get(taken.location().toString()).body())
                .contains(
                        "You have taken over this conversation: automatic replies are off.",
                        "You are answering this guest; automatic replies are off.")
                .doesNotContain("id=\"take-over\"");
        assertThat(audit("conversation.takeover", OWNER)).isEqualTo(1);
    }

    @Test
    void staffCannotActAndAnotherTenantsThreadIsNotFound() throws Exception {
        String guest = phone();
        publish(received("alpha", guest, "Hi", false, Instant.now()));
        String bravoGuest = phone();
        publish(received("bravo", bravoGuest, "Hola", false, Instant.now()));
        awaitThread("alpha", guest, 1);
        awaitThread("bravo", bravoGuest, 1);

        staff.get("/conversations/" + guest);
        assertThat(staff.postForm("/conversations/" + guest + "/reply", Map.of("body", "hi"))
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(staff.postForm("/conversations/" + guest + "/takeover", Map.of())
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);

        PageSession.Response foreign = owner.get("/conversations/" + bravoGuest);
        assertThat(foreign.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.body()).contains("id=\"not-found\"").doesNotContain("Hola");
        assertThat(owner.postForm("/conversations/" + bravoGuest + "/reply", Map.of("body", "hi"))
                        .status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(owner.get("/conversations/0034600").status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(owner.get("/conversations").body()).doesNotContain(bravoGuest);
        Thread.sleep(300);
        assertThat(BackendStandIn.ORCHESTRATOR.requests(
                        r -> r.path().contains(guest) || r.path().contains(bravoGuest)))
                .isEmpty();
    }

    @Test
    void anOptedOutGuestCannotBeTextedAndTheOrchestratorsReasonIsShown() throws Exception {
        String guest = phone();
        publish(received("alpha", guest, "STOP", false, Instant.now().minusSeconds(5)));
        publish(fact("alpha", guest, ConversationEventType.OPTED_OUT));
        await().atMost(WAIT)
                .until(() -> db.sql("SELECT opted_out FROM conversation_thread WHERE tenant_id = 'alpha' "
                                + "AND phone = $1")
                        .bind(0, guest)
                        .map(row -> row.get("opted_out", Boolean.class))
                        .one()
                        .blockOptional()
                        .orElse(false));
        BackendStandIn.ORCHESTRATOR.answer(
                "POST",
                "/api/conversations/" + guest + "/messages",
                BackendStandIn.Answer.problem(409, "The guest opted out: no text can be sent to them"));

        PageSession.Response page = owner.get("/conversations/" + guest);
        assertThat(page.body()).contains("id=\"opted-out\"", "This guest opted out of texts");
        assertThat(page.body()).containsPattern("<textarea id=\"reply-body\"[^>]*disabled");
        PageSession.Response refused = owner.postForm("/conversations/" + guest + "/reply", Map.of("body", "Sorry"));

        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.body()).contains("id=\"flash\"", "The guest opted out: no text can be sent to them");
        assertThat(audit("conversation.reply", OWNER + "-never")).isZero();
    }

    @Test
    void theOwnerManagesQuickRepliesAndStaffOnlyReadsThem() {
        String first = "First " + RUN;
        String second = "Second " + RUN;
        owner.get("/settings/quick-replies");
        assertThat(owner.postForm("/settings/quick-replies", Map.of("label", first, "body", "One"))
                        .location())
                .hasToString("/settings/quick-replies?saved=added");
        owner.postForm("/settings/quick-replies", Map.of("label", second, "body", "Two"));
        long firstId = quickReplyId("alpha", first);
        long secondId = quickReplyId("alpha", second);
        String page = owner.get("/settings/quick-replies").body();
        assertThat(page.indexOf(first)).isLessThan(page.indexOf(second));

        owner.postForm("/settings/quick-replies/" + secondId + "/move", Map.of("direction", "up"));
        page = owner.get("/settings/quick-replies").body();
        assertThat(page.indexOf(second)).isLessThan(page.indexOf(first));
        assertThat(owner.postForm("/settings/quick-replies/" + firstId, Map.of("label", first, "body", "One, edited"))
                        .location())
                .hasToString("/settings/quick-replies?saved=changed");
        assertThat(owner.get("/settings/quick-replies?saved=changed").body()).contains("One, edited", "id=\"flash\"");

        // One SMS of six segments at most: 918 GSM-7 characters, 402 otherwise.
        PageSession.Response tooLong =
                owner.postForm("/settings/quick-replies", Map.of("label", "Long", "body", "a".repeat(919)));
        assertThat(tooLong.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.body()).contains("id=\"new-body-error\"", "The text is too long");
        assertThat(owner.postForm("/settings/quick-replies", Map.of("label", "Emoji " + RUN, "body", "🙂".repeat(202)))
                        .status())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(owner.postForm("/settings/quick-replies", Map.of("label", "", "body", "x"))
                        .body())
                .contains("id=\"new-label-error\"");

        String staffPage = staff.get("/settings/quick-replies").body();
        assertThat(staffPage).contains(first, "One, edited").doesNotContain("add-quick-reply-form");
        assertThat(staff.postForm("/settings/quick-replies/" + firstId + "/delete", Map.of())
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(staff.postForm("/settings/quick-replies", Map.of("label", "x", "body", "y"))
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);

        owner.get("/settings/quick-replies");
        assertThat(owner.postForm("/settings/quick-replies/" + firstId + "/delete", Map.of())
                        .location())
                .hasToString("/settings/quick-replies?saved=deleted");
        assertThat(owner.get("/settings/quick-replies").body())
                .doesNotContain(first)
                .contains(second);
        assertThat(audit("quick-reply.deleted", OWNER)).isEqualTo(1);
        // Bravo's owner never sees alpha's replies: every statement is the tenant's.
        assertThat(db.sql("SELECT count(*) AS n FROM quick_reply WHERE tenant_id = 'bravo' AND label = $1")
                        .bind(0, second)
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isZero();
    }

    // --- helpers

    private static String phone() {
        return "+3460" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private void publish(ConversationEvent event) throws Exception {
        kafka.send(Topics.CONVERSATIONS.name(), Topics.conversationKey(event.getTenantId(), event.getPhone()), event)
                .get();
    }

    static ConversationEvent received(String tenant, String phone, String body, boolean attention, Instant at) {
        return message(
                tenant,
                phone,
                ConversationEventType.MESSAGE_RECEIVED,
                MessageDirection.INBOUND,
                MessageAuthor.GUEST,
                body,
                DeliveryState.RECEIVED,
                attention,
                at);
    }

    static ConversationEvent sent(
            String tenant, String phone, MessageAuthor author, String body, DeliveryState delivery, Instant at) {
        return message(
                tenant,
                phone,
                ConversationEventType.MESSAGE_SENT,
                MessageDirection.OUTBOUND,
                author,
                body,
                delivery,
                false,
                at);
    }

    static ConversationEvent message(
            String tenant,
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
                .setTenantId(tenant)
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

    /** A template ConfirmLine sent in a person's or the assistant's place ({@code purpose}). */
    static ConversationEvent system(String tenant, String phone, String purpose, String body, Instant at) {
        ConversationEvent event = sent(tenant, phone, MessageAuthor.SYSTEM, body, DeliveryState.DELIVERED, at);
        return ConversationEvent.newBuilder(event)
                .setMessage(ConversationMessage.newBuilder(event.getMessage())
                        .setPurpose(purpose)
                        .build())
                .build();
    }

    /** The guest asked the platform for another time or party size ({@code CHANGE_REQUESTED}) or a table. */
    static ConversationEvent ask(
            String tenant, String phone, ConversationEventType type, String time, int people, Instant at) {
        return ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at.truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(tenant)
                .setPhone(phone)
                .setType(type)
                .setRequest(GuestRequest.newBuilder()
                        .setWantedTime(time)
                        .setPartySize(people)
                        .setWords("Can we make it 8:30? We are 4 now")
                        .setReadBy("ASSISTANT")
                        .build())
                .build();
    }

    static ConversationEvent fact(String tenant, String phone, ConversationEventType type) {
        return ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(tenant)
                .setPhone(phone)
                .setType(type)
                .setSource("GUEST")
                .setReason("STOP")
                .build();
    }

    static BookingSnapshot booking(String tenant, String reservation, String phone, String name) {
        return BookingSnapshot.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId(tenant)
                .setReservationId(reservation)
                .setVersion(1)
                .setKind("RESERVATION")
                .setCancelled(false)
                .setStartsAt(Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS))
                .setTimeZone("Europe/Madrid")
                .setGuestName(name)
                .setGuestPhone(phone)
                .setGuestLocale("es-ES")
                .setVenueName("Alpha Bistro")
                .setPartySize(2)
                .setCallId(null)
                .setStatus("SCHEDULED")
                .setChannel("VOICE")
                .setAttempt(1)
                .setReason(null)
                .build();
    }

    private void awaitThread(String tenant, String phone, int messages) {
        await().atMost(WAIT)
                .until(() -> db.sql("SELECT count(*) AS n FROM conversation_message WHERE tenant_id = $1 "
                                        + "AND phone = $2")
                                .bind(0, tenant)
                                .bind(1, phone)
                                .map(row -> row.get("n", Long.class))
                                .one()
                                .block()
                        >= messages);
    }

    private long asks(String tenant, String phone) {
        return db.sql("SELECT count(*) AS n FROM guest_fact WHERE tenant_id = $1 AND phone = $2")
                .bind(0, tenant)
                .bind(1, phone)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    private int unread(String tenant, String phone) {
        return db.sql("SELECT unread FROM conversation_thread WHERE tenant_id = $1 AND phone = $2")
                .bind(0, tenant)
                .bind(1, phone)
                .map(row -> row.get("unread", Integer.class))
                .one()
                .block();
    }

    private long quickReplyId(String tenant, String label) {
        return db.sql("SELECT id FROM quick_reply WHERE tenant_id = $1 AND label = $2")
                .bind(0, tenant)
                .bind(1, label)
                .map(row -> row.get("id", Long.class))
                .one()
                .block();
    }

    private long audit(String action, String actor) {
        return db.sql("SELECT count(*) AS n FROM audit_log WHERE action = $1 AND actor = $2")
                .bind(0, action)
                .bind(1, actor)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    /** The inbox's line of one thread. */
    private static String line(String page, String phone) {
        int at = page.indexOf("data-phone=\"" + phone + "\"");
        assertThat(at).as("the inbox lists " + phone).isNotNegative();
        return page.substring(at, page.indexOf("</li>", at));
    }
}
