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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The grammar of a tenant's prompt templates ({@code prompts.<language>.<template>}): which templates exist and
 * which placeholders each may use. The console checks a tenant against it before accepting it, and the
 * orchestrator's catalogue renders by it, so a template the console accepted is one the orchestrator can say.
 */
public final class PromptTemplates {

    /** The sentences of a call, by the name a tenant's template uses. */
    public static final List<String> SENTENCES = List.of(
            "reservation-prompt",
            "appointment-prompt",
            "confirmed",
            "cancelled",
            "invalid-digit",
            "no-input",
            "goodbye",
            "transfer-offer",
            "put-through",
            "callback-reservation",
            "callback-appointment",
            "callback-closed");
    /** The words that say {@code {when}}: they take no placeholders. */
    public static final List<String> WORDS = List.of("today", "tomorrow", "at");
    /** What a sentence may ask to have filled in. */
    public static final List<String> PLACEHOLDERS =
            List.of("name", "venue", "party", "service", "when", "confirmDigit", "cancelDigit", "transferDigit");
    /** The texts a guest gets (issue #14), by the name a tenant's template uses. */
    public static final List<String> TEXTS = List.of(
            "sms-fallback",
            "sms-confirmed",
            "sms-cancelled",
            "sms-opted-out",
            "sms-opted-in",
            "sms-help",
            "sms-holding",
            "sms-no-booking",
            "sms-missed-call",
            "sms-check-confirm",
            "sms-check-cancel",
            "sms-slot-offer",
            "sms-request-sent");
    /**
     * What a text may ask to have filled in: the sentences' placeholders, plus {@code {booking}} ("table for 4",
     * "appointment (Haircut)"), {@code {what}} ("table", "appointment"), {@code {day}} and {@code {time}} (the
     * two halves of {@code {when}}), {@code {venuePhone}} and {@code {slots}} (the times the assistant offers, or the
     * one the guest chose). A text about no booking leaves the booking's empty.
     */
    public static final List<String> TEXT_PLACEHOLDERS = List.of(
            "name",
            "venue",
            "party",
            "service",
            "when",
            "confirmDigit",
            "cancelDigit",
            "transferDigit",
            "booking",
            "what",
            "day",
            "time",
            "venuePhone",
            "slots");

    private static final Set<String> NAMES = Set.copyOf(concat());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private PromptTemplates() {}

    private static List<String> concat() {
        List<String> all = new ArrayList<>(SENTENCES);
        all.addAll(WORDS);
        all.addAll(TEXTS);
        return all;
    }

    /**
     * Every problem of a tenant's templates, each naming {@code prompts.<language>.<template>}; empty when none.
     */
    public static List<String> problems(Map<String, Map<String, String>> prompts) {
        List<String> problems = new ArrayList<>();
        prompts.forEach((language, templates) -> templates.forEach((name, text) -> {
            String field = "prompts." + language + "." + name;
            if (!NAMES.contains(name)) {
                problems.add(field + " is not a template; known: " + String.join(", ", concat()));
                return;
            }
            problem(name, text).ifPresent(p -> problems.add(field + " " + p));
        }));
        return problems;
    }

    /** What is wrong with one template's text, if anything ("uses unknown placeholder {x}; known: ..."). */
    public static java.util.Optional<String> problem(String name, String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        List<String> known = TEXTS.contains(name) ? TEXT_PLACEHOLDERS : PLACEHOLDERS;
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            String used = placeholder.group(1);
            if (WORDS.contains(name) || !known.contains(used)) {
                return java.util.Optional.of("uses unknown placeholder {" + used + "}; "
                        + (WORDS.contains(name)
                                ? "this word takes none"
                                : "known: "
                                        + known.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", "))));
            }
        }
        return java.util.Optional.empty();
    }
}
