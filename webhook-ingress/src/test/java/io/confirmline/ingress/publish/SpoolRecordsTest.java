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
package io.confirmline.ingress.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.SmsReceived;
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.kafka.AvroBinary;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SpoolRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static CallActionReceived keyPress(String eventId) {
        return CallActionReceived.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(NOW)
                .setTenantId("luigis")
                .setSessionId("s-1")
                .setSubAccountId("luigis_voice")
                .setDigits("1")
                .setReceivedAt(NOW)
                .build();
    }

    @Test
    void aJournalWrittenBeforeTextsWereSpooledIsReadAsKeyPresses() {
        // Every length of eventId, up to one that takes a two-byte varint: none may look like a typed record.
        for (int length = 0; length < 200; length++) {
            CallActionReceived old = keyPress("e".repeat(length));

            SpoolRecords.Decoded decoded = SpoolRecords.decode(AvroBinary.encode(old));

            assertThat(decoded.kind()).isEqualTo(SpooledKind.CALL_ACTION);
            assertThat(decoded.event()).isEqualTo(old);
        }
    }

    @Test
    void eachKindComesBackAsItWentIn() {
        CallActionReceived action = keyPress(UUID.randomUUID().toString());
        SmsReceived text = SmsReceived.newBuilder()
                .setEventId("u-1")
                .setUmid("u-1")
                .setTenantId("luigis")
                .setFrom("+6581968289")
                .setTo("+4534735477")
                .setBody("STOP")
                .setReceivedAt(NOW)
                .build();
        SmsStatusReceived receipt = SmsStatusReceived.newBuilder()
                .setEventId("r-1")
                .setUmid("u-2")
                .setTenantId("luigis")
                .setState("delivered")
                .setReceivedAt(NOW)
                .build();

        assertThat(SpoolRecords.decode(SpoolRecords.encode(SpooledKind.CALL_ACTION, action)))
                .isEqualTo(new SpoolRecords.Decoded(SpooledKind.CALL_ACTION, action));
        assertThat(SpoolRecords.decode(SpoolRecords.encode(SpooledKind.SMS_RECEIVED, text)))
                .isEqualTo(new SpoolRecords.Decoded(SpooledKind.SMS_RECEIVED, text));
        assertThat(SpoolRecords.decode(SpoolRecords.encode(SpooledKind.SMS_STATUS, receipt)))
                .isEqualTo(new SpoolRecords.Decoded(SpooledKind.SMS_STATUS, receipt));
        assertThat(SpooledKind.SMS_RECEIVED.keyOf(text)).isEqualTo("luigis:+6581968289");
        assertThat(SpooledKind.SMS_STATUS.keyOf(receipt)).isEqualTo("u-2");
    }

    @Test
    void aRecordOfAKindThisVersionDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> SpoolRecords.decode(new byte[] {0x01, 99, 0})).hasMessageContaining("unknown kind");
    }
}
