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
package io.confirmline.tenant.testing;

import io.confirmline.tenant.TenantSettings;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** Tenants for tests, every setting filled, with secrets recognisable in raw bytes. */
public final class TenantSamples {

    public static final String API_KEY = "plain-8x8-api-key-luigis";
    public static final String WEBHOOK_TOKEN = "Bearer plain-webhook-token-luigis";
    public static final String PLATFORM_KEY = "plain-platform-key-luigis";
    public static final String SIGNING_SECRET = "whsec_cGxhaW4tc2lnbmluZy1zZWNyZXQtbHVpZ2lzLTMyYg==";

    private TenantSamples() {}

    public static TenantSettings luigis() {
        return builder("luigis").build();
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Changes the few settings tests vary; the rest are Luigi's. */
    public static final class Builder {
        private final String id;
        private boolean enabled = true;
        private String apiKey = API_KEY;
        private List<String> tokens = List.of(WEBHOOK_TOKEN);
        private List<String> platformKeys = List.of(PLATFORM_KEY);
        private List<String> signingSecrets = List.of(SIGNING_SECRET);
        private String callbackUrl = "https://platform.example/webhooks/confirmline";
        private String subaccountId = "luigis_voice";

        private Builder(String id) {
            this.id = id;
        }

        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        public Builder webhookTokens(String... values) {
            this.tokens = List.of(values);
            return this;
        }

        public Builder platformKeys(String... values) {
            this.platformKeys = List.of(values);
            return this;
        }

        public Builder signingSecrets(String... values) {
            this.signingSecrets = List.of(values);
            return this;
        }

        public Builder callbackUrl(String value) {
            this.callbackUrl = value;
            return this;
        }

        public Builder subaccountId(String value) {
            this.subaccountId = value;
            return this;
        }

        public TenantSettings build() {
            return new TenantSettings(
                    id,
                    "Luigi's",
                    enabled,
                    "acc-1",
                    subaccountId,
                    apiKey,
                    "+6568880001",
                    List.of("+6568880001"),
                    "luigis_sms",
                    List.of("+6568880002"),
                    null,
                    tokens,
                    null,
                    platformKeys,
                    callbackUrl,
                    signingSecrets,
                    "Europe/Rome",
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(10),
                    LocalTime.of(9, 0),
                    LocalTime.of(21, 30),
                    3,
                    Duration.ofMinutes(10),
                    2,
                    5.0,
                    4,
                    "1",
                    "0",
                    "9",
                    Map.of("it", "it-IT-Standard-A", "default", "en-US-Standard-C"),
                    Map.of("it", Map.of("goodbye", "Arrivederci")),
                    "+390212345678",
                    List.of(new TenantSettings.OpeningHours("FRIDAY", LocalTime.of(18, 0), LocalTime.of(1, 0))),
                    true,
                    "Parking behind the restaurant.",
                    "Via Roma 1, Milano",
                    Duration.ofSeconds(90),
                    "https://platform.example/availability",
                    "BOTH",
                    null);
        }
    }
}
