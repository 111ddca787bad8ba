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
package io.confirmline.tenant;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A tenant's settings in clear, in the shape of the {@code confirmline.tenants[*]} block of design.md §9: what the
 * owner console imports from YAML at start and what its admin API takes. {@link TenantRecords} turns it into the
 * {@code TenantConfigured} event (secrets encrypted or digested). Singular and plural spellings of the rotating
 * secrets are both accepted ({@code auth-token} and {@code auth-tokens}...), so older YAML keeps working.
 */
public record TenantSettings(
        String id,
        String displayName,
        @DefaultValue("true") boolean enabled,
        String accountId,
        String subaccountId,
        String apiKey,
        String callerId,
        @DefaultValue({}) List<String> virtualNumbers,
        String smsSubaccountId,
        @DefaultValue({}) List<String> smsNumbers,
        String authToken,
        @DefaultValue({}) List<String> authTokens,
        String platformApiKey,
        @DefaultValue({}) List<String> platformApiKeys,
        String callbackUrl,
        @DefaultValue({}) List<String> signingSecrets,
        @DefaultValue("UTC") String timeZone,
        @DefaultValue("30m") Duration leadTime,
        @DefaultValue("10m") Duration minimumNotice,
        @DefaultValue("09:00") LocalTime callingOpens,
        @DefaultValue("21:00") LocalTime callingCloses,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("10m") Duration retryDelay,
        @DefaultValue("2") int maxReprompts,
        @DefaultValue("0") double callsPerSecond,
        @DefaultValue("0") int maxConcurrentCalls,
        @DefaultValue("1") String confirmDigit,
        @DefaultValue("0") String cancelDigit,
        @DefaultValue("9") String transferDigit,
        @DefaultValue({}) Map<String, String> voices,
        @DefaultValue({}) Map<String, Map<String, String>> prompts,
        String venuePhone,
        @DefaultValue({}) List<OpeningHours> openingHours,
        @DefaultValue("false") boolean assistantEnabled,
        String assistantFaq,
        String venueAddress,
        @DefaultValue("60s") Duration humanWindow,
        String availabilityUrl,
        @DefaultValue("BOTH") String textFallback,
        String smsHelpText) {

    /** One opening period: {@code day} is MONDAY..SUNDAY, times are local {@code HH:mm}. */
    public record OpeningHours(String day, LocalTime opens, LocalTime closes) {}

    /** Every webhook token, the singular spelling first; blanks dropped. */
    public List<String> allAuthTokens() {
        return merged(authToken, authTokens);
    }

    /** Every platform API key, the singular spelling first; blanks dropped. */
    public List<String> allPlatformApiKeys() {
        return merged(platformApiKey, platformApiKeys);
    }

    /**
     * The signing secrets, blanks dropped. A single property holding several comma-separated secrets (as an
     * environment variable does) counts as several.
     */
    public List<String> allSigningSecrets() {
        return merged(null, signingSecrets);
    }

    private static List<String> merged(String single, List<String> many) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        if (single != null && !single.isBlank()) {
            all.add(single.trim());
        }
        for (String value : many == null ? List.<String>of() : many) {
            if (value != null) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        all.add(part.trim());
                    }
                }
            }
        }
        return new ArrayList<>(all);
    }

    @Override
    public String toString() {
        return "TenantSettings[id=" + id + ", secrets=***]";
    }
}
