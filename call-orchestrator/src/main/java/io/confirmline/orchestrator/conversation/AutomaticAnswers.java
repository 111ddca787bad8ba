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

import io.confirmline.logging.SensitiveText;
import io.confirmline.orchestrator.assistant.AssistantVerdict;
import io.confirmline.orchestrator.assistant.GuestAssistant;
import io.confirmline.orchestrator.availability.AvailabilityClient;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers the guests' texts whose owner's window has passed (issue #17 item 1), one round of the
 * {@code automatic-answers} loop at a time. Unless a person took the conversation over, the assistant answers
 * when the tenant has it on and it has not used up its daily texts to this guest; otherwise, and whenever it
 * fails, a template does. The assistant is asked outside any transaction; its verdict is acted on in one that first
 * checks that nobody answered meanwhile — an owner who replies while the assistant is thinking wins, and the
 * draft is dropped. A conversation is leased while it is answered, so two instances never answer the same texts,
 * and an instance killed mid-answer leaves it to another once the lease runs out.
 */
@Component
public class AutomaticAnswers {

    private static final Logger log = LoggerFactory.getLogger(AutomaticAnswers.class);
    private static final int BATCH = 20;
    private static final int CONCURRENCY = 4;

    /** A conversation whose answer is due. */
    record Due(String tenantId, String phone, Instant dueAt) {}

    /** The guest's texts that wait for an answer. */
    record Waiting(List<UUID> ids, String words) {}

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Tenants tenants;
    private final GuestBookings bookings;
    private final ConversationContext context;
    private final GuestAssistant assistant;
    private final AvailabilityClient availability;
    private final VerdictActions actions;
    private final ConversationProperties properties;
    private final Clock clock;

    public AutomaticAnswers(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Tenants tenants,
            GuestBookings bookings,
            ConversationContext context,
            GuestAssistant assistant,
            AvailabilityClient availability,
            VerdictActions actions,
            ConversationProperties properties,
            Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.tenants = tenants;
        this.bookings = bookings;
        this.context = context;
        this.assistant = assistant;
        this.availability = availability;
        this.actions = actions;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round: answers the conversations that are due; returns how many it took on. */
    public int answerDue() {
        List<Due> due = claim().collectList().block(Duration.ofSeconds(30));
        if (due == null || due.isEmpty()) {
            return 0;
        }
        Flux.fromIterable(due)
                .flatMap(
                        d -> answer(d).onErrorResume(e -> {
                            // Left leased: another round takes it up again once the lease has run out.
                            log.warn(
                                    "Could not answer {} for tenant {}: {}",
                                    SensitiveText.maskPhone(d.phone()),
                                    d.tenantId(),
                                    e.toString());
                            return Mono.empty();
                        }),
                        CONCURRENCY)
                .then()
                .block(properties.answerLease().plusSeconds(30));
        return due.size();
    }

    private Flux<Due> claim() {
        Instant now = clock.instant();
        return db.sql("""
                        UPDATE conversation c SET answer_lease_until = :until
                        FROM (SELECT tenant_id, phone FROM conversation
                              WHERE answer_due_at <= :now AND (answer_lease_until IS NULL OR answer_lease_until < :now)
                              ORDER BY answer_due_at LIMIT""" + " " + BATCH + """
                              FOR UPDATE SKIP LOCKED) d
                        WHERE c.tenant_id = d.tenant_id AND c.phone = d.phone
                        RETURNING c.tenant_id, c.phone, c.answer_due_at""")
                .bind("now", TextMessages.utc(now))
                .bind("until", TextMessages.utc(now.plus(properties.answerLease())))
                .map(row -> new Due(
                        row.get("tenant_id", String.class),
                        row.get("phone", String.class),
                        row.get("answer_due_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    Mono<Void> answer(Due due) {
        Optional<Tenant> found = tenants.byId(due.tenantId());
        if (found.isEmpty()) {
            return done(due, null).as(transaction::transactional);
        }
        Tenant tenant = found.get();
        return Mono.zip(state(due), waiting(due), bookings.locale(due.tenantId(), due.phone()))
                .flatMap(all -> {
                    State state = all.getT1();
                    Waiting waiting = all.getT2();
                    String locale = all.getT3();
                    if (state.takenOver() || state.optedOut() || waiting.ids().isEmpty()) {
                        return done(due, null).as(transaction::transactional);
                    }
                    Instant now = clock.instant();
                    VerdictActions.Situation bare = new VerdictActions.Situation(
                            tenant, due.phone(), locale, waiting.words(), Optional.empty(), now);
                    if (!tenant.assistant().enabled()
                            || state.assistantToday() >= properties.assistantMessagesPerDay()) {
                        if (tenant.assistant().enabled()) {
                            log.info(
                                    "The assistant wrote {} texts to {} today, its limit: the template answers",
                                    state.assistantToday(),
                                    SensitiveText.maskPhone(due.phone()));
                        }
                        return stillOurs(due)
                                .flatMap(ours -> ours
                                        ? actions.template(bare, TextMessages.Purpose.HOLDING_REPLY)
                                                .then(done(due, waiting))
                                        : Mono.empty())
                                .as(transaction::transactional);
                    }
                    return context.of(tenant, due.phone(), locale)
                            .flatMap(request -> assistant
                                    .answer(request)
                                    .flatMap(verdict -> slots(tenant, verdict, request)
                                            .map(slots -> new VerdictActions.Situation(
                                                    tenant,
                                                    due.phone(),
                                                    locale,
                                                    waiting.words(),
                                                    slots,
                                                    clock.instant()))
                                            .flatMap(situation -> stillOurs(due)
                                                    .flatMap(ours -> ours
                                                            ? actions.apply(verdict, situation)
                                                                    .then(done(due, waiting))
                                                            : Mono.<Void>empty())
                                                    .as(transaction::transactional))));
                });
    }

    /**
     * The free times the platform has for the guest's wish, when the tenant offers them and the guest named a time;
     * empty otherwise (and whenever the platform does not answer: the wish is then sent on as read).
     */
    private Mono<Optional<SlotOffers.Offer>> slots(
            Tenant tenant, AssistantVerdict verdict, io.confirmline.orchestrator.assistant.AssistantRequest request) {
        if (!(verdict instanceof AssistantVerdict.Answered answer)
                || (answer.intent() != AssistantVerdict.Intent.CHANGE_REQUEST
                        && answer.intent() != AssistantVerdict.Intent.BOOKING_REQUEST)
                || tenant.assistant().availabilityUrl().isEmpty()
                || answer.wanted().time().isEmpty()) {
            return Mono.just(Optional.empty());
        }
        Optional<String> reservationId = answer.intent() == AssistantVerdict.Intent.CHANGE_REQUEST
                ? request.booking().map(io.confirmline.orchestrator.assistant.AssistantRequest.Booking::reservationId)
                : Optional.empty();
        LocalDate date = answer.wanted()
                .date()
                .or(() -> request.booking().map(b -> b.date()))
                .orElse(request.today());
        int party = answer.wanted()
                .partySize()
                .or(() -> request.booking().map(b -> b.partySize()).filter(p -> p > 0))
                .orElse(2);
        LocalTime time = answer.wanted().time().get();
        return availability
                .freeSlots(tenant, reservationId, date, time, party)
                .map(slots -> {
                    List<LocalTime> times = slots.stream()
                            .limit(3)
                            .map(slot -> slot.startsAt()
                                    .atZoneSameInstant(request.venue().zone()))
                            .filter(at -> at.toLocalDate().equals(date))
                            .map(ZonedDateTime::toLocalTime)
                            .distinct()
                            .toList();
                    return times.isEmpty()
                            ? Optional.<SlotOffers.Offer>empty()
                            : Optional.of(new SlotOffers.Offer(date, times, reservationId, party));
                })
                .defaultIfEmpty(Optional.empty());
    }

    /** Whether the conversation is still waiting for this answer: nobody took it over and no other round answered. */
    private Mono<Boolean> stillOurs(Due due) {
        return db.sql("""
                        SELECT 1 FROM conversation WHERE tenant_id = :tenant AND phone = :phone
                          AND answer_due_at = :due AND taken_over_at IS NULL FOR UPDATE""")
                .bind("tenant", due.tenantId())
                .bind("phone", due.phone())
                .bind("due", TextMessages.utc(due.dueAt()))
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /**
     * The texts are answered; texts that arrived while they were being answered make the conversation due again
     * at the end of their own window. {@code answered} null: every waiting text is settled (a person took over).
     */
    private Mono<Void> done(Due due, Waiting answered) {
        Mono<Void> settle = answered == null
                ? db.sql("UPDATE text_message SET awaits_answer = false WHERE tenant_id = :tenant AND phone = :phone "
                                + "AND awaits_answer")
                        .bind("tenant", due.tenantId())
                        .bind("phone", due.phone())
                        .then()
                : db.sql("UPDATE text_message SET awaits_answer = false WHERE id = ANY(:ids)")
                        .bind("ids", answered.ids().toArray(UUID[]::new))
                        .then();
        Duration window = tenants.byId(due.tenantId())
                .map(t -> t.assistant().humanWindow())
                .orElse(Tenant.Assistant.DEFAULT_HUMAN_WINDOW);
        return settle.then(db.sql("""
                        UPDATE conversation SET answer_lease_until = NULL,
                            answer_due_at = (SELECT min(t.created_at) + make_interval(secs => :window)
                                             FROM text_message t
                                             WHERE t.tenant_id = :tenant AND t.phone = :phone AND t.awaits_answer)
                        WHERE tenant_id = :tenant AND phone = :phone""")
                .bind("tenant", due.tenantId())
                .bind("phone", due.phone())
                .bind("window", window.toMillis() / 1000.0)
                .then());
    }

    /** What decides whether anything is sent. */
    private record State(boolean takenOver, boolean optedOut, long assistantToday) {}

    private Mono<State> state(Due due) {
        return db.sql("""
                        SELECT c.taken_over_at IS NOT NULL AS taken_over,
                               EXISTS (SELECT 1 FROM opt_out o WHERE o.tenant_id = c.tenant_id AND o.phone = c.phone)
                                   AS opted_out,
                               (SELECT count(*) FROM text_message t WHERE t.tenant_id = c.tenant_id AND t.phone = c.phone
                                  AND t.author = 'ASSISTANT' AND t.created_at > :since) AS assistant_today
                        FROM conversation c WHERE c.tenant_id = :tenant AND c.phone = :phone""")
                .bind("tenant", due.tenantId())
                .bind("phone", due.phone())
                .bind("since", TextMessages.utc(clock.instant().minus(Duration.ofDays(1))))
                .map(row -> new State(
                        Boolean.TRUE.equals(row.get("taken_over", Boolean.class)),
                        Boolean.TRUE.equals(row.get("opted_out", Boolean.class)),
                        row.get("assistant_today", Long.class)))
                .one()
                .defaultIfEmpty(new State(true, false, 0));
    }

    private Mono<Waiting> waiting(Due due) {
        return db.sql("""
                        SELECT id, body FROM text_message WHERE tenant_id = :tenant AND phone = :phone AND awaits_answer
                        ORDER BY created_at""")
                .bind("tenant", due.tenantId())
                .bind("phone", due.phone())
                .map(row -> new Object[] {row.get("id", UUID.class), row.get("body", String.class)})
                .all()
                .collectList()
                .map(rows -> new Waiting(
                        rows.stream().map(r -> (UUID) r[0]).toList(),
                        String.join(" / ", rows.stream().map(r -> (String) r[1]).toList())));
    }
}
