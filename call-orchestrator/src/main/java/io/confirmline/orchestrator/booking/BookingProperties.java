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
package io.confirmline.orchestrator.booking;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bookings the orchestrator publishes on the compacted {@code bookings.v1} (design.md §10.2).
 *
 * @param tombstoneAfter how long after a booking starts it is over: then a tombstone removes it from the topic, so
 *     the ingress stops offering it to a caller and compaction forgets the guest's details
 * @param sweepInterval the pause between looks for bookings that are over, once none is left
 */
@Validated
@ConfigurationProperties("confirmline.bookings")
public record BookingProperties(
        @DefaultValue("6h") @NotNull Duration tombstoneAfter,
        @DefaultValue("1m") @NotNull Duration sweepInterval) {}
