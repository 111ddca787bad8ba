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
package io.confirmline.console.alert;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The owner alerts' loop ({@code confirmline.console.alerts.*}).
 *
 * @param pollInterval how often the read model is looked at for late cancellations and unanswered guests when the
 *     last look found nothing; an alert is at most this late
 */
@Validated
@ConfigurationProperties("confirmline.console.alerts")
public record AlertProperties(@DefaultValue("30s") @NotNull Duration pollInterval) {

    public AlertProperties {
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("confirmline.console.alerts.poll-interval must be positive");
        }
    }
}
