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
package io.confirmline.ingress.sms;

import io.confirmline.events.SmsStatusReceived;
import io.confirmline.ingress.webhook.PhoneNumbers;
import io.confirmline.ingress.webhook.WebhookFields;
import io.confirmline.ingress.webhook.WebhookRefusals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A delivery receipt of one of our texts (8x8's DR webhook, 8x8-voice-api.md §7), checked: it has a umid, a source
 * (our number, which names the tenant), a destination and a {@code status.state}, else it is refused (400). The
 * price is optional.
 *
 * @param from the tenant's number the text went from ({@code source}), E.164
 * @param to the guest ({@code destination}), E.164
 * @param state {@code status.state} in lower case
 * @param statusTimestamp {@code status.timestamp} as sent, for the eventId; null when absent
 */
record DeliveryReceipt(
        String umid,
        String clientMessageId,
        String subAccountId,
        String from,
        String to,
        String state,
        String detail,
        Integer errorCode,
        String errorMessage,
        String statusTimestamp,
        Instant statusAt,
        Double priceTotal,
        Double pricePerSms,
        String currency,
        Integer smsCount) {

    static DeliveryReceipt of(SmsWebhook webhook) {
        String umid = webhook.required("umid");
        String from = PhoneNumbers.e164(webhook.required("source"));
        String to = PhoneNumbers.e164(webhook.required("destination"));
        JsonNode status = webhook.payload().get("status");
        if (status == null || !status.isObject()) {
            throw WebhookRefusals.badRequest("payload.status is required and must be an object");
        }
        String state =
                SmsWebhook.required(status, "state", "payload.status.state").toLowerCase(Locale.ROOT);
        JsonNode price = webhook.payload().get("price");
        String timestamp = WebhookFields.text(status, "timestamp");
        return new DeliveryReceipt(
                umid,
                webhook.optional("clientMessageId"),
                webhook.optional("subAccountId"),
                from,
                to,
                state,
                blankToNull(WebhookFields.text(status, "detail")),
                WebhookFields.integer(status, "errorCode"),
                blankToNull(WebhookFields.text(status, "errorMessage")),
                timestamp == null ? null : timestamp.strip(),
                WebhookFields.instant(status, "timestamp"),
                WebhookFields.decimal(price, "total"),
                WebhookFields.decimal(price, "perSms"),
                blankToNull(WebhookFields.text(price, "currency")),
                WebhookFields.integer(webhook.payload(), "smsCount"));
    }

    /**
     * A name-based UUID of {@code umid|state|status.timestamp}: the same receipt delivered again gets the same id,
     * while the successive states of one text (sent, then delivered) are different events.
     */
    String eventId() {
        String identity = umid + "|" + state + "|" + (statusTimestamp == null ? "" : statusTimestamp);
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    SmsStatusReceived toEvent(String tenantId, Instant receivedAt) {
        return SmsStatusReceived.newBuilder()
                .setEventId(eventId())
                .setUmid(umid)
                .setClientMessageId(clientMessageId)
                .setTenantId(tenantId)
                .setSubAccountId(subAccountId)
                .setState(state)
                .setDetail(detail)
                .setErrorCode(errorCode)
                .setErrorMessage(errorMessage)
                .setStatusAt(statusAt)
                .setPriceTotal(priceTotal)
                .setPricePerSms(pricePerSms)
                .setCurrency(currency)
                .setSmsCount(smsCount)
                .setReceivedAt(receivedAt)
                .build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
