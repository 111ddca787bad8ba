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
package io.confirmline.sandbox.assistant;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Fills a scripted answer's string from the guest's text and the tools' results:
 * <ul>
 * <li>{@code $1}…{@code $9}: the rule pattern's groups;</li>
 * <li>{@code {today}}: the venue's date the client wrote in its message (else the sandbox's);</li>
 * <li>{@code {venueFacts.address}}: a field of a tool's result (dots for nested fields);</li>
 * <li>{@code {venueFacts.faq~park}}: of that field's text, the first sentence or line containing "park";</li>
 * <li>{@code {...|fallback}}: the fallback when the value is missing or empty.</li>
 * </ul>
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}|]+)(?:\\|([^{}]*))?}");
    private static final Pattern GROUP = Pattern.compile("\\$(\\d)");

    private final MatchResult groups;
    private final Map<String, JsonNode> toolResults;
    private final String today;

    Placeholders(MatchResult groups, Map<String, JsonNode> toolResults, String today) {
        this.groups = groups;
        this.toolResults = toolResults;
        this.today = today;
    }

    static String todayOrNow(Optional<String> written) {
        return written.orElseGet(() -> LocalDate.now(ZoneId.systemDefault()).toString());
    }

    String fill(String template) {
        Matcher group = GROUP.matcher(template);
        StringBuilder withGroups = new StringBuilder();
        while (group.find()) {
            int index = Integer.parseInt(group.group(1));
            String value = index <= groups.groupCount() && groups.group(index) != null ? groups.group(index) : "";
            group.appendReplacement(withGroups, Matcher.quoteReplacement(value));
        }
        group.appendTail(withGroups);

        // Innermost placeholders first, so that a fallback may itself be a placeholder: {a|{b|text}}.
        String filled = withGroups.toString();
        for (int pass = 0; pass < 3; pass++) {
            String next = fillOnce(filled);
            if (next.equals(filled)) {
                break;
            }
            filled = next;
        }
        return filled;
    }

    private String fillOnce(String template) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = value(placeholder.group(1).trim());
            if (value.isEmpty() && placeholder.group(2) != null) {
                value = placeholder.group(2);
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    private String value(String name) {
        if (name.equals("today")) {
            return today;
        }
        String word = null;
        int tilde = name.indexOf('~');
        if (tilde > 0) {
            word = name.substring(tilde + 1).toLowerCase(Locale.ROOT);
            name = name.substring(0, tilde);
        }
        String[] path = name.split("\\.");
        JsonNode node = toolResults.get(path[0]);
        if (node == null) {
            return "";
        }
        for (int i = 1; i < path.length; i++) {
            node = node.path(path[i]);
        }
        String text = node.isValueNode() ? node.asString("") : "";
        return word == null ? text : sentenceWith(text, word);
    }

    private static String sentenceWith(String text, String word) {
        for (String sentence : text.split("\\R|(?<=[.!?])\\s+")) {
            if (sentence.toLowerCase(Locale.ROOT).contains(word)) {
                return sentence.trim();
            }
        }
        return "";
    }
}
