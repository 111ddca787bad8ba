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
package io.confirmline.orchestrator.availability;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the platform's availability endpoint is asked ({@code confirmline.availability.*}).
 *
 * @param timeout how long one question waits for the platform's answer, connecting included; the guest is
 *     waiting for a reply, so after this the wish goes to the platform as read, without offered times
 */
@Validated
@ConfigurationProperties("confirmline.availability")
public record AvailabilityProperties(
        @DefaultValue("2s") @NotNull Duration timeout) {

    public AvailabilityProperties {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("confirmline.availability.timeout must be positive, not " + timeout);
        }
    }
}
