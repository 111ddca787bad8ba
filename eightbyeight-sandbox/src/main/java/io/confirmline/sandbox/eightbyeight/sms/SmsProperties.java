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
package io.confirmline.sandbox.eightbyeight.sms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sandbox's 8x8 SMS side ({@code sandbox.sms.*}): the SMS subaccounts it accepts and how fast texts go.
 *
 * @param subaccounts the SMS subaccounts, each in an 8x8 account; the account's webhooks are registered per account
 * @param receiptTime how long after a send its delivery receipt is posted
 * @param replyTime how long a simulated guest takes to answer a text
 * @param retryDelays the waits before each new attempt of a webhook that failed (8x8: 1, 10, 30 and 90 s)
 * @param webhookTimeout how long one webhook attempt waits for an answer before it counts as failed
 */
@Validated
@ConfigurationProperties("sandbox.sms")
public record SmsProperties(
        @DefaultValue @NotNull List<@Valid Subaccount> subaccounts,
        @DefaultValue("1s") @NotNull Duration receiptTime,
        @DefaultValue("2s") @NotNull Duration replyTime,
        @DefaultValue({"1s", "10s", "30s", "90s"}) @NotEmpty List<Duration> retryDelays,
        @DefaultValue("10s") @NotNull Duration webhookTimeout) {

    /**
     * One SMS subaccount the sandbox serves.
     *
     * @param id the SMS subaccount id in the Send SMS URL
     * @param accountId the 8x8 account it belongs to (a UUID, as 8x8's account ids are); its webhooks are registered there
     * @param apiKey the Bearer key Send SMS and the account's webhook API must carry
     * @param numbers the subaccount's virtual numbers (E.164): a text a person sends to one belongs to this subaccount
     * @param moUrl where inbound texts go until a webhook is registered (as if set in 8x8's portal); none if unset
     * @param drUrl where delivery receipts go until a webhook is registered; none if unset
     * @param webhookAuthorization the {@code Authorization} value sent with {@code moUrl} and {@code drUrl}
     */
    public record Subaccount(
            @NotBlank String id,
            @NotBlank String accountId,
            @NotBlank String apiKey,
            @DefaultValue List<String> numbers,
            URI moUrl,
            URI drUrl,
            String webhookAuthorization) {

        @Override
        public String toString() {
            return "Subaccount[id=" + id + ", accountId=" + accountId + ", moUrl=" + moUrl + ", drUrl=" + drUrl
                    + ", secrets=***]";
        }
    }
}
