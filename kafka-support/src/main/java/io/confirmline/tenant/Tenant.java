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

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant as every service sees it, decoded from {@code tenants.v1} by {@link TenantDirectory}: the one model of
 * a tenant's settings (design.md §9, §10). Secrets that are only compared are digests; the 8x8 API key and the
 * signing secrets are in clear, in memory only.
 *
 * @param id the tenant id
 * @param revision increases with each change; a change older than the one held is ignored
 * @param enabled false when switched off: no new calls, its API refused, calls in flight still finish
 * @param displayName the venue's name for owners
 * @param timeZone the zone of calling hours when a booking names none
 * @param account the 8x8 account
 * @param webhookTokens the Authorization values 8x8's webhooks may carry
 * @param platformApiKeys the platform's Bearer keys for {@code /api/**}
 * @param callbackUrl where the platform's webhooks go
 * @param signingSecrets the Standard Webhooks secrets, every one signs
 * @param calling when and how often guests are called
 * @param digits the keys guests press
 * @param voices 8x8 speech profile per language tag or language; {@code default} for any other
 * @param prompts the tenant's templates per language tag, then per template name ({@code reservation-prompt}...)
 * @param venuePhone the venue's phone a guest is put through to, when set
 * @param openingHours when the venue answers its phone, in {@code timeZone}
 * @param assistant how a guest's free text is answered: the owner's window, the assistant and its venue facts
 * @param texting when a guest who was not reached gets a text, and what HELP answers
 */
public record Tenant(
        String id,
        long revision,
        boolean enabled,
        String displayName,
        ZoneId timeZone,
        Account account,
        List<NamedDigest> webhookTokens,
        List<NamedDigest> platformApiKeys,
        URI callbackUrl,
        List<NamedSecret> signingSecrets,
        Calling calling,
        Digits digits,
        Map<String, String> voices,
        Map<String, Map<String, String>> prompts,
        Optional<String> venuePhone,
        List<OpeningPeriod> openingHours,
        Assistant assistant,
        Texting texting) {

    /**
     * How a guest's text that the reply parser does not settle is answered (issue #17): it waits {@code humanWindow}
     * for a person; then the assistant answers when {@code enabled}, else (or when it fails) a template.
     *
     * @param enabled whether the assistant may answer
     * @param humanWindow how long a guest's free text waits for a person's answer
     * @param faq what the assistant may tell guests (parking, menus...)
     * @param venueAddress the venue's address as guests are told it
     * @param availabilityUrl the platform's availability endpoint, when the tenant offers slots
     */
    public record Assistant(
            boolean enabled,
            Duration humanWindow,
            Optional<String> faq,
            Optional<String> venueAddress,
            Optional<URI> availabilityUrl) {

        /** The window a tenant that never set one gets. */
        public static final Duration DEFAULT_HUMAN_WINDOW = Duration.ofSeconds(60);

        /** What a tenant that never set anything gets: no assistant, a minute for a person, then a template. */
        public static final Assistant OFF =
                new Assistant(false, DEFAULT_HUMAN_WINDOW, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param fallbackOn which voice outcomes become a text (design.md §10.3)
     * @param helpText the answer to HELP; empty for the built-in one
     */
    public record Texting(TextFallback fallbackOn, Optional<String> helpText) {

        /** What a tenant that never set anything gets: a text after either outcome, the built-in help. */
        public static final Texting DEFAULT = new Texting(TextFallback.BOTH, Optional.empty());
    }

    /** Which voice outcomes of a booking's last attempt become a text instead. */
    public enum TextFallback {
        BOTH,
        UNREACHABLE,
        NO_RESPONSE,
        NONE;

        /** Whether a booking ending as {@code voiceOutcome} (NO_RESPONSE or UNREACHABLE) gets a text instead. */
        public boolean covers(String voiceOutcome) {
            return this == BOTH || name().equals(voiceOutcome);
        }

        /** The value named {@code name}; NONE for one this version does not know, so nobody is texted by surprise. */
        public static TextFallback of(String name) {
            try {
                return valueOf(name);
            } catch (IllegalArgumentException unknown) {
                return NONE;
            }
        }
    }

    /** Whether texts can be sent for this tenant: an SMS subaccount and a number to send from. */
    public boolean texts() {
        return account.smsSubaccountId().isPresent() && !account.smsNumbers().isEmpty();
    }

    /**
     * @param accountId the 8x8 account id, when known
     * @param voiceSubaccountId the subaccount calls are placed on and whose webhooks name it
     * @param apiKey the 8x8 API key
     * @param callerId the number guests see
     * @param virtualNumbers the tenant's voice virtual numbers (E.164)
     * @param smsSubaccountId the SMS subaccount, when texts are set up
     * @param smsNumbers the SMS virtual numbers; the first is the sender
     */
    public record Account(
            Optional<String> accountId,
            String voiceSubaccountId,
            NamedSecret apiKey,
            String callerId,
            List<String> virtualNumbers,
            Optional<String> smsSubaccountId,
            List<String> smsNumbers) {}

    /**
     * @param leadTime how long before a booking its call is placed
     * @param minimumNotice a booking sooner than this is not called
     * @param callingOpens the first local time a call may start
     * @param callingCloses the last local time a call may start
     * @param maxAttempts calls in all when nobody answers
     * @param retryDelay the wait between attempts
     * @param maxReprompts how often an unknown key or silence is asked again in one call
     * @param callsPerSecond most Send Callflow requests per second; 0 is unlimited
     * @param maxConcurrentCalls most Send Callflow requests in flight; 0 is unlimited
     */
    public record Calling(
            Duration leadTime,
            Duration minimumNotice,
            LocalTime callingOpens,
            LocalTime callingCloses,
            int maxAttempts,
            Duration retryDelay,
            int maxReprompts,
            double callsPerSecond,
            int maxConcurrentCalls) {}

    /** The keys guests press: confirm, cancel, and put me through to the restaurant. */
    public record Digits(String confirm, String cancel, String transfer) {}

    /** One period the venue answers its phone; {@code closes} before {@code opens} runs past midnight. */
    public record OpeningPeriod(DayOfWeek day, LocalTime opens, LocalTime closes) {}

    /** The speech profile for a language tag: the exact tag, its language, {@code default}, then en-US. */
    public String voiceFor(String languageTag) {
        String language = Locale.forLanguageTag(languageTag).getLanguage();
        return voices.getOrDefault(
                languageTag, voices.getOrDefault(language, voices.getOrDefault("default", "en-US-Standard-C")));
    }

    /** Whether {@code presented} is one of the platform's keys; every key is compared, without an early exit. */
    public boolean acceptsPlatformKey(String presented) {
        return anyMatches(platformApiKeys, presented);
    }

    /** Whether {@code presented} is one of the registered webhook Authorization values (all compared). */
    public boolean acceptsWebhookToken(String presented) {
        return anyMatches(webhookTokens, presented);
    }

    private static boolean anyMatches(List<NamedDigest> digests, String presented) {
        boolean matched = false;
        for (NamedDigest digest : digests) {
            matched |= digest.matches(presented);
        }
        return matched;
    }

    /** Whether {@code number} (E.164) is one of the tenant's voice or SMS virtual numbers. */
    public boolean ownsNumber(String number) {
        return account.virtualNumbers().contains(number) || account.smsNumbers().contains(number);
    }

    @Override
    public String toString() {
        return "Tenant[id=" + id + ", revision=" + revision + ", enabled=" + enabled + "]";
    }
}
