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
package io.confirmline.console.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.security.ConsoleSecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The sign-in limits' window: failures age out; a success clears the account; refused attempts are not counted. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2026-03-01T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(
            new ConsoleSecurityProperties(
                    null,
                    true,
                    false,
                    null,
                    new ConsoleSecurityProperties.Login(3, 5, Duration.ofMinutes(15)),
                    Duration.ofDays(3)),
            new StaticListableBeanFactory(Map.of("clock", clock)).getBeanProvider(Clock.class));

    @Test
    void anAccountIsPausedAfterItsFailuresUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAcquire("a@example.com", "198.51.100.1")).isEmpty();
            now = now.plusSeconds(60);
        }
        assertThat(throttle.tryAcquire("a@example.com", "198.51.100.2")).contains(LoginThrottle.Limit.ACCOUNT);
        assertThat(throttle.retryAfter("a@example.com", "198.51.100.2")).isEqualTo(Duration.ofMinutes(12));
        // Refused attempts do not extend the pause.
        for (int i = 0; i < 10; i++) {
            throttle.tryAcquire("a@example.com", "198.51.100.2");
        }
        now = now.plus(Duration.ofMinutes(12));
        assertThat(throttle.tryAcquire("a@example.com", "198.51.100.2")).isEmpty();
    }

    @Test
    void anAddressIsPausedAfterItsFailuresWhateverTheAccount() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAcquire("user" + i + "@example.com", "198.51.100.9"))
                    .isEmpty();
        }
        assertThat(throttle.tryAcquire("fresh@example.com", "198.51.100.9")).contains(LoginThrottle.Limit.ADDRESS);
        assertThat(throttle.tryAcquire("fresh@example.com", "198.51.100.10")).isEmpty();
    }

    @Test
    void aSuccessClearsTheAccountAndIsNotChargedToTheAddress() {
        throttle.tryAcquire("b@example.com", "198.51.100.3");
        throttle.tryAcquire("b@example.com", "198.51.100.3");
        assertThat(throttle.tryAcquire("b@example.com", "198.51.100.3")).isEmpty();
        throttle.succeeded("b@example.com", "198.51.100.3");
        assertThat(throttle.tryAcquire("b@example.com", "198.51.100.3")).isEqualTo(Optional.empty());
        assertThat(throttle.tryAcquire("b@example.com", "198.51.100.3")).isEmpty();
        assertThat(throttle.tryAcquire("b@example.com", "198.51.100.3")).isEmpty();
        // 3 account failures now (after the success), 5 on the address: 2 before, 3 after.
        assertThat(throttle.tryAcquire("b@example.com", "198.51.100.3")).contains(LoginThrottle.Limit.ACCOUNT);
    }
}
