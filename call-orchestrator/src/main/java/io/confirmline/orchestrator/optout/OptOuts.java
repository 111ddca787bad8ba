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
package io.confirmline.orchestrator.optout;

import io.confirmline.events.ConversationEventType;
import io.confirmline.orchestrator.conversation.ConversationEvents;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The numbers that asked a tenant not to contact them again (issue #14 item 5): stored in PostgreSQL, checked before
 * every call and every text, announced on {@code conversations.v1} as {@code OPTED_OUT} / {@code OPTED_IN} (the
 * notifier tells the platform, unless the platform itself was the source). Every method runs inside the caller's
 * transaction.
 */
@Component
public class OptOuts {

    /** The reason a booking or message for an opted-out number is not called, as the platform reads it. */
    public static final String SKIP_REASON = "OPTED_OUT: the guest asked not to be contacted again";

    /** Where an opt-out or opt-in came from. */
    public enum Source {
        GUEST_TEXT,
        PLATFORM,
        CONSOLE
    }

    /** An opt-out as the API shows it. */
    public record OptOut(String phone, String source, String reason, Instant optedOutAt) {}

    private final DatabaseClient db;
    private final ConversationEvents conversations;

    public OptOuts(DatabaseClient db, ConversationEvents conversations) {
        this.db = db;
        this.conversations = conversations;
    }

    public Mono<Boolean> isOptedOut(String tenantId, String phone) {
        return db.sql("SELECT 1 FROM opt_out WHERE tenant_id = :tenant AND phone = :phone")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** Opts the number out; true when it was not opted out before (and the fact was announced). */
    public Mono<Boolean> optOut(String tenantId, String phone, Source source, String reason) {
        return db.sql("""
                        INSERT INTO opt_out (tenant_id, phone, source, reason) VALUES (:tenant, :phone, :source, :reason)
                        ON CONFLICT (tenant_id, phone) DO NOTHING""")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .bind("source", source.name())
                .bind("reason", reason == null ? "" : reason)
                .fetch()
                .rowsUpdated()
                .flatMap(added -> added == 0
                        ? Mono.just(false)
                        : conversations
                                .fact(ConversationEventType.OPTED_OUT, tenantId, phone, null, source.name(), reason)
                                .then(cancelPendingTexts(tenantId, phone))
                                .thenReturn(true));
    }

    /** Opts the number back in; true when it was opted out (and the fact was announced). */
    public Mono<Boolean> optIn(String tenantId, String phone, Source source, String reason) {
        return db.sql("DELETE FROM opt_out WHERE tenant_id = :tenant AND phone = :phone")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .fetch()
                .rowsUpdated()
                .flatMap(removed -> removed == 0
                        ? Mono.just(false)
                        : conversations
                                .fact(ConversationEventType.OPTED_IN, tenantId, phone, null, source.name(), reason)
                                .thenReturn(true));
    }

    /** The number's opt-out at the tenant, if it has one. */
    public Mono<OptOut> find(String tenantId, String phone) {
        return db.sql(
                        "SELECT phone, source, reason, opted_out_at FROM opt_out WHERE tenant_id = :tenant AND phone = :phone")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .map(OptOuts::optOut)
                .one();
    }

    /** The tenant's opt-outs in number order, after {@code after} (exclusive; null for the first page). */
    public Flux<OptOut> list(String tenantId, String after, int limit) {
        return db.sql("""
                        SELECT phone, source, reason, opted_out_at FROM opt_out
                        WHERE tenant_id = :tenant AND phone > :after ORDER BY phone LIMIT :limit""")
                .bind("tenant", tenantId)
                .bind("after", after == null ? "" : after)
                .bind("limit", limit)
                .map(OptOuts::optOut)
                .all();
    }

    private static OptOut optOut(io.r2dbc.spi.Readable row) {
        return new OptOut(
                row.get("phone", String.class),
                row.get("source", String.class),
                row.get("reason", String.class),
                row.get("opted_out_at", OffsetDateTime.class).toInstant());
    }

    /**
     * Texts still waiting to go out to the number are not sent — except the one confirmation of the opt-out itself,
     * which the law allows (FCC 24-24) and which is queued after this, and answers to HELP.
     */
    private Mono<Void> cancelPendingTexts(String tenantId, String phone) {
        return db.sql("""
                        UPDATE text_message SET state = 'FAILED', detail = 'OPTED_OUT', updated_at = now()
                        WHERE tenant_id = :tenant AND phone = :phone AND state = 'PENDING'""").bind("tenant", tenantId).bind("phone", phone).then();
    }
}
