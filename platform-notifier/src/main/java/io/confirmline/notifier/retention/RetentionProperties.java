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
package io.confirmline.notifier.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the notifier keeps finished rows ({@code confirmline.retention.*}). A delivery still PENDING is never
 * deleted, whatever its age; an age of zero or less is refused at start-up (it would delete every finished row).
 *
 * @param succeededDeliveries how long a delivered webhook stays listed (from its delivery); keep it at least as long
 *     as {@code calls.status.v1} keeps records, since a replayed record is recognised by its delivery's eventId
 * @param deadDeliveries how long a dead-lettered webhook stays listed and replayable (from when it died)
 * @param processedEvents how long a consumed eventId is remembered
 * @param batchSize the most rows one statement deletes, so no sweep holds locks or the WAL for long
 * @param interval the pause after a sweep that found nothing more to delete
 */
@Validated
@ConfigurationProperties("confirmline.retention")
public record RetentionProperties(
        @DefaultValue("30d") @NotNull @DurationMin(seconds = 1)
        Duration succeededDeliveries,

        @DefaultValue("90d") @NotNull @DurationMin(seconds = 1)
        Duration deadDeliveries,

        @DefaultValue("14d") @NotNull @DurationMin(seconds = 1)
        Duration processedEvents,

        @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize,

        @DefaultValue("10m") @NotNull @DurationMin(seconds = 1)
        Duration interval) {}
