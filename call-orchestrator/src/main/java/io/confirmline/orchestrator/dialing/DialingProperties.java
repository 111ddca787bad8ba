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

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How due calls are placed ({@code confirmline.dialing.*}).
 *
 * @param baseUrl 8x8's voice API, or the sandbox
 * @param timeout how long one Send Callflow request waits
 * @param retries retries of a 429/5xx/timeout before the attempt is given up for now
 * @param batchSize how many due calls one claim takes
 * @param lease how long a claim is held before another instance may take the call
 * @param pollInterval how often due calls are looked for
 * @param unavailableRetry when 8x8 could not be reached, how long until the call is tried again
 * @param concurrency how many calls of a claimed batch are prepared and sent to 8x8 at once (per instance; the
 *     tenants' own limits apply on top)
 * @param rateWait how long a batch waits at most for a rate-limited tenant's calls (their requests go out at the
 *     tenant's calls per second): the tenant's calls beyond what its rate sends in this time are given back for the
 *     next claim, so a large batch never holds the loop, and every other tenant's due calls, for long
 */
@Validated
@ConfigurationProperties("confirmline.dialing")
public record DialingProperties(
        @DefaultValue("https://voice.8x8.com") @NotNull URI baseUrl,
        @DefaultValue("2s") @NotNull Duration timeout,
        @DefaultValue("2") @Min(0) int retries,
        @DefaultValue("50") @Min(1) int batchSize,
        @DefaultValue("60s") @NotNull Duration lease,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("1m") @NotNull Duration unavailableRetry,
        @DefaultValue("8") @Min(1) int concurrency,
        @DefaultValue("20s") @NotNull Duration rateWait) {

    public DialingProperties {
        if (timeout != null && rateWait != null && rateWait.compareTo(batchBound(timeout, retries)) >= 0) {
            throw new IllegalArgumentException("confirmline.dialing.rate-wait (" + rateWait
                    + ") must be shorter than the longest a batch is waited for ("
                    + batchBound(timeout, retries) + ": timeout × (retries + 2) + 30 s)");
        }
    }

    /** The longest the loop waits for one batch's requests: every try of the last one, and a margin. */
    public Duration batchBound() {
        return batchBound(timeout, retries);
    }

    private static Duration batchBound(Duration timeout, int retries) {
        return timeout.multipliedBy(retries + 2L).plusSeconds(30);
    }
}
