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
package io.confirmline.orchestrator.reservation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the platform's booking events ({@code platform.reservations.v1}) are taken in ({@code confirmline.reservations.*}).
 *
 * @param consumers how many threads per instance apply booking events, each taking some of the topic's partitions (a
 *     booking's events share a partition, so they stay in order). With one, bookings arriving faster than one
 *     transaction at a time can apply them are scheduled late, and their calls dialed late; raise it together with
 *     {@code confirmline.outcomes.consumers}
 * @param inFlight how many booking events (of as many bookings) each consumer applies at once; each is a transaction
 *     mostly spent waiting for the database, and a booking's own events still wait for each other
 */
@Validated
@ConfigurationProperties("confirmline.reservations")
public record ReservationProperties(
        @DefaultValue("1") @Min(1) @Max(6) int consumers,
        @DefaultValue("4") @Min(1) @Max(32) int inFlight) {}
