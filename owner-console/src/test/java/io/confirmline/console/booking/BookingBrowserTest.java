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
package io.confirmline.console.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confirmline.console.BackendStandIn;
import io.confirmline.console.BackendStandIn.Answer;
import io.confirmline.console.ConsoleContext;
import io.confirmline.console.accessibility.PageChecks;
import io.confirmline.events.CallStatus;
import io.confirmline.events.Topics;
import io.confirmline.testing.browser.Browser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A booking's page in a real browser: an OWNER calls the guest again with one click and reads the confirmation;
 * the page meets the console's accessibility checks (contrast, names, a 360px phone); STAFF see no controls; another
 * venue's booking is not reachable by its URL.
 */
class BookingBrowserTest extends ConsoleContext {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "booking browser password";

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Test
    void anOwnerCallsTheGuestAgainStaffOnlyLooksAndAnotherVenuesBookingIsNotThere() throws Exception {
        String owner = "booking-browser-owner-" + RUN + "@alpha.example";
        String staff = "booking-browser-staff-" + RUN + "@alpha.example";
        onboard("alpha", owner, "OWNER", PASSWORD, "10.23.8.1");
        onboard("alpha", staff, "STAFF", PASSWORD, "10.23.8.2");
        String id = "r-browser-" + RUN;
        String bravos = "r-browser-bravo-" + RUN;
        String callId = UUID.randomUUID().toString();
        Instant startsAt = Instant.now().plus(4, ChronoUnit.HOURS);
        kafka.send(
                        Topics.BOOKINGS.name(),
                        id,
                        BookingPageComponentTest.snapshot(
                                "alpha", id, BookingPageComponentTest.phone(), callId, "UNREACHABLE", startsAt))
                .get();
        kafka.send(
                        Topics.CALL_STATUS.name(),
                        id,
                        BookingPageComponentTest.status(id, callId, 1, CallStatus.DIALING, CallStatus.UNREACHABLE)
                                .setProviderStatus("NO_ANSWER")
                                .setConnectedAt(null)
                                .setDigits(null)
                                .build())
                .get();
        kafka.send(
                        Topics.BOOKINGS.name(),
                        bravos,
                        BookingPageComponentTest.snapshot(
                                "bravo",
                                bravos,
                                BookingPageComponentTest.phone(),
                                UUID.randomUUID().toString(),
                                "SCHEDULED",
                                startsAt))
                .get();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("booking_view", id) == 1
                        && count("booking_view", bravos) == 1
                        && count("call_status_view", id) == 1);
        BackendStandIn.ORCHESTRATOR.answer(
                "POST",
                "/api/calls/" + callId + "/redial",
                Answer.json(202, BookingPageComponentTest.call(callId, id, "SCHEDULED", 2)));

        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1280, 900));
        signIn(owner);
        driver.get(url("/bookings/" + id));
        List<String> failures = new ArrayList<>();
        PageChecks.contrastAndLabels(browser.driver(), "/bookings/{id}", failures);
        driver.findElement(By.id("redial")).click();
        browser.waiting(Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "called again"));
        assertThat(driver.findElement(By.id("flash")).getAttribute("role")).isEqualTo("status");
        assertThat(BackendStandIn.ORCHESTRATOR.requestsTo("POST", "/api/calls/" + callId + "/redial"))
                .hasSize(1);
        PageChecks.contrastAndLabels(browser.driver(), "/bookings/{id} after an action", failures);

        driver.manage().window().setSize(new Dimension(360, 740));
        driver.get(url("/bookings/" + id));
        PageChecks.layout(browser.driver(), "/bookings/{id} at 360x740", failures);
        driver.manage().window().setSize(new Dimension(1280, 900));
        assertThat(failures)
                .as("WCAG 2.2 AA contrast, names and the phone layout")
                .isEmpty();

        driver.get(url("/bookings/" + bravos));
        assertThat(driver.findElements(By.id("not-found"))).hasSize(1);
        assertThat(driver.getPageSource()).doesNotContain(bravos);

        driver.findElement(By.id("sign-out")).click();
        signIn(staff);
        driver.get(url("/bookings/" + id));
        assertThat(driver.findElements(By.id("attempts"))).hasSize(1);
        assertThat(driver.findElements(By.id("redial"))).isEmpty();
        assertThat(driver.findElements(By.id("send-reply"))).isEmpty();
        assertThat(driver.findElements(By.id("read-only"))).hasSize(1);
        driver.findElement(By.id("sign-out")).click();
    }

    private void signIn(String email) {
        WebDriver driver = browser.driver();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        browser.waiting(Duration.ofSeconds(15)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private long count(String table, String reservationId) {
        String column = table.equals("call_status_view") ? "subject_id" : "reservation_id";
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE " + column + " = $1")
                .bind(0, reservationId)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
