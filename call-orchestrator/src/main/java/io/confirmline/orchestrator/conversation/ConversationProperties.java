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
package io.confirmline.orchestrator.conversation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How guests' free texts are answered once the owner's window (a tenant setting) has passed (issue #17).
 *
 * @param answerPollInterval how often due answers are looked for; part of "the window plus ten seconds"
 * @param answerLease how long an instance holds a conversation it is answering before another may take it over
 *     (longer than the assistant's timeout, so a slow answer is not given twice)
 * @param assistantMessagesPerDay the most texts the assistant writes to one guest in 24 hours; past it a template
 *     answers and the owner is left to reply
 * @param offerValidity how long the free times offered to a guest may be picked by naming one
 */
@Validated
@ConfigurationProperties("confirmline.conversation")
public record ConversationProperties(
        @NotNull @DefaultValue("1s") Duration answerPollInterval,
        @NotNull @DefaultValue("30s") Duration answerLease,
        @Min(0) @Max(100) @DefaultValue("10") int assistantMessagesPerDay,
        @NotNull @DefaultValue("2h") Duration offerValidity) {}
