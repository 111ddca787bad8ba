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
package io.confirmline.ingress.reply;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a guest hears when a key press arrives for a session this ingress does not know (the orchestrator's
 * {@code CallSessionOpened} has not reached us yet, or it expired): an apology, then the call ends. Nothing is
 * confirmed or cancelled by it; the event is still published, so the orchestrator can act on the digit.
 *
 * @param text what is said (8x8 limits it to 3,000 characters)
 * @param voiceProfile the 8x8 speech profile it is said with
 */
@Validated
@ConfigurationProperties("confirmline.ingress.unknown-session")
public record UnknownSessionReplyProperties(
        @DefaultValue("Sorry, we cannot take your answer right now. We will contact you again. Goodbye.")
        @NotBlank
        @Size(max = 3000)
        String text,

        @DefaultValue("en-US-Standard-C") @NotBlank String voiceProfile) {}
