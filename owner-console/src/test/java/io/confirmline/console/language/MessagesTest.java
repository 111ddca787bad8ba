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
package io.confirmline.console.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A page never shows a message key instead of words: English and Spanish have the same keys, and every key a
 * template names literally ({@code #{settings.title}}) is in them.
 */
class MessagesTest {

    static final Path RESOURCES = Path.of("src/main/resources");
    /** {@code #{key}} or {@code #{key(args)}}; keys built from expressions are checked by the pages' tests. */
    private static final Pattern KEY = Pattern.compile("#\\{([A-Za-z0-9_.\\-]+)\\s*[}(]");

    @Test
    void englishAndSpanishHaveTheSameKeys() throws IOException {
        Set<String> english = keys("messages.properties");
        Set<String> spanish = keys("messages_es.properties");
        assertThat(english).isNotEmpty();
        assertThat(minus(english, spanish))
                .as("keys in messages.properties missing from messages_es.properties")
                .isEmpty();
        assertThat(minus(spanish, english))
                .as("keys in messages_es.properties missing from messages.properties")
                .isEmpty();
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> english = keys("messages.properties");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> templates = Files.list(RESOURCES.resolve("templates"))) {
            for (Path template : templates
                    .filter(p -> p.toString().endsWith(".html"))
                    .sorted()
                    .toList()) {
                Matcher key = KEY.matcher(Files.readString(template));
                while (key.find()) {
                    if (!english.contains(key.group(1))) {
                        missing.add(template.getFileName() + ": " + key.group(1));
                    }
                }
            }
        }
        assertThat(missing)
                .as("message keys used in templates but missing from messages.properties")
                .isEmpty();
    }

    @Test
    void theKeyPatternFindsLiteralKeysAndSkipsBuiltOnes() {
        Matcher key = KEY.matcher("<p th:text=\"#{login.refused(${m})}\"><b th:text=\"#{nav.board}\"></b>"
                + "<i th:text=\"#{'role.' + ${r}}\"></i><i th:text=\"#{${messageKey}}\"></i>");
        List<String> found = new ArrayList<>();
        while (key.find()) {
            found.add(key.group(1));
        }
        assertThat(found).containsExactly("login.refused", "nav.board");
    }

    static Set<String> keys(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(RESOURCES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
