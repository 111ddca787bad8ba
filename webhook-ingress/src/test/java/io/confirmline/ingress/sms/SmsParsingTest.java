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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.events.SmsReceived;
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.ingress.Fixtures;
import io.confirmline.ingress.webhook.PhoneNumbers;
import io.confirmline.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shapes of 8x8's SMS webhooks, older ones included; the HTTP side is SmsWebhooksComponentTest's. */
class SmsParsingTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-30T20:00:00Z");

    private static SmsWebhook webhook(String json) {
        return SmsWebhook.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void phoneNumbersAreE164WithThePlus() {
        assertThat(PhoneNumbers.e164("6581968289")).isEqualTo("+6581968289");
        assertThat(PhoneNumbers.e164(" +65 8196-8289 ")).isEqualTo("+6581968289");
        assertThat(PhoneNumbers.e164("+6581968289")).isEqualTo("+6581968289");
        assertThat(PhoneNumbers.e164("AcmeClinic")).as("a sender id is kept").isEqualTo("AcmeClinic");
    }

    @Test
    void anOlderTextWithoutEventTypeSubaccountTimestampOrCountsIsStillATextAndNumbersMayBeStrings() {
        SmsWebhook webhook = webhook("{\"payload\": {\"umid\": \"u1\", \"source\": 6581968289, "
                + "\"destination\": \"4534735477\", \"body\": \"Sí\", \"smsCount\": \"1\", \"unknown\": {\"x\": 1}}}");
        assertThat(webhook.eventTypeOr("inbound_message_received")).isEqualTo("inbound_message_received");

        SmsReceived event = InboundText.of(webhook).toEvent("luigis", RECEIVED);

        assertThat(event.getFrom()).isEqualTo("+6581968289");
        assertThat(event.getTo()).isEqualTo("+4534735477");
        assertThat(event.getBody()).isEqualTo("Sí");
        assertThat(event.getSmsCount()).isEqualTo(1);
        assertThat(event.getSubAccountId()).isNull();
        assertThat(event.getSentAt()).isNull();
        assertThat(event.getReceivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void aTextWithoutBodyOrWithABodyThatIsNotTextIsRefused() {
        for (String body : new String[] {"", ", \"body\": null", ", \"body\": {\"text\": \"hi\"}"}) {
            SmsWebhook webhook = webhook("{\"payload\": {\"umid\": \"u1\", \"source\": \"+6581968289\", "
                    + "\"destination\": \"+4534735477\"" + body + "}}");
            assertThatThrownBy(() -> InboundText.of(webhook))
                    .isInstanceOf(ProblemException.class)
                    .hasMessageContaining("payload.body is required");
        }
    }

    @Test
    void aReceiptWithoutPriceHasNoneAndItsEventIdFollowsItsState() {
        String sent = "{\"payload\": {\"umid\": \"u1\", \"source\": \"+4534735477\", \"destination\": \"+6581968289\","
                + " \"status\": {\"state\": \"Sent\", \"timestamp\": \"2026-11-30T19:59:00Z\"}}}";
        DeliveryReceipt receipt = DeliveryReceipt.of(webhook(sent));
        SmsStatusReceived event = receipt.toEvent("luigis", RECEIVED);

        assertThat(event.getState()).isEqualTo("sent");
        assertThat(event.getPriceTotal()).isNull();
        assertThat(event.getCurrency()).isNull();
        assertThat(event.getErrorCode()).isNull();
        assertThat(DeliveryReceipt.of(webhook(sent)).eventId())
                .as("a redelivery")
                .isEqualTo(receipt.eventId());
        assertThat(DeliveryReceipt.of(webhook(sent.replace("Sent", "delivered")))
                        .eventId())
                .as("the next state of the same text")
                .isNotEqualTo(receipt.eventId());
    }

    @Test
    void theDocumentedReceiptReadsEveryField() {
        SmsStatusReceived event = DeliveryReceipt.of(SmsWebhook.parse(Fixtures.bytes("sms-dr.json")))
                .toEvent("luigis", RECEIVED);

        assertThat(event.getUmid()).isEqualTo("bda3d56d-1424-e711-813c-06ed3428fe67");
        assertThat(event.getState()).isEqualTo("undelivered");
        assertThat(event.getDetail()).isEqualTo("rejected_by_operator");
        assertThat(event.getErrorCode()).isEqualTo(15);
        assertThat(event.getPriceTotal()).isEqualTo(0.0375);
        assertThat(event.getSmsCount()).isEqualTo(3);
    }
}
