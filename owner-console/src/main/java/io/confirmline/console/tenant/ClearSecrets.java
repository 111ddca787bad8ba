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
package io.confirmline.console.tenant;

import io.confirmline.tenant.TenantSettings;
import java.util.List;

/**
 * The secrets of a tenant in clear, as a create request or the YAML brings them; they are sealed or digested
 * before anything is stored, and never printed.
 *
 * @param apiKey the 8x8 API key, or null
 */
public record ClearSecrets(
        String apiKey, List<String> webhookTokens, List<String> platformApiKeys, List<String> signingSecrets) {

    public ClearSecrets {
        webhookTokens = List.copyOf(webhookTokens);
        platformApiKeys = List.copyOf(platformApiKeys);
        signingSecrets = List.copyOf(signingSecrets);
    }

    public static ClearSecrets none() {
        return new ClearSecrets(null, List.of(), List.of(), List.of());
    }

    /** The secrets written in a {@code confirmline.tenants[*]} block (singular and plural spellings, blanks dropped). */
    public static ClearSecrets of(TenantSettings yaml) {
        String apiKey = yaml.apiKey() == null || yaml.apiKey().isBlank()
                ? null
                : yaml.apiKey().trim();
        return new ClearSecrets(apiKey, yaml.allAuthTokens(), yaml.allPlatformApiKeys(), yaml.allSigningSecrets());
    }

    @Override
    public String toString() {
        return "ClearSecrets[***]";
    }
}
