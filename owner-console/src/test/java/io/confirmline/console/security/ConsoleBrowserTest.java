package io.confirmline.console.security;

import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser (Debian's headless Chromium, driven through its chromedriver; Selenium Manager is
 * never asked to download one): an invited owner sets a password, signs in, sees their own tenant, is refused
 * another tenant's page, and signs out.
 */
class ConsoleBrowserTest extends ConsoleContext {

    static final Path CHROMIUM = Path.of(System.getProperty("confirmline.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("confirmline.test.chromedriver", "/usr/bin/chromedriver"));

    static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--user-data-dir=" + tempProfile());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anInvitedOwnerSignsInSeesTheirTenantIsRefusedAnotherAndSignsOut() {
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "browser owner password";
        String link = invite("alpha", email, "OWNER");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

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
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("Email");
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("who-email")));
        assertThat(browser.getCurrentUrl()).endsWith(":" + port + "/");
        assertThat(browser.findElement(By.id("who-email")).getText()).isEqualTo(email);
        assertThat(browser.findElement(By.id("who-role")).getText()).isEqualTo("OWNER");
        assertThat(browser.findElement(By.id("who-tenant")).getText()).contains("Alpha Bistro", "alpha");
        // The session cookie is out of the page's reach (HttpOnly).
        assertThat(browser.manage().getCookieNamed(PageSession.SESSION_COOKIE).isHttpOnly()).isTrue();

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

    private static String tempProfile() {
        try {
            return Files.createTempDirectory("console-chromium").toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
