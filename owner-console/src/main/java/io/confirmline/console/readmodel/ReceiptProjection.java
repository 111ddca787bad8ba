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
package io.confirmline.console.readmodel;

import static io.confirmline.console.readmodel.Binds.bind;
import static io.confirmline.console.readmodel.Binds.time;

import io.confirmline.events.SmsStatusReceived;
import io.confirmline.kafka.InvalidEventException;
import java.math.BigDecimal;
import java.util.Locale;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code sms.receipts.v1} into {@code text_receipt}, only for what 8x8 charged for each text (the analytics' text
 * cost): the latest receipt of a text wins, and a price once known is kept when a later receipt has none.
 */
@Component
class ReceiptProjection {

    private final DatabaseClient db;

    ReceiptProjection(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> apply(SmsStatusReceived receipt) {
        if (receipt.getUmid() == null || receipt.getUmid().isBlank() || receipt.getTenantId() == null) {
            throw new InvalidEventException("A delivery receipt without a umid or tenant");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO text_receipt AS r (umid, tenant_id, state, price_total, currency, received_at)
                        VALUES (:umid, :tenant, :state, :price, :currency, :at)
                        ON CONFLICT (umid) DO UPDATE SET
                               state = CASE WHEN r.received_at <= EXCLUDED.received_at THEN EXCLUDED.state ELSE r.state END,
                               price_total = COALESCE(EXCLUDED.price_total, r.price_total),
                               currency = COALESCE(EXCLUDED.currency, r.currency),
                               received_at = GREATEST(r.received_at, EXCLUDED.received_at)""")
                .bind("umid", receipt.getUmid())
                .bind("tenant", receipt.getTenantId())
                .bind("state", receipt.getState().toUpperCase(Locale.ROOT));
        spec = bind(
                spec,
                "price",
                receipt.getPriceTotal() == null ? null : BigDecimal.valueOf(receipt.getPriceTotal()),
                BigDecimal.class);
        spec = bind(spec, "currency", receipt.getCurrency(), String.class);
        return time(spec, "at", receipt.getReceivedAt()).then();
    }
}
