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
package io.confirmline.orchestrator.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the orchestrator keeps rows that only serve a while: published outbox rows and the eventIds it has
 * processed.
 *
 * @param sentOutbox how long a published outbox row is kept after it was sent (for inspection); an unsent row is
 *     never deleted, however old
 * @param processedEvents how long an eventId is remembered to drop a redelivery; must be longer than a record can be
 *     redelivered (the input topics' retention), or a very late redelivery would be applied again
 * @param texts how long a text (its words, the guest's and ours) is kept after it was last changed: the owner's
 *     history of the conversation; 8x8 redelivers an inbound text for minutes at most, so its umid need not outlive it; a
 *     guest's call-back (issue #15) is kept as long after it came
 * @param batchSize the most rows one statement deletes, so no deletion holds locks or bloats a transaction for long
 * @param interval the pause once nothing is left to delete; while there is, batches follow one another
 */
@Validated
@ConfigurationProperties("confirmline.retention")
public record RetentionProperties(
        @DefaultValue("7d") @NotNull Duration sentOutbox,
        @DefaultValue("14d") @NotNull Duration processedEvents,
        @DefaultValue("90d") @NotNull Duration texts,
        @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize,
        @DefaultValue("10m") @NotNull Duration interval) {}
