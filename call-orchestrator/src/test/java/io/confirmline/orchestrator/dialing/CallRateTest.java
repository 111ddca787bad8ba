package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallRateTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void requestsAreSpacedToTheRate() {
        CallRate rate = new CallRate(4, now::get);

        assertThat(rate.reserve()).isEqualTo(Duration.ZERO);
        assertThat(rate.reserve()).isEqualTo(Duration.ofMillis(250));
        assertThat(rate.reserve()).isEqualTo(Duration.ofMillis(500));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(rate.reserve()).as("an idle period does not build up a burst").isEqualTo(Duration.ZERO);
        assertThat(rate.reserve()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void zeroMeansUnlimited() {
        CallRate rate = new CallRate(0, now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(rate.reserve()).isZero();
        }
    }
}
