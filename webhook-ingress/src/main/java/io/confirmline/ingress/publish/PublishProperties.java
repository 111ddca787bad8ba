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
package io.confirmline.ingress.publish;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How webhook events reach Kafka.
 *
 * @param summaryTimeout a VSS is answered 200 only once the broker acknowledged its event; if that takes longer,
 *     8x8 gets 503 and redelivers
 * @param spoolDirectory the journal where key presses, texts and delivery receipts wait, on local disk, until the
 *     broker acknowledged them; survives a restart of the ingress (mount a volume here in containers)
 * @param spoolFsync whether each journaled event is forced to disk before the webhook is answered (survives a
 *     power loss too, at the cost of a disk flush per event)
 * @param retryInterval how often events the broker did not take are sent again
 * @param spoolMaxEvents the most events (of every kind together) kept waiting for the broker, on disk and in memory
 *     (about 300 bytes of heap each, as encoded Avro); when reached, VCA replies still go out but their events are
 *     dropped, and VSS and the SMS webhooks are answered 503 at once (8x8 delivers them again)
 */
@Validated
@ConfigurationProperties("confirmline.ingress.publish")
public record PublishProperties(
        @DefaultValue("5s") @NotNull Duration summaryTimeout,

        @DefaultValue("${java.io.tmpdir}/confirmline-ingress-spool") @NotNull
        Path spoolDirectory,

        @DefaultValue("false") boolean spoolFsync,
        @DefaultValue("2s") @NotNull Duration retryInterval,
        @DefaultValue("100000") @Positive int spoolMaxEvents) {}
