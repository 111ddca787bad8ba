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
package io.confirmline.orchestrator.call;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How call outcomes are settled ({@code confirmline.outcomes.*}).
 *
 * @param keyWait after a summary saying "completed", how long a confirmation waits for its key press (which
 *     travels on another topic) before the attempt counts as answered without input
 * @param summaryTimeout after dialing, how long until an attempt whose session summary never came is closed as an
 *     unknown outcome (treated like no answer); a summary that comes later is still recorded
 * @param unknownSessionWait how long a key press or summary for a session not known yet is kept and retried
 *     before it goes to the dead-letter topic
 * @param pollInterval how often waits that have run out are looked for
 * @param consumers how many threads apply key presses, and as many summaries, per instance (each takes some of the
 *     topic's partitions; a session's events share a partition, so they stay in order). Under load one thread is
 *     where calls queue (each key press is a transaction of several statements, waited for in turn), and three
 *     sustain a higher rate; but every consumer is created on the main thread during start-up (three per topic
 *     made the start 0.4–1 s longer, docs/benchmarks.md), so one is the default
 * @param inFlight how many key presses (of as many sessions), and as many summaries, each consumer applies at once;
 *     a session's own events still wait for each other. Several in flight keep one consumer up with a call rate that
 *     needed three consumers when each record waited for the one before
 */
@Validated
@ConfigurationProperties("confirmline.outcomes")
public record OutcomeProperties(
        @DefaultValue("10s") @NotNull Duration keyWait,
        @DefaultValue("15m") @NotNull Duration summaryTimeout,
        @DefaultValue("30s") @NotNull Duration unknownSessionWait,
        @DefaultValue("500ms") @NotNull Duration pollInterval,
        @DefaultValue("1") @Min(1) @Max(6) int consumers,
        @DefaultValue("4") @Min(1) @Max(32) int inFlight) {}
