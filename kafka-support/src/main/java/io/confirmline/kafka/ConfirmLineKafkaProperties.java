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
package io.confirmline.kafka;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service shares for Kafka ({@code confirmline.kafka.*}); the broker itself is Spring Boot's
 * {@code spring.kafka.bootstrap-servers}.
 *
 * @param registryUrl the schema registry's native API, e.g. {@code http://127.0.0.1:8085/apis/registry/v3}
 * @param autoRegisterSchemas whether producers register their schema on first use (on for the local stack and
 *     tests; production teams usually register schemas from CI and turn this off)
 * @param createTopics whether the service creates the contract topics and their dead-letter topics at start-up
 * @param replicationFactor replication factor of topics the service creates
 * @param deadLetter how records that cannot be processed are retried and dead-lettered
 * @param healthTimeout how long the readiness check waits for the broker to describe the cluster
 * @param offsetCommitInterval how often a listener commits the offsets of the records it has finished (an idle
 *     listener also polls no longer than this, and not less than 100 ms, so its last records are committed too);
 *     zero commits after every poll, as Spring does by default. Every consumer drops a redelivered event, so a
 *     crash only redelivers up to this much more. Not applied when {@code spring.kafka.listener.ack-mode} is set;
 *     a set {@code spring.kafka.listener.poll-timeout} is kept as it is.
 */
@Validated
@ConfigurationProperties("confirmline.kafka")
public record ConfirmLineKafkaProperties(
        @NotBlank String registryUrl,
        @DefaultValue("true") boolean autoRegisterSchemas,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("1") @Min(1) @Max(32767) short replicationFactor,
        @DefaultValue @Valid @NotNull DeadLetter deadLetter,
        @DefaultValue("3s") @NotNull Duration healthTimeout,

        @DefaultValue("1s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 1)
        Duration offsetCommitInterval) {

    /**
     * What a consumer does with a record it cannot process.
     *
     * @param retries how often a record whose processing threw is retried in place before it is dead-lettered;
     *     invalid records ({@link InvalidEventException}, undecodable bytes) are never retried
     * @param retryInterval the pause between those retries
     */
    public record DeadLetter(
            @DefaultValue("2") @Min(0) int retries,
            @DefaultValue("500ms") @NotNull Duration retryInterval) {}
}
