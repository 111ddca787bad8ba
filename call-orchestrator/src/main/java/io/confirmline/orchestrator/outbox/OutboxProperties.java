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
package io.confirmline.orchestrator.outbox;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay ({@code confirmline.outbox.*}).
 *
 * @param pollInterval how long the relay pauses when a round found nothing to publish. Every transaction that writes
 *     outbox rows wakes this instance's relay once it commits, so an answer never waits for this; the poll finds only
 *     what no commit woke a relay for: rows of another instance that stopped before its relay took them, and rows
 *     whose send was still pending when their claim's lease ran out. Each idle round is a short claim transaction
 *     (begin, the advisory lock, the claim, commit)
 */
@Validated
@ConfigurationProperties("confirmline.outbox")
public record OutboxProperties(@DefaultValue("1s") @NotNull Duration pollInterval) {

    public OutboxProperties {
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("confirmline.outbox.poll-interval must be positive");
        }
    }
}
