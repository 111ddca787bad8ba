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
package io.confirmline.console.analytics;

import static io.confirmline.console.readmodel.ReadModelEvents.snapshot;
import static io.confirmline.console.readmodel.ReadModelEvents.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.confirmline.console.ConsoleContext;
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
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.events.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The analytics end to end inside the console: events published to the broker as the orchestrator and the ingress
 * write them (bookings.v1, calls.status.v1, conversations.v1, sms.receipts.v1) are applied by the read model and
 * come out as the figures and the CSV an owner reads.
 */
class AnalyticsFromTopicsComponentTest extends ConsoleContext {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final LocalDate DAY = LocalDate.parse("2026-02-10");

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    AnalyticsService analytics;

    private final String tenant = "h4t-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void publishedEventsBecomeTheFiguresAndTheCsv() throws Exception {
        ReadModelRows.createTenant(admin(), tenant, "Topic Trattoria", MADRID.getId());
        Instant dinner = DAY.atTime(21, 0).atZone(MADRID).toInstant();
        Instant firstCall = dinner.minus(Duration.ofMinutes(60));

        // Confirmed on the second call, 45 s after the first was dialled... plus ten minutes between the attempts.
        String confirmed = "h4t-c-" + tenant;
        publishBooking(confirmed, "CONFIRMED", "VOICE", 2, 4, dinner, firstCall.plusSeconds(645));
        publishStatus(confirmed, 1, CallStatus.SCHEDULED, CallStatus.DIALING, Channel.VOICE, firstCall, firstCall);
        publishStatus(
                confirmed,
                2,
                CallStatus.IN_PROGRESS,
                CallStatus.CONFIRMED,
                Channel.VOICE,
                firstCall.plusSeconds(645),
                firstCall.plusSeconds(600));
        // Cancelled by text two hours before, a party of 3: caught in time; its time to answer runs from the text.
        String cancelled = "h4t-x-" + tenant;
        Instant texted = dinner.minus(Duration.ofHours(3));
        publishBooking(cancelled, "CANCELLED_BY_GUEST", "SMS", 0, 3, dinner, dinner.minus(Duration.ofHours(2)));
        publishText(cancelled, texted);
        publishStatus(
                cancelled,
                1,
                CallStatus.TEXTED,
                CallStatus.CANCELLED_BY_GUEST,
                Channel.SMS,
                dinner.minus(Duration.ofHours(2)),
                null);
        String silent = "h4t-n-" + tenant;
        publishBooking(silent, "NO_RESPONSE", "SMS", 2, 2, dinner, dinner.minus(Duration.ofMinutes(10)));
        String unreachable = "h4t-u-" + tenant;
        publishBooking(
                unreachable,
                "UNREACHABLE",
                "VOICE",
                3,
                5,
                dinner.plus(Duration.ofHours(1)),
                dinner.minus(Duration.ofMinutes(20)));
        publishReceipt(0.0425, "EUR", dinner.minus(Duration.ofHours(3)));
        publishReceipt(0.0375, "EUR", dinner.minus(Duration.ofHours(2)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("booking_view") == 4
                        && count("call_status_view") == 3
                        && count("text_receipt") == 2
                        && count("conversation_message") == 1);

        Figures figures = analytics
                .figures(new ReportTenant(tenant, "Topic Trattoria", MADRID), new DateRange(DAY, DAY))
                .block();
        assertThat(figures.totals()).isEqualTo(new Outcomes("", 4, 4, 1, 1, 1, 1, 0));
        assertThat(figures.confirmationRate()).isEqualTo(0.25);
        assertThat(figures.noResponseRate()).isEqualTo(0.25);
        assertThat(figures.unreachableRate()).isEqualTo(0.25);
        assertThat(figures.cancelledInTime()).isEqualTo(1);
        assertThat(figures.seatsFreed()).isEqualTo(3);
        assertThat(figures.attemptsPerConfirmation()).isEqualTo(2.0);
        // 645 s (the confirmation) and 3,600 s (the text to the cancellation): median 2,122.5, p90 3,304.5.
        assertThat(figures.answered()).isEqualTo(2);
        assertThat(figures.medianAnswerSeconds()).isCloseTo(2122.5, within(1e-6));
        assertThat(figures.p90AnswerSeconds()).isCloseTo(3304.5, within(1e-6));
        assertThat(figures.byHour().get(21).bookings()).isEqualTo(3);
        assertThat(figures.byHour().get(22).bookings()).isEqualTo(1);
        assertThat(figures.byChannel())
                .containsExactly(new ChannelOutcomes("SMS", 2, 0, 1), new ChannelOutcomes("VOICE", 2, 1, 0));
        assertThat(figures.textCosts()).singleElement().satisfies(cost -> {
            assertThat(cost.currency()).isEqualTo("EUR");
            assertThat(cost.total()).isEqualByComparingTo(new BigDecimal("0.08"));
            assertThat(cost.texts()).isEqualTo(2);
        });

        String csv = admin().get()
                .uri("/api/exports/calls.csv?from=" + DAY + "&to=" + DAY + "&tenant=" + tenant)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(csv.lines())
                .hasSize(4)
                .anySatisfy(line -> assertThat(line)
                        .startsWith(confirmed + ",2026-02-10 21:00:00,Ana María,'+34600111222,4,2,"
                                + "VOICE,CONFIRMED,guest pressed 1,2026-02-10 20:10:00,"));
    }

