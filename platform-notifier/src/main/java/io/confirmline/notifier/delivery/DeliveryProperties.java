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

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How status webhooks are delivered ({@code confirmline.notifier.*}).
 *
 * @param retrySchedule the wait before each attempt: the first entry before the first attempt, then one per
 *     retry; when it runs out the delivery is dead-lettered. The default is Svix's: immediately, 5 s, 5 min,
 *     30 min, 2 h, 5 h, 10 h, 10 h
 * @param jitter each wait is randomised by up to this fraction either way, so retries of many deliveries do not
 *     arrive at the platform together
 * @param timeout how long one attempt waits for the platform's answer
 * @param pollInterval how often due deliveries are looked for when there was nothing to do
 * @param batchSize how many deliveries one claim takes
 * @param concurrency how many attempts are in flight at once across all endpoints
 * @param lease how long a claim is held; a delivery whose instance died is claimed again after it
 * @param breaker the circuit breaker every endpoint has
 * @param recording how attempts' outcomes are written: in batches, each with one statement
 * @param adminToken the token for {@code POST /api/deliveries/{id}/replay} (a secret)
 */
@Validated
@ConfigurationProperties("confirmline.notifier")
public record DeliveryProperties(
        @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) @NotEmpty
        List<Duration> retrySchedule,

        @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1")
        double jitter,

        @DefaultValue("15s") @NotNull Duration timeout,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("50") @Min(1) int batchSize,
        @DefaultValue("64") @Min(1) int concurrency,
        @DefaultValue("60s") @NotNull Duration lease,
        @DefaultValue @NotNull Breaker breaker,
        @DefaultValue @NotNull @jakarta.validation.Valid Recording recording,
        @NotBlank String adminToken) {

    /**
     * @param failureRateThreshold percentage of failed attempts, over the last {@code window} attempts, that opens
     *     an endpoint's breaker
     * @param window how many recent attempts the rate is computed over
     * @param openFor how long an open breaker holds that endpoint's deliveries back before trying again
     */
    public record Breaker(
            @DefaultValue("50") @Min(1) int failureRateThreshold,
            @DefaultValue("20") @Min(2) int window,
            @DefaultValue("30s") @NotNull Duration openFor) {}

    /**
     * @param batchSize the most outcomes one write records
     * @param maxWait how long an outcome waits for others to share its write; the slot of its delivery is held
     *     until it is written, so this is added to each attempt's time when the worker is not busy
     */
    public record Recording(
            @DefaultValue("64") @Min(1) int batchSize,
            @DefaultValue("2ms") @NotNull Duration maxWait) {}

    @Override
    public String toString() {
        return "DeliveryProperties[retrySchedule=" + retrySchedule + ", timeout=" + timeout + ", adminToken=***]";
    }
}
