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

import io.confirmline.events.ConversationEventType;
import io.confirmline.events.GuestRequest;
import io.confirmline.events.MessageAuthor;
import io.confirmline.logging.SensitiveText;
import io.confirmline.orchestrator.assistant.AssistantVerdict;
import io.confirmline.orchestrator.assistant.AssistantVerdict.Answered;
import io.confirmline.orchestrator.assistant.AssistantVerdict.Failed;
import io.confirmline.orchestrator.assistant.AssistantVerdict.Intent;
import io.confirmline.orchestrator.optout.OptOuts;
import io.confirmline.orchestrator.text.TextTemplates;
import io.confirmline.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What is done with the assistant's verdict (issue #17 items 2, 3, 5) — by this class, never by the assistant. The
 * assistant never decides a booking: a yes or a no it reads is asked back with the booking's digits and decided by
 * the guest's own answer through the reply parser; a change or a new booking is the platform's to decide; a wish
 * not to be contacted is an opt-out, confirmed once. When it could not answer, a template does and the thread stays
 * flagged for the owner (a text by the system does not count as an answer in the console).
 */
@Component
public class VerdictActions {

    private static final Logger log = LoggerFactory.getLogger(VerdictActions.class);
    /** Answers to a guest are pointless after this. */
    private static final Duration ANSWER_EXPIRY = Duration.ofHours(12);

    private static final int MAX_WORDS = 500;

    /**
     * What the conversation knows when acting on a verdict.
     *
     * @param words the guest's unanswered texts, as the request forwarded to the platform quotes them
     * @param slots the free times the platform offered for the guest's wish, if it was asked
     */
    public record Situation(
            Tenant tenant, String phone, String locale, String words, Optional<SlotOffers.Offer> slots, Instant now) {}

    private final TextMessages texts;
    private final GuestBookings bookings;
    private final OptOuts optOuts;
    private final ConversationEvents events;
    private final SlotOffers offers;
    private final TextTemplates templates;

    public VerdictActions(
            TextMessages texts,
            GuestBookings bookings,
            OptOuts optOuts,
            ConversationEvents events,
            SlotOffers offers,
            TextTemplates templates) {
        this.texts = texts;
        this.bookings = bookings;
        this.optOuts = optOuts;
        this.events = events;
        this.offers = offers;
        this.templates = templates;
    }

    /** Acts on the verdict, in the caller's transaction. */
    public Mono<Void> apply(AssistantVerdict verdict, Situation s) {
        if (verdict instanceof Failed failed) {
            log.warn(
                    "The assistant could not answer {} for tenant {} ({}: {}); the template answers and the owner is "
                            + "asked to",
                    SensitiveText.maskPhone(s.phone()),
                    s.tenant().id(),
                    failed.failure(),
                    failed.detail());
            return template(s, TextMessages.Purpose.ASSISTANT_FALLBACK);
        }
        Answered answer = (Answered) verdict;
        return switch (answer.intent()) {
            case QUESTION, OTHER -> reply(s, answer.reply());
            case CONFIRM, CANCEL -> askBack(s, answer);
            case OPT_OUT ->
                optOuts.optOut(
                                s.tenant().id(),
                                s.phone(),
                                OptOuts.Source.GUEST_TEXT,
                                "The assistant read the guest's words as a wish not to be contacted: \""
                                        + line(s.words(), 60) + "\"")
                        .flatMap(fresh -> fresh
                                ? send(
                                        s,
                                        MessageAuthor.SYSTEM,
                                        TextMessages.Purpose.OPT_OUT_CONFIRMATION,
                                        templates.optedOut(s.tenant(), s.locale()),
                                        null)
                                : Mono.empty());
            case CHANGE_REQUEST, BOOKING_REQUEST -> request(s, answer);
        };
    }

    /** Only the guest's digit decides: the yes or no is asked back naming the booking it would decide. */
    private Mono<Void> askBack(Situation s, Answered answer) {
        return bookings.awaitingReply(s.tenant().id(), s.phone())
                .flatMap(booking -> send(
                                s,
                                MessageAuthor.ASSISTANT,
                                TextMessages.Purpose.ASK_BACK,
                                answer.intent() == Intent.CONFIRM
                                        ? templates.checkConfirm(s.tenant(), booking.words())
                                        : templates.checkCancel(s.tenant(), booking.words()),
                                booking.reservationId())
                        .thenReturn(true))
                // No booking a text may decide (it is confirmed, or its call is still to come): a yes needs nothing,
                // but a no is for a person to act on, so the template answers and the thread stays flagged.
                .switchIfEmpty(Mono.defer(() -> (answer.intent() == Intent.CONFIRM
                                ? reply(s, answer.reply())
                                : template(s, TextMessages.Purpose.HOLDING_REPLY))
                        .thenReturn(true)))
                .then();
    }

