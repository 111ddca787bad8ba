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
package io.confirmline.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for a test class, driven through chromedriver; Selenium Manager is never asked for a driver
 * (it cannot download one here, and a build must not depend on the internet). Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Browser browser = new Browser();
 * }</pre>
 *
 * <ul>
 * <li>The binaries are {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code chromium} and
 * {@code chromium-driver}), or the system properties {@code confirmline.test.chromium} and
 * {@code confirmline.test.chromedriver}. When either is missing, every test of the class is skipped and one line
 * in the build output says why — never silently.</li>
 * <li>When a test fails, a screenshot and the page source are saved under {@code target/browser-failures/}, named
 * after the test, so a failure in CI can be looked at.</li>
 * <li>{@link #screenshot(Path)} saves a picture on demand (the README's screenshot of the board).</li>
 * </ul>
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    public static final Path FAILURES = Path.of("target", "browser-failures");

    private final int width;
    private final int height;
    private WebDriver driver;

    /** A laptop-sized window. */
    public Browser() {
        this(1280, 900);
    }

    /** A window of this size (360 wide for a phone). */
    public Browser(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public static Path chromium() {
        return Path.of(System.getProperty("confirmline.test.chromium", "/usr/bin/chromium"));
    }

    public static Path chromedriver() {
        return Path.of(System.getProperty("confirmline.test.chromedriver", "/usr/bin/chromedriver"));
    }

    /** Why browser tests cannot run on this machine; empty when they can. */
    public static Optional<String> unavailable() {
        if (!Files.isExecutable(chromium())) {
            return Optional.of("no Chromium at " + chromium()
                    + " (apt-get install chromium chromium-driver, or -Dconfirmline.test.chromium=...)");
        }
        if (!Files.isExecutable(chromedriver())) {
            return Optional.of("no chromedriver at " + chromedriver()
                    + " (apt-get install chromium-driver, or -Dconfirmline.test.chromedriver=...)");
        }
        return Optional.empty();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> missing = unavailable();
        if (missing.isPresent()) {
            String reason = "Browser tests skipped in " + context.getDisplayName() + ": " + missing.get();
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=" + width + "," + height,
                "--lang=en-US",
                "--user-data-dir=" + tempProfile());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName();
        try {
            Path picture = screenshot(FAILURES.resolve(name + ".png"));
            Files.writeString(FAILURES.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            System.out.println(
                    "Browser test failed: screenshot " + picture.toAbsolutePath() + ", page source beside it");
        } catch (RuntimeException | IOException e) {
            System.out.println("Browser test failed; no screenshot could be saved: " + e);
        }
    }

    /** The browser; only between this class's first and last test. */
    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("The browser is not running (register Browser with @RegisterExtension)");
        }
        return driver;
    }

    /** Waits for a condition up to {@code timeout}. */
    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver(), timeout, Duration.ofMillis(20));
    }

    /** Saves what the window shows now as a PNG at {@code file} (its folder created); returns the file. */
    public Path screenshot(Path file) {
        byte[] png = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tempProfile() {
        try {
            return Files.createTempDirectory("confirmline-chromium").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
