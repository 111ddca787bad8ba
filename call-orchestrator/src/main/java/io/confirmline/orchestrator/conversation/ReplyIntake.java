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

import io.confirmline.events.CallStatus;
import io.confirmline.events.MessageAuthor;
import io.confirmline.events.SmsReceived;
import io.confirmline.kafka.InvalidEventException;
import io.confirmline.logging.SensitiveText;
import io.confirmline.orchestrator.call.AttemptOutcome;
import io.confirmline.orchestrator.call.CallProgress;
import io.confirmline.orchestrator.optout.OptOuts;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.orchestrator.text.ReplyIntent;
import io.confirmline.orchestrator.text.ReplyParser;
import io.confirmline.orchestrator.text.TextTemplates;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A guest's texts ({@code sms.inbound.v1}, issue #14 item 4): stored once per umid (8x8's redeliveries change
 * nothing), read by the {@link ReplyParser}, and then — in one transaction with the events that announce it:
 * <ul>
 *   <li>STOP and its equivalents opt the number out for the tenant, with one confirmation; START opts back in; HELP
 *       gets the tenant's help text;</li>
 *   <li>a clear confirm or cancel decides the guest's next booking that awaits a reply or was closed without one
 *       (TEXTED, NO_RESPONSE, UNREACHABLE), while it stands and before it starts, and is acknowledged naming that
 *       booking;</li>
 *   <li>a text naming one of the free times the assistant offered is that pick, sent on to the platform;</li>
 *   <li>anything else — or a clear answer with no booking left to decide — is a message for the owner on
 *       {@code conversations.v1}: it waits the owner's window for a person, then the assistant or a template
 *       answers it ({@link AnswerWindow}, {@link AutomaticAnswers}) unless a person took the conversation over.</li>
 * </ul>
 */
@Component
public class ReplyIntake {

    private static final Logger log = LoggerFactory.getLogger(ReplyIntake.class);
    /** How long our automatic answers may wait for 8x8 before they are pointless. */
    private static final Duration ANSWER_EXPIRY = Duration.ofHours(12);

    private static final int MAX_WORDS_IN_REASON = 60;

    private final TransactionalOperator transaction;
    private final Tenants tenants;
    private final TextMessages texts;
    private final OptOuts optOuts;
    private final CallProgress calls;
    private final TextTemplates templates;
    private final GuestBookings bookings;
    private final AnswerWindow window;
    private final SlotOffers offers;
    private final VerdictActions actions;
    private final ReplyParser parser = new ReplyParser();
    private final Clock clock;

