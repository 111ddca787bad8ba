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
package io.confirmline.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    static final List<Duration> SVIX = List.of(
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));
    final Instant now = Instant.parse("2026-11-21T20:00:00Z");

    @Test
    void followsTheScheduleThenGivesUp() {
        RetrySchedule schedule = new RetrySchedule(SVIX, 0, () -> 0.5);

        assertThat(schedule.first(now)).isEqualTo(now);
        assertThat(schedule.next(now, 1, Optional.empty())).contains(now.plusSeconds(5));
        assertThat(schedule.next(now, 2, Optional.empty())).contains(now.plus(Duration.ofMinutes(5)));
        assertThat(schedule.next(now, 7, Optional.empty())).contains(now.plus(Duration.ofHours(10)));
        assertThat(schedule.next(now, 8, Optional.empty()))
                .as("eight attempts, then dead")
                .isEmpty();
        assertThat(schedule.attempts()).isEqualTo(8);
    }

    @Test
    void jitterStaysWithinItsFractionEitherWay() {
        assertThat(new RetrySchedule(SVIX, 0.2, () -> 0.0).next(now, 2, Optional.empty()))
                .contains(now.plus(Duration.ofMinutes(4)));
        assertThat(new RetrySchedule(SVIX, 0.2, () -> 1.0).next(now, 2, Optional.empty()))
                .contains(now.plus(Duration.ofMinutes(6)));
        assertThat(new RetrySchedule(SVIX, 0.2, () -> 0.0).first(now))
                .as("immediately stays immediate")
                .isEqualTo(now);
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheSchedule() {
        RetrySchedule schedule = new RetrySchedule(SVIX, 0, () -> 0.5);

        assertThat(schedule.next(now, 1, Optional.of(Duration.ofMinutes(2)))).contains(now.plusSeconds(120));
        assertThat(schedule.next(now, 2, Optional.of(Duration.ofSeconds(1)))).contains(now.plus(Duration.ofMinutes(5)));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(WebhookSender.retryAfter("30", now)).contains(Duration.ofSeconds(30));
        assertThat(WebhookSender.retryAfter("Sat, 21 Nov 2026 20:01:00 GMT", now))
                .contains(Duration.ofMinutes(1));
        assertThat(WebhookSender.retryAfter("soon", now)).isEmpty();
        assertThat(WebhookSender.retryAfter(null, now)).isEmpty();
    }
}
