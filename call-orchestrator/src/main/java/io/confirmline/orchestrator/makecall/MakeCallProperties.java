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
package io.confirmline.orchestrator.makecall;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP door ({@code confirmline.make-call.*}).
 *
 * @param answerWait how long {@code POST /api/make-call} waits for 8x8 to accept an immediate voice message before
 *     it answers 202 and lets the dial finish in the background (the platform then hears the outcome by webhook)
 */
@Validated
@ConfigurationProperties("confirmline.make-call")
public record MakeCallProperties(
        @DefaultValue("2s") @NotNull Duration answerWait) {}