    private void publishBooking(
            String reservation,
            String status,
            String channel,
            int attempt,
            int party,
            Instant startsAt,
            Instant changedAt)
            throws Exception {
        BookingSnapshot booking = BookingSnapshot.newBuilder(snapshot(tenant, reservation, 1, status, startsAt))
                .setChannel(channel)
                .setAttempt(attempt)
                .setPartySize(party)
                .setOccurredAt(changedAt)
                .setTimeZone(MADRID.getId())
                .build();
        kafka.send(Topics.BOOKINGS.name(), reservation, booking).get();
    }

    private void publishStatus(
            String reservation,
            int attempt,
            CallStatus previous,
            CallStatus next,
            Channel channel,
            Instant at,
            Instant dialedAt)
            throws Exception {
        CallStatusChanged change = CallStatusChanged.newBuilder(status(tenant, reservation, next))
                .setCallId("call-" + reservation)
                .setAttempt(attempt)
                .setPreviousStatus(previous)
                .setChannel(channel)
                .setOccurredAt(at)
                .setDialedAt(dialedAt)
                .setConnectedAt(dialedAt == null ? null : dialedAt.plusSeconds(8))
                .setEndedAt(dialedAt == null ? null : at.plusSeconds(5))
                .build();
        kafka.send(Topics.CALL_STATUS.name(), reservation, change).get();
    }

    private void publishText(String reservation, Instant at) throws Exception {
        String phone = "+34600111222";
        ConversationEvent sent = ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setTenantId(tenant)
                .setPhone(phone)
                .setType(ConversationEventType.MESSAGE_SENT)
                .setReservationId(reservation)
                .setMessage(ConversationMessage.newBuilder()
                        .setMessageId(UUID.randomUUID().toString())
                        .setDirection(MessageDirection.OUTBOUND)
                        .setAuthor(MessageAuthor.SYSTEM)
                        .setBody("Reply YES to confirm or NO to cancel")
                        .setDelivery(DeliveryState.SENT)
                        .setReservationId(reservation)
                        .setNeedsAttention(false)
                        .build())
                .build();
        kafka.send(Topics.CONVERSATIONS.name(), tenant + ":" + phone, sent).get();
    }

    private void publishReceipt(double price, String currency, Instant at) throws Exception {
        String umid = UUID.randomUUID().toString();
        SmsStatusReceived receipt = SmsStatusReceived.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setUmid(umid)
                .setTenantId(tenant)
                .setState("delivered")
                .setPriceTotal(price)
                .setCurrency(currency)
                .setSmsCount(1)
                .setReceivedAt(at)
                .build();
        kafka.send(Topics.SMS_RECEIPTS.name(), umid, receipt).get();
    }

    private long count(String table) {
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE tenant_id = :tenant")
                .bind("tenant", tenant)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }
}
