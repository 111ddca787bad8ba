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

import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import io.confirmline.testing.browser.Browser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.HttpStatus;

/**
 * The pages as a real browser draws them with console.css: every text's colour against its background meets WCAG
 * 2.2 AA (the status badges of every status, problems and notices included), every control has a name a screen
 * reader says, the keyboard focus is visible, and on a 360 by 740 phone nothing scrolls sideways and every control
 * is at least 24px square. Pages are those that exist: a page another part adds later is checked once it answers.
 */
class AccessibilityBrowserTest extends ConsoleContext {

    @RegisterExtension
    static final Browser browser = new Browser();

    /** The signed-in pages to check, when they exist. */
    static final List<String> PAGES = List.of(
            "/",
            "/settings",
            "/settings/templates/es",
            "/conversations",
            "/analytics",
            "/settings/quick-replies",
            "/settings/alerts");
    /** design.md §4 and §10.3's statuses, as pages show them: class "status status-X". */
    static final List<String> STATUSES = List.of(
            "SCHEDULED",
            "DIALING",
            "IN_PROGRESS",
            "CONFIRMED",
            "CANCELLED_BY_GUEST",
            "NO_RESPONSE",
            "UNREACHABLE",
            "TEXTED",
            "FAILED",
            "SKIPPED",
            "WITHDRAWN",
            "DELIVERED",
            "NOT_DELIVERED");

    String email;
    String password = "accessible owner password";
    List<String> pages;

    @BeforeEach
    void ownerAndTheirPages() {
        email = "a11y-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String address = "10.66.0." + (1 + Math.abs(email.hashCode() % 250));
        onboard("alpha", email, "OWNER", password, address);
        PageSession session = new PageSession(client, address);
        session.login(email, password);
        pages = PAGES.stream()
                .filter(path -> session.get(path).status().equals(HttpStatus.OK))
                .toList();
        assertThat(pages).contains("/settings", "/settings/templates/es");
    }

    @Test
    void everyPageReadsWellAndNamesItsControls() {
        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1280, 900));
        List<String> failures = new ArrayList<>();
        driver.get(url("/login"));
        check("/login", failures);
        signIn();
        for (String path : pages) {
            driver.get(url(path));
            check(path, failures);
        }

        // Every status badge, drawn by the page's own stylesheet.
        driver.get(url("/settings"));
        ((JavascriptExecutor) driver)
                .executeScript(
                        "var main = document.querySelector('main');"
                                + "arguments[0].forEach(function (s) { var b = document.createElement('span');"
                                + "b.className = 'status status-' + s; b.textContent = s; main.appendChild(b); });",
                        STATUSES);
        check("/settings with every status badge", failures);

        // The problems next to fields, and the focus ring.
        driver.findElement(By.id("leadTime")).clear();
        driver.findElement(By.id("leadTime")).sendKeys("soon");
        driver.findElement(By.id("settings-save")).click();
        browser.waiting(Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("leadTime-error")));
        check("/settings with a problem", failures);
        driver.findElement(By.id("leadTime")).click();
        assertThat(focusRingContrast()).as("focus ring against the page").isGreaterThanOrEqualTo(3.0);

        assertThat(failures).as("WCAG 2.2 AA contrast and names, page by page").isEmpty();
    }

    @Test
    void onAPhoneNothingScrollsSidewaysAndEveryControlCanBeTapped() {
        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(360, 740));
        driver.get(url("/login"));
        assertThat(((Number) ((JavascriptExecutor) driver)
                                .executeScript("return document.documentElement.clientWidth;"))
                        .intValue())
                .isBetween(340, 360);
        List<String> failures = new ArrayList<>();
        PageChecks.layout(browser.driver(), "/login", failures);
        signIn();
        for (String path : pages) {
            driver.get(url(path));
            PageChecks.layout(browser.driver(), path, failures);
        }
        assertThat(failures).as("at 360x740").isEmpty();
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    private void signIn() {
        WebDriver driver = browser.driver();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        browser.waiting(Duration.ofSeconds(15)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void check(String page, List<String> failures) {
        // Notices a page shows only sometimes ("live data unavailable") are checked as they would look.
        ((JavascriptExecutor) browser.driver())
                .executeScript(
                        "document.querySelectorAll("
                                + "'[hidden][role=status], [hidden][role=alert]').forEach(function (e) { e.hidden = false; });");
        PageChecks.contrastAndLabels(browser.driver(), page, failures);
    }

    private double focusRingContrast() {
        return ((Number) ((JavascriptExecutor) browser.driver())
                        .executeScript(
                                PageChecks.script("contrast.js").replaceFirst("(?s)var failures = \\[\\];.*$", "")
                                        + "var el = document.activeElement; var s = getComputedStyle(el);"
                                        + "if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2) return 0;"
                                        + "return ratio(parse(s.outlineColor), background(el.parentElement));"))
                .doubleValue();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
