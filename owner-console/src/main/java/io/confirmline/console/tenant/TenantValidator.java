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

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.confirmline.tenant.PromptTemplates;
import io.confirmline.tenant.SigningSecretFormat;
import io.confirmline.tenant.TenantSettings;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a tenant's settings as strictly as the three services checked their YAML before tenants became data, so
 * what the console accepts is what every service can use: every problem is named, one per field.
 */
public final class TenantValidator {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** An 8x8 (sub)account id goes into 8x8's URLs: letters, digits and {@code ._-} only. */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern DIGIT = Pattern.compile("[0-9*#]");
    /** What an HTTP header value may hold (a webhook token is the whole Authorization value). */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?");

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    static final int MIN_COMPARED_SECRET = 16;
    static final int MAX_SECRET = 512;
    private static final int MAX_TEXT = 200;
    private static final int MAX_FAQ = 20_000;
    /** An address as guests are told it: a line or three, not a document. */
    private static final int MAX_ADDRESS = 300;
    /**
     * The owner's window before the assistant (or a template) answers: shorter than this and nobody at the venue can
     * reply first; longer and the guest waits too long for any answer (issue #17: the window plus ten seconds).
     */
    public static final Duration MIN_HUMAN_WINDOW = Duration.ofSeconds(15);

    public static final Duration MAX_HUMAN_WINDOW = Duration.ofMinutes(30);

    /**
     * Where the settings come from.
     *
     * @param production whether the production profile is active: demo values are refused
     * @param apiKeyRequired whether a missing 8x8 API key is a problem (a create request; the YAML may leave it to
     *     be added later)
     */
    public record Rules(boolean production, boolean apiKeyRequired) {}

    private TenantValidator() {}

    /** Adds the problems of {@code s} and {@code secrets} to {@code problems}. */
    public static void check(TenantSettings s, ClearSecrets secrets, Rules rules, Problems problems) {
        if (!problems.has("id")) {
            if (s.id() == null || s.id().isBlank()) {
                problems.add("id", "is required");
            } else if (!ID.matcher(s.id()).matches()) {
                problems.add("id", "must be 1 to 64 letters, digits, '-' or '_'");
            }
        }
        text(s.displayName(), "displayName", MAX_TEXT, problems);
        account(s.accountId(), "accountId", false, problems);
        account(s.subaccountId(), "subaccountId", true, problems);
        account(s.smsSubaccountId(), "smsSubaccountId", false, problems);
        phone(s.callerId(), "callerId", true, problems);
        if (rules.production() && !problems.has("callerId")) {
            DemoValues.callerIdProblem(s.callerId()).ifPresent(p -> problems.add("callerId", p));
        }
        numbers(s.virtualNumbers(), "virtualNumbers", problems);
        numbers(s.smsNumbers(), "smsNumbers", problems);
        phone(s.venuePhone(), "venuePhone", false, problems);
        if (!problems.has("venuePhone")
                && s.venuePhone() != null
                && !s.venuePhone().isBlank()
                && (s.venuePhone().equals(s.callerId())
                        || s.virtualNumbers().contains(s.venuePhone())
                        || s.smsNumbers().contains(s.venuePhone()))) {
            // A guest put through to one of our own numbers would be answered by us again: a loop, never a person.
            problems.add("venuePhone", "is one of the tenant's own 8x8 numbers; it must be the restaurant's own line");
        }
        url(s.callbackUrl(), "callbackUrl", true, rules, problems);
        if (!problems.has("timeZone")
                && (s.timeZone() == null || !ZoneId.getAvailableZoneIds().contains(s.timeZone()))) {
            problems.add("timeZone", "is not an IANA time zone (e.g. Europe/Madrid)");
        }
        positive(s.leadTime(), "leadTime", problems);
        positive(s.minimumNotice(), "minimumNotice", problems);
        positive(s.retryDelay(), "retryDelay", problems);
        if (!problems.has("callingOpens")
                && !problems.has("callingCloses")
                && !s.callingOpens().isBefore(s.callingCloses())) {
            problems.add("callingCloses", "must be later than callingOpens");
        }
        if (!problems.has("maxAttempts") && s.maxAttempts() < 1) {
            problems.add("maxAttempts", "must be at least 1");
        }
        if (!problems.has("maxReprompts") && s.maxReprompts() < 0) {
            problems.add("maxReprompts", "must not be negative");
        }
        if (!problems.has("callsPerSecond") && (!Double.isFinite(s.callsPerSecond()) || s.callsPerSecond() < 0)) {
            problems.add("callsPerSecond", "must be 0 (unlimited) or more");
        }
        if (!problems.has("maxConcurrentCalls") && s.maxConcurrentCalls() < 0) {
            problems.add("maxConcurrentCalls", "must be 0 (unlimited) or more");
        }
        digits(s, problems);
        languages(s.voices().keySet(), "voices", problems);
        s.voices().forEach((language, voice) -> {
            if (voice == null || voice.isBlank()) {
                problems.add("voices." + language, "is required (an 8x8 speech profile, e.g. en-US-Standard-C)");
            }
        });
        languages(s.prompts().keySet(), "prompts", problems);
        for (String problem : PromptTemplates.problems(s.prompts())) {
            int space = problem.indexOf(' ');
            problems.add(problem.substring(0, space), problem.substring(space + 1));
        }
        openingHours(s.openingHours(), problems);
        text(s.assistantFaq(), "assistantFaq", MAX_FAQ, problems);
        text(s.venueAddress(), "venueAddress", MAX_ADDRESS, problems);
        humanWindow(s.humanWindow(), problems);
        url(s.availabilityUrl(), "availabilityUrl", false, rules, problems);
        if (s.textFallback() != null
                && !java.util.Set.of("BOTH", "UNREACHABLE", "NO_RESPONSE", "NONE")
                        .contains(s.textFallback().trim().toUpperCase(java.util.Locale.ROOT))) {
            problems.add("textFallback", "must be BOTH, UNREACHABLE, NO_RESPONSE or NONE");
        }
        // One SMS segment's worth of UCS-2 text, times three: a help text longer than that costs the tenant dearly.
        text(s.smsHelpText(), "smsHelpText", 201, problems);
        secrets(secrets, rules, problems);
    }