    public ReplyIntake(
            ReactiveTransactionManager transactions,
            Tenants tenants,
            TextMessages texts,
            OptOuts optOuts,
            CallProgress calls,
            TextTemplates templates,
            GuestBookings bookings,
            AnswerWindow window,
            SlotOffers offers,
            VerdictActions actions,
            Clock clock) {
        this.transaction = TransactionalOperator.create(transactions);
        this.tenants = tenants;
        this.texts = texts;
        this.optOuts = optOuts;
        this.calls = calls;
        this.templates = templates;
        this.bookings = bookings;
        this.window = window;
        this.offers = offers;
        this.actions = actions;
        this.clock = clock;
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).SMS_INBOUND.name()}")
    public void onText(ConsumerRecord<String, SmsReceived> record) {
        apply(record.value()).block(Duration.ofSeconds(30));
    }

    public Mono<Void> apply(SmsReceived sms) {
        Tenant tenant = tenants.byId(sms.getTenantId())
                .orElseThrow(() -> new InvalidEventException("Text for unknown tenant " + sms.getTenantId()));
        UUID id = UUID.randomUUID();
        String phone = sms.getFrom();
        ReplyIntent intent = parser.parse(
                sms.getBody(), tenant.digits().confirm(), tenant.digits().cancel());
        return texts.received(id, tenant.id(), phone, sms.getUmid(), sms.getBody(), sms.getReceivedAt())
                .flatMap(first -> {
                    if (!first) {
                        log.info(
                                "Text {} from {} delivered again, ignored",
                                sms.getUmid(),
                                SensitiveText.maskPhone(phone));
                        return Mono.<Void>empty();
                    }
                    return bookings.locale(tenant.id(), phone)
                            .flatMap(locale -> handle(tenant, id, phone, sms.getBody(), intent, locale));
                })
                .as(transaction::transactional);
    }

    private Mono<Void> handle(Tenant tenant, UUID id, String phone, String body, ReplyIntent intent, String locale) {
        Instant now = clock.instant();
        return switch (intent) {
            case OPT_OUT ->
                optOuts.optOut(
                                tenant.id(),
                                phone,
                                OptOuts.Source.GUEST_TEXT,
                                "The guest texted \"" + words(body) + "\"")
                        .flatMap(fresh -> texts.interpreted(id, intent.name(), null, false)
                                .then(
                                        fresh
                                                ? answer(
                                                        tenant,
                                                        phone,
                                                        TextMessages.Purpose.OPT_OUT_CONFIRMATION,
                                                        templates.optedOut(tenant, locale),
                                                        null,
                                                        now)
                                                : Mono.empty()));
            case OPT_IN ->
                optOuts.optIn(tenant.id(), phone, OptOuts.Source.GUEST_TEXT, "The guest texted \"" + words(body) + "\"")
                        .flatMap(wasOut -> texts.interpreted(id, intent.name(), null, !wasOut)
                                .then(
                                        wasOut
                                                ? answer(
                                                        tenant,
                                                        phone,
                                                        TextMessages.Purpose.OPT_IN_CONFIRMATION,
                                                        templates.optedIn(tenant, locale),
                                                        null,
                                                        now)
                                                : Mono.empty()));
            case HELP ->
                texts.interpreted(id, intent.name(), null, false)
                        .then(answer(
                                tenant, phone, TextMessages.Purpose.HELP, templates.help(tenant, locale), null, now));
            case CONFIRM, CANCEL -> decide(tenant, id, phone, body, intent, now);
            case UNCLEAR ->
                offers.picked(tenant.id(), phone, body, now)
                        .flatMap(pick ->
                                pick(tenant, id, phone, pick, body, locale, now).thenReturn(true))
                        .switchIfEmpty(Mono.defer(() ->
                                forTheOwner(tenant, id, phone, intent, now).thenReturn(true)))
                        .then();
        };
    }

    private Mono<Void> decide(Tenant tenant, UUID id, String phone, String body, ReplyIntent intent, Instant now) {
        AttemptOutcome decided = intent == ReplyIntent.CONFIRM ? AttemptOutcome.CONFIRMED : AttemptOutcome.CANCELLED;
        CallStatus wanted = decided.finalStatus(false);
        // Mono<Boolean> rather than Mono<Void>: an empty result must mean "no booking awaits a reply", nothing else.
        return bookings.awaitingReply(tenant.id(), phone)
                .flatMap(booking -> calls.guestAnswer(
                                booking.callId(),
                                decided,
                                words(body),
                                booking.startsAt(),
                                io.confirmline.events.Channel.SMS)
                        .flatMap(status -> status != wanted
                                ? forTheOwner(tenant, id, phone, intent, now)
                                : texts.interpreted(id, intent.name(), booking.reservationId(), false)
                                        .then(answer(
                                                tenant,
                                                phone,
                                                TextMessages.Purpose.ACKNOWLEDGEMENT,
                                                decided == AttemptOutcome.CONFIRMED
                                                        ? templates.confirmed(tenant, booking.words())
                                                        : templates.cancelled(tenant, booking.words()),
                                                booking.reservationId(),
                                                now)))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(
                        () -> forTheOwner(tenant, id, phone, intent, now).thenReturn(true)))
                .then();
    }

    /**
     * A message a person should read: marked so on {@code conversations.v1}; unless the guest opted out, it waits
     * the owner's window for a person, then the assistant or a template answers it ({@link AutomaticAnswers}).
     */
    private Mono<Void> forTheOwner(Tenant tenant, UUID id, String phone, ReplyIntent intent, Instant now) {
        return bookings.nextReservationId(tenant.id(), phone)
                .flatMap(reservationId ->
                        texts.interpreted(id, intent.name(), reservationId.isEmpty() ? null : reservationId, true))
                .then(optOuts.isOptedOut(tenant.id(), phone))
                .flatMap(optedOut -> optedOut ? Mono.empty() : window.open(tenant, phone, id, now));
    }

    /** A text naming one of the free times offered to the guest: that time goes to the platform. */
    private Mono<Void> pick(
            Tenant tenant, UUID id, String phone, SlotOffers.Pick pick, String body, String locale, Instant now) {
        return texts.interpreted(id, "SLOT_PICK", pick.offer().reservationId().orElse(null), false)
                .then(actions.picked(tenant, phone, locale, pick, body, now));
    }

    private Mono<Void> answer(
            Tenant tenant, String phone, TextMessages.Purpose purpose, String body, String reservationId, Instant now) {
        return texts.queue(new TextMessages.Outgoing(
                        tenant.id(),
                        phone,
                        MessageAuthor.SYSTEM,
                        purpose,
                        body,
                        reservationId,
                        null,
                        now,
                        now.plus(ANSWER_EXPIRY)))
                .then();
    }

    /** The guest's words as a status reason quotes them: one line, not too long. */
    private static String words(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_WORDS_IN_REASON ? line : line.substring(0, MAX_WORDS_IN_REASON) + "…";
    }
}
