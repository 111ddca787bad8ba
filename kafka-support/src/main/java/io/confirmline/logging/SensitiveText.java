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
package io.confirmline.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never be readable in a log: phone numbers (all but the country prefix and the last two digits)
 * and secrets that follow a name such as Authorization, Bearer, api-key or whsec_. Applied to every log message by
 * {@link MaskingMessageConverter}, and usable directly where code formats a number for a person to read.
 */
public final class SensitiveText {

    private static final Pattern PHONE =
            Pattern.compile("(?<![\\w.:/-])(\\+?)(\\d{2})(\\d{4,11})(\\d{2})(?![\\w.:/-])");
    private static final Pattern SECRET = Pattern.compile(
            "(?i)\\b(authorization|bearer|basic|auth[-_]?token|api[-_]?key|signing[-_]?secret|password|secret)"
                    + "(\\\"?\\s*[:=]?\\s*\\\"?\\s*)(?!\\*\\*\\*)([^\\s\",;&]+)");
    /** An Authorization value is masked whole, scheme and credentials ("Bearer abc", "Basic abc="). */
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)\\b(authorization\"?\\s*[:=]\\s*\"?)(?!\\*\\*\\*)([^\",;\\r\\n]+)");

    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]+");

    private SensitiveText() {}

    /** {@code +34600111222} becomes {@code +34*******22}; a shorter number only keeps its last two digits. */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9+]", "");
        if (digits.length() <= 4) {
            return "***";
        }
        boolean plus = digits.startsWith("+");
        String bare = plus ? digits.substring(1) : digits;
        int keepStart = Math.min(2, Math.max(0, bare.length() - 4));
        return (plus ? "+" : "")
                + bare.substring(0, keepStart)
                + "*".repeat(bare.length() - keepStart - 2)
                + bare.substring(bare.length() - 2);
    }

    /** The text with every phone number and named secret masked. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = WEBHOOK_SECRET.matcher(text).replaceAll("whsec_***");
        masked = AUTHORIZATION.matcher(masked).replaceAll("$1***");
        masked = SECRET.matcher(masked).replaceAll("$1$2***");
        Matcher phone = PHONE.matcher(masked);
        StringBuilder out = new StringBuilder(masked.length());
        while (phone.find()) {
            String replacement =
                    phone.group(1) + phone.group(2) + "*".repeat(phone.group(3).length()) + phone.group(4);
            phone.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        phone.appendTail(out);
        return out.toString();
    }
}
