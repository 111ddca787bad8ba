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
        return CallActionReceived.newBuilder().setEventId("e-1").setOccurredAt(now).setTenantId("luigis")
                .setSessionId("s-1").setSubAccountId("luigis_voice").setDigits("1").setReceivedAt(now).build();
    }

    @Test
    void anEventReadBackFromItsBytesOrABufferIsTheSameEvent() {
        CallActionReceived event = keyPress();
        byte[] bytes = AvroBinary.encode(event);

        assertThat(AvroBinary.decode(CallActionReceived.class, bytes)).isEqualTo(event);
        ByteBuffer column = ByteBuffer.allocate(bytes.length + 4).put(new byte[] {9, 9}).put(bytes);
        column.flip().position(2).limit(2 + bytes.length);
        assertThat(AvroBinary.decode(CallActionReceived.class, column)).isEqualTo(event);
        assertThat(column.remaining()).as("the caller's buffer is left as it was").isEqualTo(bytes.length);
    }

    @Test
    void bytesThatAreNotSuchAnEventAreRefused() {
        byte[] truncated = java.util.Arrays.copyOf(AvroBinary.encode(keyPress()), 5);
        assertThatThrownBy(() -> AvroBinary.decode(CallActionReceived.class, truncated))
                .isInstanceOf(UncheckedIOException.class);
    }
}
