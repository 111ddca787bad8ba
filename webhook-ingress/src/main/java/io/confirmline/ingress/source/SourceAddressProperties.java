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
package io.confirmline.ingress.source;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Optional allow-list of the addresses 8x8's webhooks come from (8x8-voice-api.md §5.2), off by default. 8x8's
 * messaging products (the SMS webhooks) call from other addresses than its voice webhooks, and our sources do not
 * list them: the SMS webhooks are held to {@code smsAllowed} when it names any, and otherwise only to their token.
 *
 * @param enabled whether webhooks from other addresses are refused (403)
 * @param allowed addresses or CIDR ranges allowed to call the webhooks; defaults to 8x8's published voice
 *     webhook addresses (updated 1 Jan 2026)
 * @param smsAllowed addresses or CIDR ranges allowed to call the SMS webhooks ({@code /webhooks/8x8/sms/**}); when
 *     empty, those are not filtered by address
 * @param trustedProxies addresses of our own proxies or load balancers; only from them is {@code X-Forwarded-For}
 *     believed, and then the right-most address they did not add is the caller
 */
@Validated
@ConfigurationProperties("confirmline.ingress.source-allow-list")
public record SourceAddressProperties(
        @DefaultValue("false") boolean enabled,

        @DefaultValue({"18.140.80.2", "52.220.253.234", "54.255.116.8", "52.74.232.241"}) @NotNull
        List<String> allowed,

        @DefaultValue({}) @NotNull List<String> trustedProxies,
        @DefaultValue({}) @NotNull List<String> smsAllowed) {}