    /** The secrets of a request; each names its list and position, never its value. */
    public static void secrets(ClearSecrets secrets, Rules rules, Problems problems) {
        if (secrets.apiKey() == null || secrets.apiKey().isBlank()) {
            if (rules.apiKeyRequired() && !problems.has("apiKey")) {
                problems.add("apiKey", "is required (the 8x8 API key of the subaccount)");
            }
        } else {
            secret(secrets.apiKey(), "apiKey", 1, problems);
        }
        compared(secrets.webhookTokens(), "webhookTokens", problems);
        compared(secrets.platformApiKeys(), "platformApiKeys", problems);
        List<String> signing = secrets.signingSecrets();
        for (int i = 0; i < signing.size(); i++) {
            String field = "signingSecrets[" + i + "]";
            if (secret(signing.get(i), field, 1, problems)) {
                SigningSecretFormat.problem(signing.get(i)).ifPresent(p -> problems.add(field, p));
            }
        }
        duplicates(secrets.webhookTokens(), "webhookTokens", problems);
        duplicates(secrets.platformApiKeys(), "platformApiKeys", problems);
        duplicates(signing, "signingSecrets", problems);
    }

    /** One secret's value of {@code kind}, as {@code POST .../secrets/{kind}} takes it. */
    public static void secret(SecretKind kind, String value, Problems problems) {
        switch (kind) {
            case API_KEY -> secret(value, "value", 1, problems);
            case WEBHOOK_TOKEN, PLATFORM_KEY -> secret(value, "value", MIN_COMPARED_SECRET, problems);
            case SIGNING_SECRET -> {
                if (secret(value, "value", 1, problems)) {
                    SigningSecretFormat.problem(value).ifPresent(p -> problems.add("value", p));
                }
            }
            case CONSOLE_KEY -> {
                // made by the console itself, never taken from a request
            }
        }
    }

    private static void compared(List<String> values, String field, Problems problems) {
        for (int i = 0; i < values.size(); i++) {
            secret(values.get(i), field + "[" + i + "]", MIN_COMPARED_SECRET, problems);
        }
    }

    private static boolean secret(String value, String field, int minLength, Problems problems) {
        if (problems.has(field)) {
            return false;
        }
        if (value == null || value.isBlank()) {
            problems.add(field, "is required");
        } else if (value.length() < minLength) {
            problems.add(field, "is too short to be a secret (at least " + minLength + " characters)");
        } else if (value.length() > MAX_SECRET) {
            problems.add(field, "is longer than " + MAX_SECRET + " characters");
        } else if (!HEADER_VALUE.matcher(value).matches()) {
            problems.add(field, "must be printable ASCII without leading or trailing spaces");
        } else {
            return true;
        }
        return false;
    }

