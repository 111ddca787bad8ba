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
package io.confirmline.console.accessibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The checks the browser tests run inside the page the browser shows (scripts under test resources
 * {@code /accessibility/}): text contrast and input labels, and the layout on a narrow screen. Each adds what it
 * finds to {@code failures}, named by {@code page}, so a test reports every page's problems at once; a script that
 * found nothing to check fails the test (the page was not what the test thought).
 */
public final class PageChecks {

    private PageChecks() {}

    /** Contrast of every text against its background, and a label for every input. */
    public static void contrastAndLabels(WebDriver driver, String page, List<String> failures) {
        run(driver, page, "contrast.js", failures);
        run(driver, page, "labels.js", failures);
    }

    /** On a phone: nothing makes the page scroll sideways, every control one taps at least 24 by 24 CSS pixels. */
    public static void layout(WebDriver driver, String page, List<String> failures) {
        run(driver, page, "layout.js", failures);
    }

    @SuppressWarnings("unchecked")
    private static void run(WebDriver driver, String page, String script, List<String> failures) {
        Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(script(script));
        assertThat(((Number) result.get("checked")).intValue())
                .as(script + " found nothing to check on " + page)
                .isPositive();
        ((List<Object>) result.get("failures")).forEach(failure -> failures.add(page + ": " + failure));
    }

    /** The text of one of the scripts. */
    public static String script(String name) {
        try (InputStream in = PageChecks.class.getResourceAsStream("/accessibility/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
