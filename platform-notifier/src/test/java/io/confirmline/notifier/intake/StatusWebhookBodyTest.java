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
package io.confirmline.notifier.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.notifier.NotifierTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the platform reads for the texting statuses: the type from the status, the channel in the body. */
class StatusWebhookBodyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theFallbackTextIsReservationTextedOnTheSmsChannel() {
        CallStatusChanged texted =
                NotifierTestSupport.bySms("luigis", "r-1", CallStatus.IN_PROGRESS, CallStatus.TEXTED);

        StatusWebhookBody body = StatusWebhookBody.of(texted);

        assertThat(body.type()).isEqualTo("reservation.texted");
        JsonNode data = JSON.readTree(body.json()).get("data");
        assertThat(data.get("status").asString()).isEqualTo("TEXTED");
        assertThat(data.get("previousStatus").asString()).isEqualTo("IN_PROGRESS");
        assertThat(data.get("channel").asString()).isEqualTo("SMS");
    }

    @Test
    void aConfirmationByTextIsReservationConfirmedOnTheSmsChannelAndAKeyPressStaysVoice() {
        CallStatusChanged byText = NotifierTestSupport.bySms("luigis", "r-1", CallStatus.TEXTED, CallStatus.CONFIRMED);
        CallStatusChanged byKey =
                NotifierTestSupport.change("luigis", "r-2", CallStatus.IN_PROGRESS, CallStatus.CONFIRMED);

        StatusWebhookBody sms = StatusWebhookBody.of(byText);
        StatusWebhookBody voice = StatusWebhookBody.of(byKey);

        assertThat(sms.type()).isEqualTo("reservation.confirmed");
        assertThat(JSON.readTree(sms.json()).at("/data/channel").asString()).isEqualTo("SMS");
        assertThat(voice.type()).isEqualTo("reservation.confirmed");
        assertThat(JSON.readTree(voice.json()).at("/data/channel").asString())
                .as("the schema's default")
                .isEqualTo("VOICE");
    }
}
