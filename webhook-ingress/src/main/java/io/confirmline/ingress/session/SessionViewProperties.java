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
package io.confirmline.ingress.session;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ingress's own view of {@code voice.sessions.v1}.
 *
 * @param maxAge a session is forgotten this long after it was opened, even if its own expiresAt is later
 * @param sweepInterval how often expired sessions are removed
 * @param pollTimeout how long one poll of the topic waits for new sessions
 * @param arrivalWait how long a key press for a session not yet in the view waits for it before the guest hears the
 *        unknown-session apology. The orchestrator can publish a session only once 8x8 has answered Send Callflow
 *        with its id, and 8x8 may already be ringing the guest: a quick guest on a busy system can press a key first.
 *        Zero answers at once.
 * @param maxArrivalWaiters how many such key presses may wait at once; beyond it they are answered at once, so that
 *        a flood of made-up session ids cannot hold memory
 */
@Validated
@ConfigurationProperties("confirmline.ingress.sessions")
public record SessionViewProperties(
        @DefaultValue("6h") @NotNull Duration maxAge,
        @DefaultValue("1m") @NotNull Duration sweepInterval,
        @DefaultValue("500ms") @NotNull Duration pollTimeout,
        @DefaultValue("2s") @NotNull Duration arrivalWait,
        @DefaultValue("10000") @Min(0) int maxArrivalWaiters) {

    public SessionViewProperties {
        if (arrivalWait.isNegative() || arrivalWait.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("confirmline.ingress.sessions.arrival-wait must be between 0 and 10s"
                    + " (the guest is waiting on the line), was " + arrivalWait);
        }
    }
}