    private static void duplicates(List<String> values, String field, Problems problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null && !seen.add(values.get(i))) {
                problems.add(field + "[" + i + "]", "repeats an earlier one");
            }
        }
    }

    private static void text(String value, String field, int max, Problems problems) {
        if (value != null && value.length() > max && !problems.has(field)) {
            problems.add(field, "is longer than " + max + " characters");
        }
    }

    private static void account(String value, String field, boolean required, Problems problems) {
        if (problems.has(field)) {
            return;
        }
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field, "is required");
            }
        } else if (!ACCOUNT.matcher(value).matches()) {
            problems.add(field, "must be 1 to 100 letters, digits, '.', '-' or '_'");
        }
    }

    /** An E.164 number that libphonenumber knows as valid. */
    static void phone(String value, String field, boolean required, Problems problems) {
        if (problems.has(field)) {
            return;
        }
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field, "is required");
            }
            return;
        }
        if (!E164.matcher(value).matches()) {
            problems.add(field, "is not an E.164 number (+ and country code, digits only)");
            return;
        }
        try {
            if (!PHONES.isValidNumber(PHONES.parse(value, null))) {
                problems.add(field, "is not a valid phone number");
            }
        } catch (NumberParseException e) {
            problems.add(field, "is not a phone number");
        }
    }

    private static void numbers(List<String> numbers, String field, Problems problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < numbers.size(); i++) {
            String item = field + "[" + i + "]";
            phone(numbers.get(i), item, true, problems);
            if (!problems.has(item) && !seen.add(numbers.get(i))) {
                problems.add(item, "repeats an earlier number");
            }
        }
    }

    /** An http(s) URL of the platform: the callback URL (required) or its availability endpoint (optional). */
    private static void url(String value, String field, boolean required, Rules rules, Problems problems) {
        if (problems.has(field)) {
            return;
        }
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field, "is required");
            }
            return;
        }
        URI url;
        try {
            url = new URI(value);
        } catch (java.net.URISyntaxException e) {
            problems.add(field, "is not a URL");
            return;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(field, "must be an http or https URL");
        } else if (url.getHost() == null || url.getHost().isBlank()) {
            problems.add(field, "has no host");
        } else if (url.getRawUserInfo() != null) {
            problems.add(field, "must not carry credentials");
        } else if (value.length() > 2000) {
            problems.add(field, "is longer than 2000 characters");
        } else if (rules.production()) {
            DemoValues.callbackUrlProblem(value).ifPresent(p -> problems.add(field, p));
        }
    }

    private static void humanWindow(Duration value, Problems problems) {
        if (!problems.has("humanWindow")
                && value != null
                && (value.compareTo(MIN_HUMAN_WINDOW) < 0 || value.compareTo(MAX_HUMAN_WINDOW) > 0)) {
            problems.add("humanWindow", "must be between 15 seconds and 30 minutes");
        }
    }

    private static void positive(Duration value, String field, Problems problems) {
        if (!problems.has(field) && (value == null || value.isZero() || value.isNegative())) {
            problems.add(field, "must be longer than zero");
        }
    }

    private static void digits(TenantSettings s, Problems problems) {
        Map<String, String> digits = new java.util.LinkedHashMap<>();
        digits.put("confirmDigit", s.confirmDigit());
        digits.put("cancelDigit", s.cancelDigit());
        digits.put("transferDigit", s.transferDigit());
        Map<String, String> taken = new java.util.HashMap<>();
        digits.forEach((field, digit) -> {
            if (problems.has(field)) {
                return;
            }
            if (digit == null || !DIGIT.matcher(digit).matches()) {
                problems.add(field, "must be one key: 0-9, * or #");
                return;
            }
            String other = taken.putIfAbsent(digit, field);
            if (other != null) {
                problems.add(field, "is the same key as " + other);
            }
        });
    }

    private static void languages(Set<String> tags, String field, Problems problems) {
        for (String tag : tags) {
            if (tag.equals("default") && field.equals("voices")) {
                continue;
            }
            String canonical = Locale.forLanguageTag(tag).toLanguageTag();
            if (tag.isBlank() || canonical.equals("und") || !canonical.equalsIgnoreCase(tag)) {
                problems.add(
                        field + "." + tag,
                        "is not a BCP 47 language tag (e.g. es or es-ES)"
                                + (field.equals("voices") ? " or default" : ""));
            }
        }
    }

    private static void openingHours(List<TenantSettings.OpeningHours> hours, Problems problems) {
        Set<String> days = Set.of(
                java.util.Arrays.stream(DayOfWeek.values()).map(Enum::name).toArray(String[]::new));
        for (int i = 0; i < hours.size(); i++) {
            String field = "openingHours[" + i + "]";
            TenantSettings.OpeningHours period = hours.get(i);
            if (period.day() != null && !days.contains(period.day().toUpperCase(Locale.ROOT))) {
                problems.add(field + ".day", "must be MONDAY to SUNDAY");
            }
            if (period.opens() != null && period.opens().equals(period.closes())) {
                problems.add(field + ".closes", "must differ from opens (closing earlier means past midnight)");
            }
            if (period.day() == null || period.opens() == null || period.closes() == null) {
                for (String part : List.of("day", "opens", "closes")) {
                    if (!problems.has(field + "." + part) && isNull(period, part)) {
                        problems.add(field + "." + part, "is required");
                    }
                }
            }
        }
    }

    private static boolean isNull(TenantSettings.OpeningHours period, String part) {
        return switch (part) {
            case "day" -> period.day() == null;
            case "opens" -> period.opens() == null;
            default -> period.closes() == null;
        };
    }
}
