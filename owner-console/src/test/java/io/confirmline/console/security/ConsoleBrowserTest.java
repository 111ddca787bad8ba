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

import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import io.confirmline.testing.browser.Browser;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser (the shared {@link Browser} fixture: Debian's headless Chromium through its
 * chromedriver; skipped with a reason on a machine without them): an invited owner sets a password, signs in, sees
 * their own tenant, is refused another tenant's page, and signs out.
 */
class ConsoleBrowserTest extends ConsoleContext {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void anInvitedOwnerSignsInSeesTheirTenantIsRefusedAnotherAndSignsOut() {
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "browser owner password";
        String link = invite("alpha", email, "OWNER");
        WebDriver browser = ConsoleBrowserTest.browser.driver();
        WebDriverWait wait = ConsoleBrowserTest.browser.waiting(Duration.ofSeconds(15));

        browser.get(link);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Choose your password");
        assertThat(browser.findElement(By.id("invited-email")).getText()).isEqualTo(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("confirmation")).sendKeys(password);
        browser.findElement(By.id("set-password")).click();

        wait.until(ExpectedConditions.urlContains("/login?activated"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-message")));
        assertThat(browser.findElement(By.id("login-message")).getText()).contains("You can sign in now");
        // The labels name the fields (what a screen reader announces).
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText())
                .isEqualTo("Email");
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who-email")));
        assertThat(browser.getCurrentUrl()).endsWith(":" + port + "/");
        assertThat(browser.findElement(By.id("who-email")).getText()).isEqualTo(email);
        assertThat(browser.findElement(By.id("who-role")).getText()).isEqualToIgnoringCase("owner");
        assertThat(browser.findElement(By.id("who-tenant")).getText()).contains("Alpha Bistro", "alpha");
        // The session cookie is out of the page's reach (HttpOnly).
        assertThat(browser.manage().getCookieNamed(PageSession.SESSION_COOKIE).isHttpOnly())
                .isTrue();

        browser.findElement(By.linkText("See your venue's settings")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-id")));
        assertThat(browser.findElement(By.id("tenant-name")).getText()).isEqualTo("Alpha Bistro");
        assertThat(browser.findElement(By.id("settings")).getText()).contains("Europe/Madrid");

        browser.get("http://localhost:" + port + "/tenants/bravo");
        assertThat(browser.findElement(By.id("forbidden")).getText()).isEqualTo("You may not see this page");
        assertThat(browser.getPageSource()).doesNotContain("Bravo Grill");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-message")));
        assertThat(browser.findElement(By.id("login-message")).getText()).isEqualTo("You have signed out.");
        browser.get("http://localhost:" + port + "/settings");
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in to ConfirmLine");
    }
}
