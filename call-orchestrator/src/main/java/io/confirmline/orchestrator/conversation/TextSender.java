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
import io.confirmline.orchestrator.call.CallProgress;
import io.confirmline.orchestrator.optout.OptOuts;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.orchestrator.text.SendResult;
import io.confirmline.orchestrator.text.SmsClient;
import io.confirmline.sms.SmsParts;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the texts that are due: claims a batch (lease, SKIP LOCKED, so instances share the work), checks each is
 * still wanted (the number has not opted out, a fallback's booking still awaits its reply), asks 8x8 (its id is the
 * clientMessageId, so a request resent after a crash is one text), and records the answer. 8x8 being away puts the
 * text back with a growing delay until it expires (a fallback text expires when its booking starts); a refusal
 * ends it, and ends the booking UNREACHABLE when it was the fallback.
 */
@Component
public class TextSender {

    private static final Logger log = LoggerFactory.getLogger(TextSender.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int BATCH = 50;

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Tenants tenants;
    private final SmsClient sms;
    private final TextMessages texts;
    private final OptOuts optOuts;
    private final CallProgress calls;
    private final Clock clock;

    public TextSender(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Tenants tenants,
            SmsClient sms,
            TextMessages texts,
            OptOuts optOuts,
            CallProgress calls,
            Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.tenants = tenants;
        this.sms = sms;
        this.texts = texts;
        this.optOuts = optOuts;
        this.calls = calls;
        this.clock = clock;
    }

    /** Sends one batch of due texts; returns how many were claimed. */
    public int sendOnce() {
        List<TextMessages.Stored> due = db.sql("""
                        UPDATE text_message SET lease_until = now() + make_interval(secs => :lease), tries = tries + 1
                        WHERE id IN (SELECT id FROM text_message
                                     WHERE state = 'PENDING' AND due_at <= now()
                                       AND (lease_until IS NULL OR lease_until < now())
                                     ORDER BY due_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + TextMessages.Stored.COLUMNS)
                .bind("lease", (double) LEASE.toSeconds())
                .bind("batch", BATCH)
                .map(TextMessages.Stored::of)
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
        if (due == null || due.isEmpty()) {
            return 0;
        }
        Flux.fromIterable(due)
                .flatMap(
                        text -> send(text).onErrorResume(error -> {
                            log.error("Sending text {} failed: {}", text.id(), error.toString());
                            return Mono.empty();
                        }),
                        8)
                .then()
                .block(Duration.ofMinutes(2));
        return due.size();
    }

    private Mono<Void> send(TextMessages.Stored text) {
        Tenant tenant = tenants.byId(text.tenantId()).orElse(null);
        Instant now = clock.instant();
        if (tenant == null || !tenant.enabled() || !tenant.texts()) {
            return end(
                    text,
                    "FAILED",
                    null,
                    tenant == null
                            ? "Tenant unknown"
                            : !tenant.enabled() ? "TENANT_DISABLED" : "The tenant has no SMS subaccount or number");
        }
        if (text.expiresAt() != null && !now.isBefore(text.expiresAt())) {
            return end(text, "FAILED", null, "Expired before it could be sent");
        }
        return stillWanted(text)
                .flatMap(why -> !why.isEmpty()
                        ? end(text, "FAILED", null, why)
                        : sms.send(
                                        tenant,
                                        new SmsClient.OutgoingText(
                                                text.id().toString(),
                                                text.phone(),
                                                tenant.account().smsNumbers().get(0),
                                                text.body()))
                                .flatMap(result -> record(text, tenant, result)));
    }

    /** Empty when the text should still go out; otherwise why not. */
    private Mono<String> stillWanted(TextMessages.Stored text) {
        // The one confirmation of an opt-out, and the answer to HELP, go to an opted-out number too (CTIA).
        Mono<String> optedOut = "OPT_OUT_CONFIRMATION".equals(text.purpose()) || "HELP".equals(text.purpose())
                ? Mono.just("")
                : optOuts.isOptedOut(text.tenantId(), text.phone()).map(out -> out ? "OPTED_OUT" : "");
        if (!"FALLBACK".equals(text.purpose()) || text.callId() == null) {
            return optedOut;
        }
        return optedOut.flatMap(why -> !why.isEmpty()
                ? Mono.just(why)
                : db.sql("SELECT status FROM call WHERE id = :id")
                        .bind("id", text.callId())
                        .map(row -> "TEXTED".equals(row.get("status", String.class))
                                ? ""
                                : "The booking no longer awaits a reply (" + row.get("status", String.class) + ")")
                        .one()
                        .defaultIfEmpty("The booking is gone"));
    }

    private Mono<Void> record(TextMessages.Stored text, Tenant tenant, SendResult result) {
        if (result instanceof SendResult.Accepted accepted) {
            SmsParts parts = SmsParts.of(text.body());
            return db.sql("""
                            UPDATE text_message SET state = 'QUEUED', umid = :umid, sender = :sender, encoding = :encoding,
                                   segments = :segments, lease_until = NULL, updated_at = now()
                            WHERE id = :id AND state = 'PENDING'""")
                    .bind("umid", accepted.umid())
                    .bind("sender", tenant.account().smsNumbers().get(0))
                    .bind(
                            "encoding",
                            accepted.encoding() != null
                                    ? accepted.encoding()
                                    : parts.encoding().name())
                    .bind("segments", parts.segments())
                    .bind("id", text.id())
                    .fetch()
                    .rowsUpdated()
                    .flatMap(n -> n == 0
                            ? Mono.<Void>empty()
                            : texts.announce(text.id(), ConversationEventType.MESSAGE_STATUS, false))
                    .as(transaction::transactional);
        }
        if (result instanceof SendResult.Refused refused) {
            Integer code = parseCode(refused.code(), refused.httpStatus());
            return end(
                    text,
                    "REJECTED",
                    code,
                    "8x8 refused the text: " + refused.code()
                            + (refused.description() == null ? "" : " " + refused.description()));
        }
        String reason = ((SendResult.Unavailable) result).reason();
        Instant retryAt = clock.instant().plus(backoff(text.tries()));
        if (text.expiresAt() != null && !retryAt.isBefore(text.expiresAt())) {
            return end(text, "FAILED", null, "8x8 unavailable until the text expired: " + reason);
        }
        log.warn("Text {} not sent (try {}), again at {}: {}", text.id(), text.tries(), retryAt, reason);
        return db.sql("UPDATE text_message SET due_at = :due, lease_until = NULL, detail = :detail, updated_at = now() "
                        + "WHERE id = :id AND state = 'PENDING'")
                .bind("due", TextMessages.utc(retryAt))
                .bind("detail", reason)
                .bind("id", text.id())
                .then();
    }

    /** Ends a text that will not go out (or was refused); a fallback text's booking then ends UNREACHABLE. */
    private Mono<Void> end(TextMessages.Stored text, String state, Integer code, String why) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql("""
                        UPDATE text_message SET state = :state, error_code = :code, detail = :detail, lease_until = NULL,
                               updated_at = now()
                        WHERE id = :id AND state = 'PENDING'""").bind("state", state).bind("detail", why).bind("id", text.id());
        spec = code == null ? spec.bindNull("code", Integer.class) : spec.bind("code", code);
        return spec.fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0
                        ? Mono.<Void>empty()
                        : texts.announce(text.id(), ConversationEventType.MESSAGE_STATUS, false)
                                .then(
                                        "FALLBACK".equals(text.purpose()) && text.callId() != null
                                                ? calls.textFailed(text.callId(), "The text could not be sent: " + why)
                                                : Mono.empty()))
                .as(transaction::transactional);
    }

    /** 5 s, 10 s, 20 s... capped at 10 minutes. */
    static Duration backoff(int tries) {
        long seconds = 5L << Math.min(Math.max(tries - 1, 0), 7);
        return Duration.ofSeconds(Math.min(seconds, 600));
    }

    private static Integer parseCode(String code, int httpStatus) {
        try {
            return code == null ? httpStatus : Integer.valueOf(code.trim());
        } catch (NumberFormatException notANumber) {
            return httpStatus;
        }
    }
}
