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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scripted model: rules matched against the guest's latest text, the first match wins.
 *
 * <pre>{@code
 * {"rules": [
 *   {"name": "change-time-en", "pattern": "\\b8[:.]30\\b|instead|later", "tool": "guestBooking",
 *    "answer": {"intent": "CHANGE_REQUEST", "reply": "...", "date": "{guestBooking.date}", "time": "20:30",
 *               "partySize": "{guestBooking.partySize}"}}]}
 * }</pre>
 *
 * {@code pattern} is a case-insensitive Java regular expression, found anywhere in the text. With {@code tool},
 * the first answer to a request that offers that tool and has no result of it yet is a call of the tool; the
 * answer comes once its result is in the conversation. The answer's strings may use the pattern's groups
 * ({@code $1}) and placeholders (see {@link Placeholders}); an empty string becomes {@code null}.
 */
public final class Script {

    /** One rule: when the guest's text matches, this answer (after this tool's result, when there is one). */
    record Rule(String name, Pattern pattern, Optional<String> tool, ObjectNode answer) {}

    /** A rule that matched, with the match for its groups. */
    record Match(Rule rule, MatchResult groups) {}

    private final List<Rule> rules;

    private Script(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules shipped with the sandbox: English and Spanish, one or more per intent. */
    public static Script defaults(JsonMapper json) {
        try (InputStream in = Script.class.getResourceAsStream("default-script.json")) {
            return parse(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Script load(Path file, JsonMapper json) {
        try {
            return parse(json.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the script " + file, e);
        }
    }

    static Script parse(JsonNode script) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : script.path("rules")) {
            String name = rule.path("name").asString("rule " + (rules.size() + 1));
            if (!rule.path("answer").isObject() || !rule.path("pattern").isString()) {
                throw new IllegalArgumentException("rule " + name + " needs a pattern and an answer object");
            }
            String tool = rule.path("tool").asString("");
            rules.add(new Rule(
                    name,
                    Pattern.compile(rule.path("pattern").asString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                    tool.isEmpty() ? Optional.empty() : Optional.of(tool),
                    (ObjectNode) rule.path("answer")));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a script needs at least one rule");
        }
        return new Script(rules);
    }

    Optional<Match> firstMatch(String guestText) {
        for (Rule rule : rules) {
            Matcher matcher = rule.pattern().matcher(guestText);
            if (matcher.find()) {
                return Optional.of(new Match(rule, matcher.toMatchResult()));
            }
        }
        return Optional.empty();
    }
}