    /**
     * A change or a new booking goes to the platform, which owns availability; when it offered free times, they
     * are offered first and the guest's pick is what goes on ({@link ReplyIntake}).
     */
    private Mono<Void> request(Situation s, Answered answer) {
        return bookings.next(s.tenant().id(), s.phone())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(booking -> {
                    boolean change = answer.intent() == Intent.CHANGE_REQUEST && booking.isPresent();
                    if (s.slots().isPresent() && !s.slots().get().times().isEmpty()) {
                        SlotOffers.Offer offer = s.slots().get();
                        return offers.offer(s.tenant().id(), s.phone(), offer, s.now())
                                .then(send(
                                        s,
                                        MessageAuthor.ASSISTANT,
                                        TextMessages.Purpose.SLOT_OFFER,
                                        templates.slotOffer(
                                                s.tenant(), s.locale(), templates.timeList(s.locale(), offer.times())),
                                        offer.reservationId().orElse(null)));
                    }
                    AssistantVerdict.Wanted wanted = answer.wanted();
                    GuestRequest request = GuestRequest.newBuilder()
                            .setWantedDate(wanted.date().map(Object::toString).orElse(null))
                            .setWantedTime(wanted.time()
                                    .map(t -> t.format(DateTimeFormatter.ofPattern("HH:mm")))
                                    .orElse(null))
                            .setPartySize(wanted.partySize().orElse(null))
                            .setWords(line(s.words(), MAX_WORDS))
                            .setReadBy("ASSISTANT")
                            .build();
                    String reservationId = change ? booking.get().reservationId() : null;
                    return events.request(
                                    change
                                            ? ConversationEventType.CHANGE_REQUESTED
                                            : ConversationEventType.BOOKING_REQUESTED,
                                    s.tenant().id(),
                                    s.phone(),
                                    reservationId,
                                    "ASSISTANT",
                                    change
                                            ? "The assistant read a wish to change the booking"
                                            : "The assistant read a wish for a new booking",
                                    request)
                            .then(reply(s, answer.reply(), reservationId));
                });
    }

    /** The guest's pick from the offered times goes to the platform (in the caller's transaction). */
    public Mono<Void> picked(
            Tenant tenant, String phone, String locale, SlotOffers.Pick pick, String body, Instant now) {
        SlotOffers.Offer offer = pick.offer();
        String time = pick.time().format(DateTimeFormatter.ofPattern("HH:mm"));
        GuestRequest request = GuestRequest.newBuilder()
                .setWantedDate(offer.date().toString())
                .setWantedTime(time)
                .setPartySize(offer.partySize())
                .setWords(line(body, MAX_WORDS))
                .setReadBy("GUEST_PICK")
                .build();
        Situation s = new Situation(tenant, phone, locale, body, Optional.empty(), now);
        return events.request(
                        offer.reservationId().isPresent()
                                ? ConversationEventType.CHANGE_REQUESTED
                                : ConversationEventType.BOOKING_REQUESTED,
                        tenant.id(),
                        phone,
                        offer.reservationId().orElse(null),
                        "GUEST_TEXT",
                        "The guest picked one of the times offered",
                        request)
                .then(send(
                        s,
                        MessageAuthor.SYSTEM,
                        TextMessages.Purpose.REQUEST_SENT,
                        templates.requestSent(tenant, locale, templates.timeList(locale, List.of(pick.time()))),
                        offer.reservationId().orElse(null)));
    }

    /** The template answer: the owner is still asked to reply (the console flags the thread). */
    public Mono<Void> template(Situation s, TextMessages.Purpose purpose) {
        return send(s, MessageAuthor.SYSTEM, purpose, templates.holding(s.tenant(), s.locale()), null);
    }

    private Mono<Void> reply(Situation s, String body) {
        return reply(s, body, null);
    }

    private Mono<Void> reply(Situation s, String body, String reservationId) {
        return send(s, MessageAuthor.ASSISTANT, TextMessages.Purpose.ASSISTANT_REPLY, body, reservationId);
    }

    private Mono<Void> send(
            Situation s, MessageAuthor author, TextMessages.Purpose purpose, String body, String reservationId) {
        return texts.queue(new TextMessages.Outgoing(
                        s.tenant().id(),
                        s.phone(),
                        author,
                        purpose,
                        body,
                        reservationId,
                        null,
                        s.now(),
                        s.now().plus(ANSWER_EXPIRY)))
                .then();
    }

    private static String line(String words, int max) {
        String line = words == null ? "" : words.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
