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
package io.confirmline.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The tenant registry's settings ({@code confirmline.console.*}; the admin token and the login settings are the
 * security side's, under the same prefix).
 *
 * @param ingressPublicUrl where 8x8 reaches the webhook ingress from the internet; {@code register-webhooks}
 *     registers {@code <this>/webhooks/8x8/vca} and {@code /vss}
 * @param eightByEight 8x8's webhook API
 * @param outbox how the console publishes to {@code tenants.v1}
 */
@Validated
@ConfigurationProperties("confirmline.console")
public record ConsoleProperties(
        @DefaultValue("http://127.0.0.1:8081") @NotNull URI ingressPublicUrl,
        @DefaultValue @Valid @NotNull EightByEight eightByEight,
        @DefaultValue @Valid @NotNull Outbox outbox) {

    public ConsoleProperties {
        if (ingressPublicUrl != null) {
            HttpUrls.requireHttp(ingressPublicUrl, "confirmline.console.ingress-public-url");
        }
    }

    /**
     * @param baseUrl 8x8's voice API, or the sandbox
     * @param timeout how long one request to 8x8 waits
     * @param smsBaseUrl 8x8's SMS API (its account-level webhook API; a regional host such as
     *     {@code https://sms.8x8.uk} for accounts there), or the sandbox
     */
    public record EightByEight(
            @DefaultValue("https://voice.8x8.com") @NotNull URI baseUrl,
            @DefaultValue("10s") @NotNull Duration timeout,
            @DefaultValue("https://sms.8x8.com") @NotNull URI smsBaseUrl) {

        public EightByEight {
            if (baseUrl != null) {
                HttpUrls.requireHttp(baseUrl, "confirmline.console.eight-by-eight.base-url");
            }
            if (smsBaseUrl != null) {
                HttpUrls.requireHttp(smsBaseUrl, "confirmline.console.eight-by-eight.sms-base-url");
            }
        }
    }

    /**
     * @param pollInterval how long the relay pauses when it found nothing to publish; every commit that writes a
     *     tenant record wakes it, so this only finds what another instance could not wake it for
     * @param publishWait how long {@code register-webhooks} waits for a new webhook token to be on {@code tenants.v1}
     *     before it registers the token with 8x8 (so 8x8's first webhook finds it known)
     * @param retention published outbox rows older than this are deleted
     */
    public record Outbox(
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("10s") @NotNull Duration publishWait,
            @DefaultValue("7d") @NotNull Duration retention) {}

    /** URL checks shared by the settings above. */
    static final class HttpUrls {
        private HttpUrls() {}

        static void requireHttp(URI url, String setting) {
            if ((!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException(setting + " must be an http(s) URL with a host");
            }
        }
    }
}
