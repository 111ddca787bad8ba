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
        assertThat(rate.reserve())
                .as("an idle period does not build up a burst")
                .isEqualTo(Duration.ZERO);
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
