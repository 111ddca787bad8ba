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

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingKind;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Channel;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.SmsReceived;
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 end to end inside the orchestrator: a guest who is not reached is texted, answers in their language,
 * opts out; receipts and quiet hours.
 */
class TextConversationComponentTest extends ConversationComponentTestBase {

    @Test
    void anUnreachableGuestIsTextedAndConfirmsWithSiOnceHoweverOften8x8DeliversIt() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300001";
        nobodyAnswers(id, phone, soon());

        CallStatusChanged texted = await(id, "TEXTED");
        assertThat(texted.getChannel()).isEqualTo(Channel.SMS);
        assertThat(texted.getPreviousStatus().name()).isEqualTo("DIALING");
        assertThat(texted.getReason()).contains("Nobody answered").contains("texted the guest");
        FakeEightByEightSms.Sent fallback = awaitTexts(phone, 1).get(0);
        assertThat(fallback.path()).isEqualTo("/api/v1/subaccounts/textco_sms/messages");
        assertThat(fallback.authorization()).isEqualTo("Bearer textco-8x8-key");
        assertThat(fallback.body().get("source").asString()).isEqualTo(SENDER);
        assertThat(fallback.body().get("clientMessageId").asString()).hasSizeLessThanOrEqualTo(50);
        assertThat(fallback.text())
                .contains("Luigi's")
                .contains("1")
                .contains("0")
                .doesNotContainIgnoringCase("cancel ");

        SmsReceived si = reply(phone, "Sí");
        for (int i = 0; i < 3; i++) {
            kafka.send(Topics.SMS_INBOUND.name(), Topics.conversationKey("textco", phone), si)
                    .get();
        }

