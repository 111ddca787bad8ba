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
package io.confirmline.console.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live feed's settings refuse what would break it: a zero heartbeat would beat without pause. */
class LivePropertiesTest {

    @Test
    void everyDurationMustBePositive() {
        assertThatThrownBy(() -> new LiveProperties(
                        Duration.ZERO, Duration.ofDays(1), Duration.ofMinutes(10), Duration.ofSeconds(1)))
                .hasMessage("confirmline.console.live.heartbeat must be positive");
        assertThatThrownBy(() -> new LiveProperties(
                        Duration.ofSeconds(15), Duration.ofDays(1), Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessage("confirmline.console.live.max-stream must be positive");
        assertThat(new LiveProperties(
                                Duration.ofSeconds(15),
                                Duration.ofDays(1),
                                Duration.ofMinutes(10),
                                Duration.ofSeconds(1))
                        .maxStream())
                .isEqualTo(Duration.ofMinutes(10));
    }
}
