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

import io.confirmline.events.SmsReceived;
import io.confirmline.ingress.webhook.PhoneNumbers;
import io.confirmline.ingress.webhook.WebhookFields;
import io.confirmline.ingress.webhook.WebhookRefusals;
import java.time.Instant;

/**
 * A guest's text (8x8's MO webhook, 8x8-voice-api.md §7.1), checked: it has a umid, a sender, a destination and a
 * body, else it is refused (400) — 8x8 warns that older accounts get older formats.
 *
 * @param from the guest ({@code source}), E.164
 * @param to the tenant's virtual number ({@code destination}), E.164
 * @param subAccountId 8x8's subaccount, null when the payload names none
 */
record InboundText(
        String umid,
        String subAccountId,
        String from,
        String to,
        String body,
        String encoding,
        Integer smsCount,
        Instant sentAt) {

    static InboundText of(SmsWebhook webhook) {
        String umid = webhook.required("umid");
        String from = PhoneNumbers.e164(webhook.required("source"));
        String to = PhoneNumbers.e164(webhook.required("destination"));
        String body = WebhookFields.text(webhook.payload(), "body");
        if (body == null) {
            // An empty text is still a text; a missing one is not an MO we know.
            throw WebhookRefusals.badRequest("payload.body is required");
        }
        return new InboundText(
                umid,
                webhook.optional("subAccountId"),
                from,
                to,
                body,
                webhook.optional("encoding"),
                WebhookFields.integer(webhook.payload(), "smsCount"),
                WebhookFields.instant(webhook.payload(), "timestamp"));
    }

    /** The event: its eventId is the umid, so a redelivery is dropped by whoever consumes it. */
    SmsReceived toEvent(String tenantId, Instant receivedAt) {
        return SmsReceived.newBuilder()
                .setEventId(umid)
                .setUmid(umid)
                .setTenantId(tenantId)
                .setSubAccountId(subAccountId)
                .setFrom(from)
                .setTo(to)
                .setBody(body)
                .setEncoding(encoding)
                .setSmsCount(smsCount)
                .setSentAt(sentAt)
                .setReceivedAt(receivedAt)
                .build();
    }
}
