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
package io.confirmline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.events.CallActionReceived;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class AvroBinaryTest {

    static CallActionReceived keyPress() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return CallActionReceived.newBuilder()
                .setEventId("e-1")
                .setOccurredAt(now)
                .setTenantId("luigis")
                .setSessionId("s-1")
                .setSubAccountId("luigis_voice")
                .setDigits("1")
                .setReceivedAt(now)
                .build();
    }

    @Test
    void anEventReadBackFromItsBytesOrABufferIsTheSameEvent() {
        CallActionReceived event = keyPress();
        byte[] bytes = AvroBinary.encode(event);

        assertThat(AvroBinary.decode(CallActionReceived.class, bytes)).isEqualTo(event);
        ByteBuffer column =
                ByteBuffer.allocate(bytes.length + 4).put(new byte[] {9, 9}).put(bytes);
        column.flip().position(2).limit(2 + bytes.length);
        assertThat(AvroBinary.decode(CallActionReceived.class, column)).isEqualTo(event);
        assertThat(column.remaining())
                .as("the caller's buffer is left as it was")
                .isEqualTo(bytes.length);
    }

    /**
     * Rows and spool records written by earlier builds must still be read: these bytes are what the outbox, the
     * parked events and the ingress's spool have been writing (plain Avro binary of the current schema).
     */
    @Test
    void theStoredFormatIsPlainAvroBinaryAndStaysSo() {
        String stored =
                "06652d3180e88dfbbf680c6c756967697306732d31186c75696769735f766f6963650002023100000000d0f78dfbbf68";
        CallActionReceived event = CallActionReceived.newBuilder()
                .setEventId("e-1")
                .setOccurredAt(Instant.parse("2026-11-21T20:00:00Z"))
                .setTenantId("luigis")
                .setSessionId("s-1")
                .setSubAccountId("luigis_voice")
                .setDigits("1")
                .setReceivedAt(Instant.parse("2026-11-21T20:00:01Z"))
                .build();

        assertThat(AvroBinary.decode(
                        CallActionReceived.class, java.util.HexFormat.of().parseHex(stored)))
                .isEqualTo(event);
        assertThat(java.util.HexFormat.of().formatHex(AvroBinary.encode(event))).isEqualTo(stored);
    }

    @Test
    void bytesThatAreNotSuchAnEventAreRefused() {
        byte[] truncated = java.util.Arrays.copyOf(AvroBinary.encode(keyPress()), 5);
        assertThatThrownBy(() -> AvroBinary.decode(CallActionReceived.class, truncated))
                .isInstanceOf(UncheckedIOException.class);
    }
}
