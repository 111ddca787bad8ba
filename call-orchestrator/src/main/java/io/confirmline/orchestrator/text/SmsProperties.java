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
package io.confirmline.orchestrator.text;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How texts are sent through 8x8's SMS API ({@code confirmline.sms.*}).
 *
 * @param baseUrl 8x8's SMS API ({@code https://sms.8x8.com}; regional hosts such as {@code https://sms.8x8.uk}),
 *     or the sandbox
 * @param timeout how long one Send SMS request waits for 8x8's answer
 * @param maxTries requests per text in one go, the first included, while 8x8 answers 429/5xx or not at all
 * @param backoff the wait before the second try; doubled for each next one, with jitter
 * @param maxBackoff the longest wait between two tries; a 429 asking for longer ends the go as unavailable
 */
@Validated
@ConfigurationProperties("confirmline.sms")
public record SmsProperties(
        @DefaultValue("https://sms.8x8.com") @NotNull URI baseUrl,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("4") @Min(1) @Max(10) int maxTries,
        @DefaultValue("500ms") @NotNull Duration backoff,
        @DefaultValue("10s") @NotNull Duration maxBackoff) {}
