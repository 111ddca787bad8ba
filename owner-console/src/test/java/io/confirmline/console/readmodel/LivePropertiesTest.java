package io.confirmline.console.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live feed's settings refuse what would break it: a zero heartbeat would beat without pause. */
class LivePropertiesTest {

    @Test
    void everyDurationMustBePositive() {
        assertThatThrownBy(() -> new LiveProperties(Duration.ZERO, Duration.ofDays(1), Duration.ofMinutes(10), Duration.ofSeconds(1)))
                .hasMessage("confirmline.console.live.heartbeat must be positive");
        assertThatThrownBy(() -> new LiveProperties(Duration.ofSeconds(15), Duration.ofDays(1), Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessage("confirmline.console.live.max-stream must be positive");
        assertThat(new LiveProperties(Duration.ofSeconds(15), Duration.ofDays(1), Duration.ofMinutes(10), Duration.ofSeconds(1))
                .maxStream()).isEqualTo(Duration.ofMinutes(10));
    }
}
