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
package io.confirmline.orchestrator.assistant;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in free text, as the assistant's guardrails see them: seven digits or more, spaced, dotted or
 * bracketed any way, a leading + allowed; dates (2026-12-01, 01/12/2026) are not numbers. The venue's own number
 * is recognised in any format by its last nine digits.
 */
final class PhoneNumbers {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d(?:[\\s().\\-/]{0,2}\\d){6,}");
    private static final Pattern DATE = Pattern.compile("\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}");
    static final String BLANKED = "[phone number]";

    private PhoneNumbers() {}

    /** Whether the text holds a phone number other than {@code allowed} (any format of it). */
    static boolean containsOtherThan(String text, String allowed) {
        Matcher candidate = CANDIDATE.matcher(text);
        while (candidate.find()) {
            if (isOther(candidate.group(), allowed)) {
                return true;
            }
        }
        return false;
    }

    /** The text with every phone number but {@code allowed} replaced by {@value #BLANKED}. */
    static String blankAllBut(String text, String allowed) {
        Matcher candidate = CANDIDATE.matcher(text);
        StringBuilder blanked = new StringBuilder();
        while (candidate.find()) {
            candidate.appendReplacement(
                    blanked,
                    Matcher.quoteReplacement(isOther(candidate.group(), allowed) ? BLANKED : candidate.group()));
        }
        candidate.appendTail(blanked);
        return blanked.toString();
    }

    private static boolean isOther(String candidate, String allowed) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.length() < 7 || DATE.matcher(candidate.strip()).matches()) {
            return false;
        }
        String allowedDigits = allowed == null ? "" : allowed.replaceAll("\\D", "");
        if (allowedDigits.length() < 7) {
            return true;
        }
        // The same number written nationally or internationally ends in the same (up to nine) digits.
        int n = Math.min(9, Math.min(digits.length(), allowedDigits.length()));
        return !digits.substring(digits.length() - n).equals(allowedDigits.substring(allowedDigits.length() - n));
    }
}