        CallStatusChanged confirmed = await(id, "CONFIRMED");
        assertThat(confirmed.getChannel()).isEqualTo(Channel.SMS);
        assertThat(confirmed.getPreviousStatus().name()).isEqualTo("TEXTED");
        assertThat(confirmed.getReason()).contains("confirmed by text").contains("Sí");
        awaitTexts(phone, 2); // the acknowledgement
        Thread.sleep(1500);
        assertThat(statuses(id)).containsExactly("SCHEDULED", "DIALING", "TEXTED", "CONFIRMED");
        assertThat(texts.to(phone)).hasSize(2);
        assertThat(countRows("SELECT count(*) AS n FROM text_message WHERE umid = '" + si.getUmid() + "'"))
                .isEqualTo(1);
        List<ConversationEvent> thread = conversation(phone);
        assertThat(thread)
                .extracting(e -> e.getType().name())
                .contains("MESSAGE_SENT", "MESSAGE_RECEIVED", "MESSAGE_STATUS");
        ConversationEvent received = thread.stream()
                .filter(e -> e.getType().name().equals("MESSAGE_RECEIVED"))
                .findFirst()
                .orElseThrow();
        assertThat(received.getMessage().getInterpretation()).isEqualTo("CONFIRM");
        assertThat(received.getMessage().getReservationId()).isEqualTo(id);
        assertThat(received.getMessage().getAuthor().name()).isEqualTo("GUEST");
    }

    @Test
    void stopOptsOutWithOneConfirmationAndANewBookingForThatNumberIsSkippedWithNoCallAndNoText() throws Exception {
        String phone = "+34600300002";
        kafka.send(Topics.SMS_INBOUND.name(), Topics.conversationKey("textco", phone), reply(phone, "STOP"))
                .get();
        kafka.send(Topics.SMS_INBOUND.name(), Topics.conversationKey("textco", phone), reply(phone, "stop"))
                .get();

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> conversation(phone).stream()
                        .anyMatch(e -> e.getType().name().equals("OPTED_OUT")));
        ConversationEvent optedOut = conversation(phone).stream()
                .filter(e -> e.getType().name().equals("OPTED_OUT"))
                .findFirst()
                .orElseThrow();
        assertThat(optedOut.getSource()).isEqualTo("GUEST_TEXT");
        awaitTexts(phone, 1);

        String id = "r-" + UUID.randomUUID();
        book(id, phone, 1, ReservationEventType.CREATED, soon(), "Europe/Madrid");
        assertThat(await(id, "SKIPPED").getReason()).startsWith("OPTED_OUT");
        Thread.sleep(1500);
        assertThat(calls.requestsTo(phone)).isEmpty();
        assertThat(texts.to(phone)).hasSize(1); // the one confirmation the law allows, however often STOP came
        http.get()
                .uri("/api/opt-outs")
                .header("Authorization", "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.optOuts[?(@.phone == '" + phone + "')].source")
                .isEqualTo("GUEST_TEXT");
    }

    @Test
    void cancelAloneOptsOutAndDoesNotCancelTheBooking() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300003";
        nobodyAnswers(id, phone, soon());
        await(id, "TEXTED");

        kafka.send(Topics.SMS_INBOUND.name(), Topics.conversationKey("textco", phone), reply(phone, "Cancel"))
                .get();

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> conversation(phone).stream()
                        .anyMatch(e -> e.getType().name().equals("OPTED_OUT")));
        Thread.sleep(1000);
        assertThat(statuses(id)).containsExactly("SCHEDULED", "DIALING", "TEXTED");
    }

    @Test
    void aReplyAfterTheBookingWasCancelledChangesNothingAndIsLeftForTheOwner() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300004";
        Instant startsAt = soon();
        nobodyAnswers(id, phone, startsAt);
        await(id, "TEXTED");
        book(id, phone, 2, ReservationEventType.CANCELLED, startsAt, "Europe/Madrid");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        countRows("SELECT count(*) AS n FROM booking WHERE cancelled AND reservation_id = '" + id + "'")
                                == 1);

        kafka.send(Topics.SMS_INBOUND.name(), Topics.conversationKey("textco", phone), reply(phone, "1"))
                .get();

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> conversation(phone).stream()
                        .anyMatch(e -> e.getType().name().equals("MESSAGE_RECEIVED")
                                && e.getMessage().getNeedsAttention()));
        assertThat(statuses(id)).containsExactly("SCHEDULED", "DIALING", "TEXTED", "WITHDRAWN");
    }

    @Test
    void anUnclearTextWaitsTheOwnersWindowThenOneHoldingReplyAnswersTheBurstAndTheOwnersAnswerTakesItOver()
            throws Exception {
        String phone = "+34600300010";
        kafka.send(
                        Topics.SMS_INBOUND.name(),
                        Topics.conversationKey("textco", phone),
                        reply(phone, "can we make it 8:30?"))
                .get();
        kafka.send(
                        Topics.SMS_INBOUND.name(),
                        Topics.conversationKey("textco", phone),
                        reply(phone, "and is there parking?"))
                .get();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> conversation(phone).stream()
                                .filter(e -> e.getType().name().equals("MESSAGE_RECEIVED")
                                        && e.getMessage().getNeedsAttention()
                                        && "UNCLEAR".equals(e.getMessage().getInterpretation()))
                                .count()
                        == 2);
        assertThat(awaitTexts(phone, 1).get(0).text()).startsWith("Thanks, we've passed your message to");
        assertThat(countRows("SELECT count(*) AS n FROM text_message o WHERE o.phone = '" + phone + "' AND "
                        + "o.purpose = 'HOLDING_REPLY' AND o.created_at >= (SELECT min(i.created_at) + interval '2 seconds' "
                        + "FROM text_message i WHERE i.phone = o.phone AND i.direction = 'INBOUND')"))
                .as("the holding reply waited the owner's window (2 s here)")
                .isEqualTo(1);
        Thread.sleep(3000);
        assertThat(texts.to(phone))
                .as("one holding reply for the two texts of the burst")
                .hasSize(1);

        http.post()
                .uri("/api/conversations/" + phone + "/messages")
                .header("Authorization", "Bearer " + KEY)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"body\": \"Yes, 8:30 is fine, and parking is behind us.\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.delivery")
                .isEqualTo("PENDING");
        assertThat(awaitTexts(phone, 2).get(1).text()).isEqualTo("Yes, 8:30 is fine, and parking is behind us.");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> conversation(phone).stream()
                        .anyMatch(e -> e.getType().name().equals("TAKEN_OVER")));
        assertThat(conversation(phone))
                .anyMatch(e -> e.getType().name().equals("MESSAGE_SENT")
                        && e.getMessage().getAuthor().name().equals("OWNER"));
        http.post()
                .uri("/api/conversations/" + phone + "/takeover")
                .header("Authorization", "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isOk();
        http.post()
                .uri("/api/conversations/" + phone + "/messages")
                .header("Authorization", "Bearer " + KEY)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"body\": \" \"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType("application/problem+json");
    }

    @Test
    void aTextedBookingThatMovesIsCalledAgainForItsNewTime() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300011";
        nobodyAnswers(id, phone, soon());
        await(id, "TEXTED");
        Instant later = Instant.now().plus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        book(id, phone, 2, ReservationEventType.UPDATED, later, "Europe/Madrid");

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> statuses(id).size() == 4);
        CallStatusChanged moved = changes(id).get(3);
        assertThat(moved.getStatus().name()).isEqualTo("SCHEDULED");
        assertThat(moved.getPreviousStatus().name()).isEqualTo("TEXTED");
        assertThat(moved.getAttempt()).isEqualTo(2);
        assertThat(moved.getScheduledFor()).isEqualTo(later.minus(30, ChronoUnit.MINUTES));
    }

    @Test
    void anUndeliveredFallbackTextEndsTheBookingUnreachableWith8x8sReason() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300005";
        nobodyAnswers(id, phone, soon());
        await(id, "TEXTED");
        FakeEightByEightSms.Sent fallback = awaitTexts(phone, 1).get(0);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> countRows("SELECT count(*) AS n FROM text_message WHERE umid = '" + fallback.umid() + "'")
                        == 1);

        kafka.send(
                        Topics.SMS_RECEIPTS.name(),
                        fallback.umid(),
                        SmsStatusReceived.newBuilder()
                                .setEventId(UUID.randomUUID().toString())
                                .setUmid(fallback.umid())
                                .setClientMessageId(
                                        fallback.body().get("clientMessageId").asString())
                                .setTenantId("textco")
                                .setSubAccountId("textco_sms")
                                .setState("undelivered")
                                .setDetail("undelivered_to_recipient")
                                .setErrorCode(15)
                                .setErrorMessage("Invalid destination")
                                .setPriceTotal(0.0375)
                                .setCurrency("EUR")
                                .setSmsCount(1)
                                .setReceivedAt(Instant.now())
                                .build())
                .get();

        CallStatusChanged unreachable = await(id, "UNREACHABLE");
        assertThat(unreachable.getChannel()).isEqualTo(Channel.SMS);
        assertThat(unreachable.getPreviousStatus().name()).isEqualTo("TEXTED");
        assertThat(unreachable.getReason()).contains("not delivered").contains("error 15");
        assertThat(statuses(id)).containsExactly("SCHEDULED", "DIALING", "TEXTED", "UNREACHABLE");
    }

    @Test
    void withoutAReplyBeforeTheMinimumNoticeATextedBookingEndsNoResponse() throws Exception {
        String id = "r-" + UUID.randomUUID();
        // Starts in 1 min 20 s: called at once (the lead time has passed), and a reply is awaited until 20 s from now.
        nobodyAnswers(id, "+34600300006", Instant.now().plusSeconds(80));
        await(id, "TEXTED");

        CallStatusChanged noResponse = await(id, "NO_RESPONSE");
        assertThat(noResponse.getChannel()).isEqualTo(Channel.SMS);
        assertThat(noResponse.getReason()).startsWith("No reply to the text");
    }

    @Test
    void insideQuietHoursTheTextWaitsForTheNextAllowedMinute() throws Exception {
        String tenant = "quietco";
        console.publish(TestTenant.settings(
                "id=" + tenant,
                "subaccount-id=quietco_voice",
                "api-key=quiet-8x8-key",
                "platform-api-key=quietco-platform-key-0123",
                "caller-id=+34910000060",
                "calling-opens=00:00",
                "calling-closes=23:59:59",
                "lead-time=10h",
                "max-attempts=1",
                "sms-subaccount-id=quietco_sms",
                "sms-numbers[0]=+34910000061"));
        // A venue where it is three in the morning now; the booking is at one in the afternoon there.
        Instant now = Instant.now();
        int offset = Math.floorMod(3 - now.atZone(ZoneOffset.UTC).getHour(), 24);
        offset = offset > 14 ? offset - 24 : offset;
        String zone = offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" + offset : "+" + -offset);
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300007";
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> http.get()
                                .uri("/api/reservations/none/calls")
                                .header("Authorization", "Bearer quietco-platform-key-0123")
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 404);
        book(
                tenant,
                id,
                phone,
                1,
                ReservationEventType.CREATED,
                now.plus(10, ChronoUnit.HOURS).plusSeconds(2),
                zone);
        String session = await(id, "DIALING").getSessionId();
        // Calls (and texts) only from nine to nine from now on.
        console.publish(TestTenant.settings(
                "id=" + tenant,
                "subaccount-id=quietco_voice",
                "api-key=quiet-8x8-key",
                "platform-api-key=quietco-platform-key-0123",
                "caller-id=+34910000060",
                "calling-opens=09:00",
                "calling-closes=21:00",
                "lead-time=10h",
                "max-attempts=1",
                "sms-subaccount-id=quietco_sms",
                "sms-numbers[0]=+34910000061"));
        Thread.sleep(1000);
        kafka.send(Topics.SESSION_SUMMARIES.name(), session, summary(tenant, session))
                .get();

        CallStatusChanged texted = await(id, "TEXTED");
        assertThat(texted.getReason()).contains("outside calling hours");
        Instant due = database.sql("SELECT due_at FROM text_message WHERE phone = :phone")
                .bind("phone", phone)
                .map(row -> row.get("due_at", java.time.OffsetDateTime.class).toInstant())
                .one()
                .block();
        assertThat(due.atZone(ZoneId.of(zone)).toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 0));
        Thread.sleep(1000);
        assertThat(texts.to(phone)).isEmpty();
    }

    @Test
    void aTextOnlyBookingIsTextedInsteadOfCalled() throws Exception {
        String id = "r-" + UUID.randomUUID();
        String phone = "+34600300009";
        kafka.send(
                        Topics.RESERVATIONS.name(),
                        id,
                        ReservationEvent.newBuilder()
                                .setEventId(UUID.randomUUID().toString())
                                .setOccurredAt(Instant.now())
                                .setTenantId("textco")
                                .setReservationId(id)
                                .setVersion(1)
                                .setType(ReservationEventType.CREATED)
                                .setKind(BookingKind.RESERVATION)
                                .setStartsAt(soon().truncatedTo(ChronoUnit.MILLIS))
                                .setTimeZone("Europe/Berlin")
                                .setGuestName("Jonas")
                                .setGuestPhone(phone)
                                .setGuestLocale("de-DE")
                                .setVenueName("Luigi's")
                                .setPartySize(2)
                                .setTextOnly(true)
                                .build())
                .get();

        CallStatusChanged texted = await(id, "TEXTED");
        assertThat(texted.getPreviousStatus().name()).isEqualTo("SCHEDULED");
        assertThat(texted.getChannel()).isEqualTo(Channel.SMS);
        assertThat(awaitTexts(phone, 1).get(0).text())
                .contains("Luigi's")
                .contains("1")
                .contains("0");
        kafka.send(
                        Topics.SMS_INBOUND.name(),
                        Topics.conversationKey("textco", phone),
                        reply(phone, "Nein, leider nicht"))
                .get();
        assertThat(await(id, "CANCELLED_BY_GUEST").getChannel()).isEqualTo(Channel.SMS);
        assertThat(calls.requestsTo(phone)).isEmpty();
        assertThat(statuses(id)).containsExactly("SCHEDULED", "TEXTED", "CANCELLED_BY_GUEST");
    }

    @Test
    void thePlatformImportsListsAndRemovesOptOuts() {
        String phone = "+34600300008";
        http.put()
                .uri("/api/opt-outs/" + phone)
                .header("Authorization", "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.source")
                .isEqualTo("PLATFORM");
        http.put()
                .uri("/api/opt-outs/" + phone)
                .header("Authorization", "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/api/opt-outs?limit=1000")
                .header("Authorization", "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.optOuts[?(@.phone == '" + phone + "')]")
                .exists();
        http.delete()
                .uri("/api/opt-outs/" + phone)
                .header("Authorization", "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isNoContent();
        http.delete()
                .uri("/api/opt-outs/" + phone)
                .header("Authorization", "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType("application/problem+json");
        http.put()
                .uri("/api/opt-outs/0034600")
                .header("Authorization", "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType("application/problem+json");
        http.get().uri("/api/opt-outs").exchange().expectStatus().isUnauthorized();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> conversation(phone).stream()
                        .map(e -> e.getType().name() + "/" + e.getSource())
                        .toList()
                        .containsAll(List.of("OPTED_OUT/PLATFORM", "OPTED_IN/PLATFORM")));
    }
}
