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
package io.confirmline.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the Content-Security-Policy ({@code script-src 'self'; style-src 'self'}) would block must not be in the
 * pages: no inline {@code <script>} body, no {@code on*=} handler, no {@code style=} attribute (nor
 * {@code th:style}/{@code th:onclick}), no {@code javascript:} URL — in any template or static script. A failure
 * names the file and what it found, so a new page cannot bring one back.
 */
class PageSourceTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    /** A script element with something between its tags (a {@code src} one is empty). */
    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script\\b[^>]*>(?<body>[\\s\\S]*?)</script>", Pattern.CASE_INSENSITIVE);
    /** An attribute {@code onclick=}, {@code th:onclick=}, {@code style=}, {@code th:style=}... inside a tag. */
    private static final Pattern FORBIDDEN_ATTRIBUTE = Pattern.compile(
            "<[a-zA-Z][^>]*?\\s((?:th:|data-th-)?(?:on[a-zA-Z]+|style|styleappend))\\s*=", Pattern.CASE_INSENSITIVE);

    private static final Pattern STYLE_ELEMENT = Pattern.compile("<style\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVASCRIPT_URL =
            Pattern.compile("(?:href|src|action)\\s*=\\s*[\"']\\s*javascript:", Pattern.CASE_INSENSITIVE);
    /** Script that writes markup with those in it ({@code innerHTML = '<b onclick=...'}, {@code setAttribute('style'...}). */
    private static final Pattern SCRIPT_WRITES_INLINE = Pattern.compile(
            "setAttribute\\(\\s*['\"](?:style|on[a-z]+)['\"]|<[a-z][^>'\"]*\\s(?:on[a-z]+|style)\\s*=|\\beval\\s*\\(|new\\s+Function\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    @Test
    void noTemplateHasInlineScriptHandlersOrStyles() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path template : files(RESOURCES.resolve("templates"), ".html")) {
            found.addAll(problems(template.getFileName().toString(), Files.readString(template)));
        }
        assertThat(found)
                .as("inline script, handlers or styles the Content-Security-Policy would block")
                .isEmpty();
    }

    @Test
    void noStaticScriptWritesInlineHandlersOrStylesOrEvaluatesText() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path script : files(RESOURCES.resolve("static/js"), ".js")) {
            Matcher m = SCRIPT_WRITES_INLINE.matcher(Files.readString(script));
            while (m.find()) {
                found.add(script.getFileName() + ": " + m.group());
            }
        }
        assertThat(found).as("script the Content-Security-Policy would block").isEmpty();
    }

    @Test
    void theScanCatchesEachKind() {
        String page = "<p style=\"color:red\">x</p><button th:onclick=\"go()\">y</button>"
                + "<a href=\"javascript:go()\">z</a><script>alert(1)</script><script src=\"/js/ok.js\"></script>"
                + "<style>p{}</style><img src=\"/i.png\" onerror=\"x()\">";
        assertThat(problems("page.html", page)).hasSize(6).allMatch(problem -> problem.startsWith("page.html: "));
        assertThat(problems(
                        "fine.html",
                        "<p class=\"stylish\" data-onward=\"1\">on=style</p>"
                                + "<script th:src=\"@{/js/board.js}\" defer></script>"))
                .isEmpty();
    }

    static List<String> problems(String file, String html) {
        List<String> found = new ArrayList<>();
        Matcher script = INLINE_SCRIPT.matcher(html);
        while (script.find()) {
            if (!script.group("body").isBlank()) {
                found.add(file + ": inline <script> body");
            }
        }
        Matcher attribute = FORBIDDEN_ATTRIBUTE.matcher(html);
        while (attribute.find()) {
            found.add(file + ": attribute " + attribute.group(1) + "=");
        }
        if (STYLE_ELEMENT.matcher(html).find()) {
            found.add(file + ": <style> element");
        }
        if (JAVASCRIPT_URL.matcher(html).find()) {
            found.add(file + ": javascript: URL");
        }
        return found;
    }

    private static List<Path> files(Path directory, String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
