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
package io.confirmline.ingress.callback;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ingress's index of {@code bookings.v1}, which call-backs are answered from.
 *
 * @param maxBookings the most bookings held (about 400 bytes of heap each); beyond it, new bookings are not
 *     indexed (counted) and their guests' call-backs are put through to the venue as anyone else's
 * @param sweepInterval how often bookings that have started are removed
 * @param pollTimeout how long one poll of the topic waits for new snapshots
 */
@Validated
@ConfigurationProperties("confirmline.ingress.bookings")
public record BookingIndexProperties(
        @DefaultValue("500000") @Positive int maxBookings,
        @DefaultValue("1m") @NotNull Duration sweepInterval,
        @DefaultValue("500ms") @NotNull Duration pollTimeout) {}
