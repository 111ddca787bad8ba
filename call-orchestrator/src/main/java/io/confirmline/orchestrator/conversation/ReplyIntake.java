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
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
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
 *   <li>anything else — or a clear answer with no booking left to decide — is a message for the owner on
 *       {@code conversations.v1}, answered automatically at most once an hour per conversation with "we'll get back
 *       to you", and never once a person has taken the conversation over.</li>
 * </ul>
 */
@Component
public class ReplyIntake {

    private static final Logger log = LoggerFactory.getLogger(ReplyIntake.class);
    /** How long our automatic answers may wait for 8x8 before they are pointless. */
    private static final Duration ANSWER_EXPIRY = Duration.ofHours(12);
    private static final int MAX_WORDS_IN_REASON = 60;

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Tenants tenants;
    private final TextMessages texts;
    private final OptOuts optOuts;
    private final CallProgress calls;
    private final TextTemplates templates;
    private final ReplyParser parser = new ReplyParser();
    private final Clock clock;

    public ReplyIntake(DatabaseClient db, ReactiveTransactionManager transactions, Tenants tenants, TextMessages texts,
            OptOuts optOuts, CallProgress calls, TextTemplates templates, Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.tenants = tenants;
        this.texts = texts;
        this.optOuts = optOuts;
        this.calls = calls;
        this.templates = templates;
        this.clock = clock;
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).SMS_INBOUND.name()}")
    public void onText(ConsumerRecord<String, SmsReceived> record) {
        apply(record.value()).block(Duration.ofSeconds(30));
    }

    /** The guest's booking a reply is about, as the acknowledgement names it. */
    private record OpenBooking(UUID callId, String reservationId, Instant startsAt, TextTemplates.Booking words) {
    }

    public Mono<Void> apply(SmsReceived sms) {
        Tenant tenant = tenants.byId(sms.getTenantId()).orElseThrow(() ->
                new InvalidEventException("Text for unknown tenant " + sms.getTenantId()));
        UUID id = UUID.randomUUID();
        String phone = sms.getFrom();
        ReplyIntent intent = parser.parse(sms.getBody(), tenant.digits().confirm(), tenant.digits().cancel());
        return texts.received(id, tenant.id(), phone, sms.getUmid(), sms.getBody(), sms.getReceivedAt())
                .flatMap(first -> {
                    if (!first) {
                        log.info("Text {} from {} delivered again, ignored", sms.getUmid(), SensitiveText.maskPhone(phone));
                        return Mono.<Void>empty();
                    }
                    return locale(tenant.id(), phone).flatMap(locale -> handle(tenant, id, phone, sms.getBody(), intent,
                            locale));
                })
                .as(transaction::transactional);
    }

    private Mono<Void> handle(Tenant tenant, UUID id, String phone, String body, ReplyIntent intent, String locale) {
        Instant now = clock.instant();
        return switch (intent) {
            case OPT_OUT -> optOuts.optOut(tenant.id(), phone, OptOuts.Source.GUEST_TEXT,
                            "The guest texted \"" + words(body) + "\"")
                    .flatMap(fresh -> texts.interpreted(id, intent.name(), null, false)
                            .then(fresh ? answer(tenant, phone, TextMessages.Purpose.OPT_OUT_CONFIRMATION,
                                    templates.optedOut(tenant, locale), null, now) : Mono.empty()));
            case OPT_IN -> optOuts.optIn(tenant.id(), phone, OptOuts.Source.GUEST_TEXT,
                            "The guest texted \"" + words(body) + "\"")
                    .flatMap(wasOut -> texts.interpreted(id, intent.name(), null, !wasOut)
                            .then(wasOut ? answer(tenant, phone, TextMessages.Purpose.OPT_IN_CONFIRMATION,
                                    templates.optedIn(tenant, locale), null, now) : Mono.empty()));
            case HELP -> texts.interpreted(id, intent.name(), null, false)
                    .then(answer(tenant, phone, TextMessages.Purpose.HELP, templates.help(tenant, locale), null, now));
            case CONFIRM, CANCEL -> decide(tenant, id, phone, body, intent, locale, now);
            case UNCLEAR -> forTheOwner(tenant, id, phone, intent, locale, now);
        };
    }

    private Mono<Void> decide(Tenant tenant, UUID id, String phone, String body, ReplyIntent intent, String locale,
            Instant now) {
        AttemptOutcome decided = intent == ReplyIntent.CONFIRM ? AttemptOutcome.CONFIRMED : AttemptOutcome.CANCELLED;
        CallStatus wanted = decided.finalStatus(false);
        // Mono<Boolean> rather than Mono<Void>: an empty result must mean "no booking awaits a reply", nothing else.
        return awaitingReply(tenant.id(), phone)
                .flatMap(booking -> calls.guestAnswer(booking.callId(), decided, words(body), booking.startsAt(),
                                io.confirmline.events.Channel.SMS)
                        .flatMap(status -> status != wanted ? forTheOwner(tenant, id, phone, intent, locale, now)
                                : texts.interpreted(id, intent.name(), booking.reservationId(), false)
                                        .then(answer(tenant, phone, TextMessages.Purpose.ACKNOWLEDGEMENT,
                                                decided == AttemptOutcome.CONFIRMED
                                                        ? templates.confirmed(tenant, booking.words())
                                                        : templates.cancelled(tenant, booking.words()),
                                                booking.reservationId(), now)))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> forTheOwner(tenant, id, phone, intent, locale, now).thenReturn(true)))
                .then();
    }

    /**
     * A message a person should read: marked so on {@code conversations.v1}; the guest hears "we'll get back to you"
     * at most once an hour, never after a person took the conversation over, and never when they opted out.
     */
    private Mono<Void> forTheOwner(Tenant tenant, UUID id, String phone, ReplyIntent intent, String locale,
            Instant now) {
        return nextBooking(tenant.id(), phone)
                .flatMap(reservationId -> texts.interpreted(id, intent.name(), reservationId.isEmpty() ? null
                        : reservationId, true))
                .then(optOuts.isOptedOut(tenant.id(), phone))
                .flatMap(optedOut -> optedOut ? Mono.just(0L) : db.sql("""
                                INSERT INTO conversation (tenant_id, phone, last_holding_reply_at)
                                VALUES (:tenant, :phone, :now)
                                ON CONFLICT (tenant_id, phone) DO UPDATE SET last_holding_reply_at = excluded.last_holding_reply_at
                                WHERE conversation.taken_over_at IS NULL
                                  AND (conversation.last_holding_reply_at IS NULL
                                       OR conversation.last_holding_reply_at < :now - interval '1 hour')""")
                        .bind("tenant", tenant.id()).bind("phone", phone).bind("now", TextMessages.utc(now))
                        .fetch().rowsUpdated())
                .flatMap(claimed -> claimed == 0 ? Mono.empty() : answer(tenant, phone,
                        TextMessages.Purpose.HOLDING_REPLY, templates.holding(tenant, locale), null, now));
    }

    private Mono<Void> answer(Tenant tenant, String phone, TextMessages.Purpose purpose, String body,
            String reservationId, Instant now) {
        return texts.queue(new TextMessages.Outgoing(tenant.id(), phone, MessageAuthor.SYSTEM, purpose, body,
                reservationId, null, now, now.plus(ANSWER_EXPIRY))).then();
    }

    /** The guest's next booking at the tenant that a clear answer may still decide (design.md §10.3). */
    private Mono<OpenBooking> awaitingReply(String tenantId, String phone) {
        return db.sql("""
                        SELECT c.id, b.reservation_id, b.starts_at, b.kind, b.time_zone, b.guest_name, b.guest_locale,
                               b.venue_name, b.party_size, b.service_name
                        FROM call c JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
                        WHERE c.tenant_id = :tenant AND b.guest_phone = :phone
                          AND c.status IN ('TEXTED', 'NO_RESPONSE', 'UNREACHABLE')
                          AND NOT b.cancelled AND b.version = c.booking_version AND b.starts_at > now()
                        ORDER BY b.starts_at LIMIT 1""")
                .bind("tenant", tenantId).bind("phone", phone)
                .map(row -> {
                    Instant startsAt = row.get("starts_at", OffsetDateTime.class).toInstant();
                    return new OpenBooking(row.get("id", UUID.class), row.get("reservation_id", String.class), startsAt,
                            new TextTemplates.Booking(row.get("venue_name", String.class), startsAt,
                                    ZoneId.of(row.get("time_zone", String.class)), row.get("party_size", Integer.class),
                                    row.get("guest_name", String.class), row.get("guest_locale", String.class),
                                    "APPOINTMENT".equals(row.get("kind", String.class)),
                                    row.get("service_name", String.class)));
                })
                .one();
    }

    /** The guest's next upcoming booking at the tenant, whatever its status (empty string when none). */
    private Mono<String> nextBooking(String tenantId, String phone) {
        return db.sql("""
                        SELECT reservation_id FROM booking
                        WHERE tenant_id = :tenant AND guest_phone = :phone AND starts_at > now()
                        ORDER BY cancelled, starts_at LIMIT 1""")
                .bind("tenant", tenantId).bind("phone", phone)
                .map(row -> row.get("reservation_id", String.class)).one().defaultIfEmpty("");
    }

    /** The guest's language: that of their latest booking at the tenant, else English. */
    private Mono<String> locale(String tenantId, String phone) {
        return db.sql("""
                        SELECT guest_locale FROM booking WHERE tenant_id = :tenant AND guest_phone = :phone
                        ORDER BY updated_at DESC LIMIT 1""")
                .bind("tenant", tenantId).bind("phone", phone)
                .map(row -> row.get("guest_locale", String.class)).one().defaultIfEmpty("en");
    }

    /** The guest's words as a status reason quotes them: one line, not too long. */
    private static String words(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_WORDS_IN_REASON ? line : line.substring(0, MAX_WORDS_IN_REASON) + "…";
    }
}
