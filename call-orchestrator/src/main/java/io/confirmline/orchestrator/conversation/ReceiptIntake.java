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
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.call.CallProgress;
import io.confirmline.orchestrator.idempotency.ProcessedEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
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
 * 8x8's delivery receipts ({@code sms.receipts.v1}, issue #14 item 6): recorded on their text (matched by umid, or
 * by the clientMessageId we sent — our id of the text — when the receipt overtook our record of 8x8's answer), with
 * 8x8's detail, error, price and segments; a state never moves back (a late "sent" after "delivered" changes
 * nothing). An undelivered or rejected fallback text ends its TEXTED booking UNREACHABLE. Idempotent on eventId.
 */
@Component
public class ReceiptIntake {

    private static final Logger log = LoggerFactory.getLogger(ReceiptIntake.class);

    /** 8x8's states in the order a text moves through them; a receipt for an earlier one changes nothing. */
    private static final Map<String, Integer> RANK =
            Map.of("PENDING", 0, "QUEUED", 1, "SENT", 2, "REJECTED", 3, "UNDELIVERED", 3, "DELIVERED", 4, "READ", 5);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final TextMessages texts;
    private final CallProgress calls;
    private final ProcessedEvents processed;

    public ReceiptIntake(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            TextMessages texts,
            CallProgress calls,
            ProcessedEvents processed) {
        this.db = db;
        this.processed = processed;
        this.transaction = TransactionalOperator.create(transactions);
        this.texts = texts;
        this.calls = calls;
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).SMS_RECEIPTS.name()}")
    public void onReceipt(ConsumerRecord<String, SmsStatusReceived> record) {
        apply(record.value()).block(Duration.ofSeconds(30));
    }

    public Mono<Void> apply(SmsStatusReceived receipt) {
        String state = receipt.getState().toUpperCase(Locale.ROOT);
        if (!RANK.containsKey(state)) {
            log.warn("Receipt {} names a state 8x8 does not document: {}", receipt.getEventId(), receipt.getState());
            return Mono.empty();
        }
        return processed
                .claim(receipt.getEventId(), Topics.SMS_RECEIPTS)
                .flatMap(first -> !first
                        ? Mono.<Void>empty()
                        : find(receipt)
                                .flatMap(text -> record(text, state, receipt).thenReturn(true))
                                .switchIfEmpty(Mono.fromCallable(() -> {
                                    log.warn(
                                            "Receipt for a text this service did not send (umid {}), ignored",
                                            receipt.getUmid());
                                    return false;
                                }))
                                .then())
                .as(transaction::transactional);
    }

    private Mono<TextMessages.Stored> find(SmsStatusReceived receipt) {
        UUID byClientId = uuid(receipt.getClientMessageId());
        return db.sql("SELECT " + TextMessages.Stored.COLUMNS + " FROM text_message WHERE direction = 'OUTBOUND' "
                        + "AND tenant_id = :tenant AND (umid = :umid OR id = :clientId) LIMIT 1 FOR UPDATE")
                .bind("tenant", receipt.getTenantId())
                .bind("umid", receipt.getUmid())
                .bind("clientId", byClientId == null ? new UUID(0, 0) : byClientId)
                .map(TextMessages.Stored::of)
                .one();
    }

    private Mono<Void> record(TextMessages.Stored text, String state, SmsStatusReceived receipt) {
        if (RANK.getOrDefault(text.state(), 0) >= RANK.get(state) || "FAILED".equals(text.state())) {
            return Mono.empty();
        }
        DatabaseClient.GenericExecuteSpec spec =
                db.sql("""
                        UPDATE text_message SET state = :state, umid = COALESCE(umid, :umid), detail = :detail,
                               error_code = :code, price = COALESCE(:price, price), currency = COALESCE(:currency, currency),
                               segments = COALESCE(:segments, segments), lease_until = NULL, updated_at = now()
                        WHERE id = :id""").bind("state", state).bind("umid", receipt.getUmid()).bind("id", text.id());
        spec = bindOrNull(spec, "detail", detail(receipt), String.class);
        spec = bindOrNull(spec, "code", receipt.getErrorCode(), Integer.class);
        spec = bindOrNull(
                spec,
                "price",
                receipt.getPriceTotal() == null ? null : BigDecimal.valueOf(receipt.getPriceTotal()),
                BigDecimal.class);
        spec = bindOrNull(spec, "currency", receipt.getCurrency(), String.class);
        spec = bindOrNull(spec, "segments", receipt.getSmsCount(), Integer.class);
        Mono<Void> failed = ("UNDELIVERED".equals(state) || "REJECTED".equals(state))
                        && "FALLBACK".equals(text.purpose())
                        && text.callId() != null
                ? calls.textFailed(
                        text.callId(),
                        "The text was not delivered (8x8 " + receipt.getState()
                                + (receipt.getDetail() == null ? "" : ", " + receipt.getDetail())
                                + (receipt.getErrorCode() == null ? "" : ", error " + receipt.getErrorCode())
                                + (receipt.getErrorMessage() == null ? "" : " " + receipt.getErrorMessage()) + ")")
                : Mono.empty();
        return spec.then()
                .then(texts.announce(text.id(), ConversationEventType.MESSAGE_STATUS, false))
                .then(failed);
    }

    private static String detail(SmsStatusReceived receipt) {
        if (receipt.getErrorMessage() == null) {
            return receipt.getDetail();
        }
        return (receipt.getDetail() == null ? "" : receipt.getDetail() + ": ") + receipt.getErrorMessage();
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindOrNull(
            DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
