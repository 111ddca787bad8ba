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
package io.confirmline.sandbox.eightbyeight;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sandbox's subaccounts and how fast its simulated calls go ({@code sandbox.*}).
 *
 * @param subaccounts the 8x8 subaccounts it accepts, with their API key and registered webhooks
 * @param ringTime how long a call rings before it is answered, or before "no answer"
 * @param speechTime how long the guest takes to hear one prompt (per {@code say} repetition)
 * @param reactionTime how long the guest takes to press a key after a prompt
 * @param duplicateWebhooks send every VCA and VSS twice (8x8 may redeliver; receivers must not count twice)
 * @param heldAnswerTime how long Send Callflow's answer is held for a number set to {@code PLACED_ANSWER_HELD} or
 *     {@code NOT_PLACED_ANSWER_HELD}
 * @param restaurant what the phone at the other end of a bridge ({@code makeCall} in a VCA reply) does
 */
@Validated
@ConfigurationProperties("sandbox")
public record SandboxProperties(
        @DefaultValue @NotNull List<@Valid Subaccount> subaccounts,
        @DefaultValue("2s") @NotNull Duration ringTime,
        @DefaultValue("3s") @NotNull Duration speechTime,
        @DefaultValue("1s") @NotNull Duration reactionTime,
        @DefaultValue("false") boolean duplicateWebhooks,
        @DefaultValue("60s") @NotNull Duration heldAnswerTime,
        @DefaultValue @NotNull Restaurant restaurant) {

    /**
     * One subaccount the sandbox serves.
     *
     * @param id the subaccount id in the URL
     * @param apiKey the Bearer key Send Callflow must carry
     * @param vcaUrl the Voice Call Action webhook
     * @param vssUrl the Voice Session Summary webhook
     * @param webhookAuthorization the {@code Authorization} value registered with the webhooks (8x8's httpAuthHeader)
     * @param numbers the subaccount's voice virtual numbers (E.164): a call a person places to one belongs to it
     */
    public record Subaccount(
            @NotBlank String id,
            @NotBlank String apiKey,
            @NotNull URI vcaUrl,
            @NotNull URI vssUrl,
            @NotBlank String webhookAuthorization,
            @DefaultValue List<String> numbers) {

        @Override
        public String toString() {
            return "Subaccount[id=" + id + ", vcaUrl=" + vcaUrl + ", vssUrl=" + vssUrl + ", numbers=" + numbers
                    + ", secrets=***]";
        }
    }

    /**
     * How the restaurants called through the sandbox behave.
     *
     * @param answers whether a restaurant picks up a bridged call, unless {@code PUT /sandbox/restaurants/{phone}} or
     *     the inbound call's {@code restaurantAnswers} says otherwise
     */
    public record Restaurant(@DefaultValue("true") boolean answers) {}
}
