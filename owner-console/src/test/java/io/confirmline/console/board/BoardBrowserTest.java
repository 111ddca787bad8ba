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
package io.confirmline.console.board;

import static io.confirmline.console.readmodel.ReadModelEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.ConsoleContext;
import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.Topics;
import io.confirmline.testing.browser.Browser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The Today board in a real browser, driven by records on {@code bookings.v1} as the orchestrator publishes them:
 * an invited owner watches a booking go SCHEDULED → DIALING → CONFIRMED without reloading (each within 2 s; the
 * latencies are printed), the counts follow; the stream is cut (the test context ends every stream after 4 s)
 * while changes keep coming, the notice shows and hides and no change is missed; the filters work from the query
 * string and live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoardBrowserTest extends ConsoleContext {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final Duration LIVE = Duration.ofSeconds(2);
    private static final String PASSWORD = "board owner password";

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void signIn() {
        String email = "board-" + suffix + "@example.com";
        onboard(
                "alpha",
                email,
                "OWNER",
                PASSWORD,
                "10.72." + ThreadLocalRandom.current().nextInt(1, 250) + ".9");
        WebDriver driver = browser.driver();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        browser.waiting(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("board")));
    }

    @Test
    void aBookingGoesScheduledDialingConfirmedWithoutReloading() throws Exception {
        WebDriver driver = browser.driver();
        driver.get(url("/"));
        awaitConnected();
        int confirmedBefore = count("CONFIRMED");
        String reservation = "r-board-" + suffix;
        Instant startsAt = Instant.now().plusSeconds(5400);
        List<String> measured = new ArrayList<>();
        long version = 1;
        for (String status : List.of("SCHEDULED", "DIALING", "CONFIRMED")) {
            long sent = publish(snapshot("alpha", reservation, version++, status, startsAt));
            browser.waiting(LIVE)
                    .until(ExpectedConditions.attributeToBe(By.id("booking-" + reservation), "data-status", status));
            measured.add(status + " " + (System.nanoTime() - sent) / 1_000_000 + " ms");
        }
        System.out.println("Board: record sent → row changed in the browser (polling every 20 ms): " + measured);

        WebElement row = driver.findElement(By.id("booking-" + reservation));
        assertThat(row.findElement(By.cssSelector(".state")).getText()).isEqualTo("Confirmed");
        assertThat(row.findElement(By.cssSelector(".guest a")).getText()).isEqualTo("Ana María");
        assertThat(row.findElement(By.cssSelector(".guest a")).getAttribute("href"))
                .endsWith("/bookings/" + reservation);
        assertThat(row.findElement(By.cssSelector(".channel")).getText()).isEqualTo("Call");
        assertThat(count("CONFIRMED")).isEqualTo(confirmedBefore + 1);
        // Who is signed in stays on the page.
        assertThat(driver.findElement(By.id("who-tenant")).getText()).contains("Alpha Bistro");

        driver.navigate().refresh();
        assertThat(driver.findElement(By.id("booking-" + reservation)).getAttribute("data-status"))
                .isEqualTo("CONFIRMED");
    }

    @Test
    void whenTheStreamIsCutTheNoticeShowsAndHidesAndNoChangeIsMissed() throws Exception {
        WebDriver driver = browser.driver();
        driver.get(url("/"));
        awaitConnected();
        // Every show and hide of the notice, as it happens.
        ((JavascriptExecutor) driver).executeScript("""
                window.noticeLog = [];
                const notice = document.getElementById('live-status');
                new MutationObserver(() => window.noticeLog.push(notice.hidden ? 'hidden' : 'shown'))
                    .observe(notice, {attributes: true, attributeFilter: ['hidden']});""");
        List<String> reservations = new ArrayList<>();
        // Longer than max-stream (4 s): the server ends the stream at least once while changes keep coming.
        long until = System.nanoTime() + Duration.ofMillis(5500).toNanos();
        for (int i = 0; System.nanoTime() < until; i++) {
            String reservation = "r-cut-" + suffix + "-" + i;
            reservations.add(reservation);
            publish(snapshot("alpha", reservation, 1, "SCHEDULED", Instant.now().plusSeconds(3600 + i)));
            Thread.sleep(150);
        }

        for (String reservation : reservations) {
            browser.waiting(Duration.ofSeconds(5))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("booking-" + reservation)));
        }
        browser.waiting(Duration.ofSeconds(5))
                .until(ExpectedConditions.invisibilityOfElementLocated(By.id("live-status")));
        @SuppressWarnings("unchecked")
        List<String> log = (List<String>) ((JavascriptExecutor) driver).executeScript("return window.noticeLog;");
        assertThat(log)
                .as("the notice showed while the stream was away and hid again")
                .contains("shown", "hidden");
        assertThat(driver.findElement(By.id("live-heard-at")).getText()).isNotEqualTo("not yet");
        System.out.println("Board: " + reservations.size()
                + " bookings published over 5.5 s across a stream cut, all shown; notice " + log);
    }

    @Test
    void filtersByStatusAndWindowFromTheQueryStringAndLive() throws Exception {
        WebDriver driver = browser.driver();
        String confirmed = "r-filter-c-" + suffix;
        String noResponse = "r-filter-n-" + suffix;
        String later = "r-filter-l-" + suffix;
        publish(snapshot("alpha", confirmed, 1, "CONFIRMED", Instant.now().plusSeconds(1800)));
        publish(snapshot("alpha", noResponse, 1, "NO_RESPONSE", Instant.now().plusSeconds(2400)));
        publish(snapshot("alpha", later, 1, "CONFIRMED", Instant.now().plus(Duration.ofHours(10))));
        awaitInReadModel(later);

        driver.get(url("/?status=CONFIRMED&hours=24"));
        awaitConnected();
        assertThat(driver.findElement(By.id("booking-" + confirmed)).isDisplayed())
                .isTrue();
        assertThat(driver.findElement(By.id("booking-" + noResponse)).isDisplayed())
                .isFalse();
        assertThat(driver.findElement(By.id("booking-" + later)).isDisplayed()).isTrue();
        int confirmedIn24 = count("CONFIRMED");
        int noResponseIn24 = count("NO_RESPONSE");
        assertThat(noResponseIn24).as("counts ignore the status filter").isPositive();

        new Select(driver.findElement(By.id("filter-hours"))).selectByValue("3");
        browser.waiting(LIVE).until(ExpectedConditions.invisibilityOfElementLocated(By.id("booking-" + later)));
        assertThat(count("CONFIRMED")).isEqualTo(confirmedIn24 - 1);
        assertThat(driver.getCurrentUrl()).contains("hours=3").contains("status=CONFIRMED");

        new Select(driver.findElement(By.id("filter-status"))).selectByValue("");
        browser.waiting(LIVE).until(ExpectedConditions.visibilityOfElementLocated(By.id("booking-" + noResponse)));
        assertThat(driver.findElement(By.id("booking-" + confirmed)).isDisplayed())
                .isTrue();
        assertThat(count("NO_RESPONSE")).isEqualTo(noResponseIn24);

        // A change that moves a booking out of the chosen status hides it live.
        new Select(driver.findElement(By.id("filter-status"))).selectByValue("NO_RESPONSE");
        publish(snapshot("alpha", noResponse, 2, "CONFIRMED", Instant.now().plusSeconds(2400)));
        browser.waiting(LIVE).until(ExpectedConditions.invisibilityOfElementLocated(By.id("booking-" + noResponse)));
        assertThat(count("NO_RESPONSE")).isEqualTo(noResponseIn24 - 1);
    }

    private void awaitConnected() {
        browser.waiting(Duration.ofSeconds(5))
                .until(driver -> !driver.findElement(By.id("live-heard-at"))
                        .getText()
                        .toLowerCase(Locale.ROOT)
                        .contains("not yet"));
    }

    private void awaitInReadModel(String reservation) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() ->
                        db.sql("SELECT count(*) FROM booking_view WHERE tenant_id = 'alpha' AND reservation_id = $1")
                                        .bind(0, reservation)
                                        .map(r -> r.get(0, Long.class))
                                        .one()
                                        .block()
                                == 1);
    }

    private int count(String status) {
        return Integer.parseInt(
                browser.driver().findElement(By.id("count-" + status)).getText());
    }

    /** Publishes a snapshot; returns the nanoTime just before it was handed to the producer. */
    private long publish(BookingSnapshot snapshot) throws Exception {
        long sent = System.nanoTime();
        kafka.send(Topics.BOOKINGS.name(), snapshot.getReservationId(), snapshot)
                .get();
        return sent;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
