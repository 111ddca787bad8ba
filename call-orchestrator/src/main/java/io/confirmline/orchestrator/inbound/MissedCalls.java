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
package io.confirmline.orchestrator.inbound;

import io.confirmline.events.ConversationEventType;
import io.confirmline.events.MessageAuthor;
import io.confirmline.logging.SensitiveText;
import io.confirmline.orchestrator.conversation.ConversationEvents;
import io.confirmline.orchestrator.conversation.TextMessages;
import io.confirmline.orchestrator.optout.OptOuts;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.orchestrator.text.TextTemplates;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A missed call (issue #15 item 4): a guest put through to the restaurant whom nobody answered, or who called
 * outside opening hours. In the caller's transaction: a {@code MISSED_CALL} fact on {@code conversations.v1} (the
 * notifier turns it into {@code guest.missed_call}, the owner's thread shows it) and one text from the venue's
 * template — at most one per caller per tenant an hour, none to an opted-out number, none when the tenant cannot
 * text. The caller handles each missed call once (per session).
 */
@Component
public class MissedCalls {

    /** Where the missed call happened, as {@code ConversationEvent.source} says it. */
    public enum Source {
        INBOUND_CALL,
        OUTBOUND_CALL
    }

    private static final Logger log = LoggerFactory.getLogger(MissedCalls.class);
    /** A text-back later than this after the call would only confuse. */
    private static final Duration TEXT_EXPIRY = Duration.ofHours(2);

    private final DatabaseClient db;
    private final Tenants tenants;
    private final TextMessages texts;
    private final ConversationEvents events;
    private final OptOuts optOuts;
    private final TextTemplates templates;
    private final Clock clock;

    public MissedCalls(
            DatabaseClient db,
            Tenants tenants,
            TextMessages texts,
            ConversationEvents events,
            OptOuts optOuts,
            TextTemplates templates,
            Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.texts = texts;
        this.events = events;
        this.optOuts = optOuts;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * @param phone the guest's number (E.164)
     * @param reservationId the booking the call was about, when known
     * @param why the fact's reason ("Nobody at the venue answered (8x8 NO_ANSWER)")
     */
    public Mono<Void> missed(String tenantId, String phone, String reservationId, Source source, String why) {
        Tenant tenant = tenants.byId(tenantId).orElse(null);
        if (tenant == null) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        log.info("Missed call from {} at tenant {}: {}", SensitiveText.maskPhone(phone), tenantId, why);
        return events.fact(ConversationEventType.MISSED_CALL, tenantId, phone, reservationId, source.name(), why)
                .then(tenant.texts() ? textBack(tenant, phone, reservationId, now) : Mono.empty());
    }

    private Mono<Void> textBack(Tenant tenant, String phone, String reservationId, Instant now) {
        return optOuts.isOptedOut(tenant.id(), phone)
                .flatMap(optedOut -> optedOut
                        ? Mono.just(0L)
                        : db.sql("""
                                INSERT INTO conversation (tenant_id, phone, last_missed_call_text_at)
                                VALUES (:tenant, :phone, :now)
                                ON CONFLICT (tenant_id, phone) DO UPDATE
                                SET last_missed_call_text_at = excluded.last_missed_call_text_at
                                WHERE conversation.last_missed_call_text_at IS NULL
                                   OR conversation.last_missed_call_text_at <= :now - interval '1 hour'""")
                                .bind("tenant", tenant.id())
                                .bind("phone", phone)
                                .bind("now", now.atOffset(ZoneOffset.UTC))
                                .fetch()
                                .rowsUpdated())
                .flatMap(claimed -> claimed == 0
                        ? Mono.empty()
                        : locale(tenant.id(), phone)
                                .flatMap(locale -> texts.queue(new TextMessages.Outgoing(
                                        tenant.id(),
                                        phone,
                                        MessageAuthor.SYSTEM,
                                        TextMessages.Purpose.MISSED_CALL,
                                        templates.missedCall(tenant, locale),
                                        reservationId,
                                        null,
                                        now,
                                        now.plus(TEXT_EXPIRY)))))
                .then();
    }

    /** The guest's language: that of their latest booking at the tenant, else English. */
    private Mono<String> locale(String tenantId, String phone) {
        return db.sql("""
                        SELECT guest_locale FROM booking WHERE tenant_id = :tenant AND guest_phone = :phone
                        ORDER BY updated_at DESC LIMIT 1""")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .map(row -> row.get("guest_locale", String.class))
                .one()
                .defaultIfEmpty("en");
    }
}
