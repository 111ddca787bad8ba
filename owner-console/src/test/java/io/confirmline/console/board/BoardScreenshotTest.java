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

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.ConsoleContext;
import io.confirmline.console.analytics.ReadModelRows;
import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.Topics;
import io.confirmline.testing.browser.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The README's picture of the board: a venue of its own with an evening's bookings in several states, as an owner
 * sees it. Saved as {@code target/screenshots/board.png}; with {@code -Dconfirmline.test.screenshots=<dir>} also
 * there ({@code -Dconfirmline.test.screenshots=$PWD/docs} from the repository root refreshes docs/board.png).
 */
class BoardScreenshotTest extends ConsoleContext {

    @RegisterExtension
    static final Browser browser = new Browser(1100, 1000);

    private static final String PASSWORD = "screenshot owner password";

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    private record Guest(String name, int party, int minutesAhead, String status, String channel, int attempt) {}

    @Test
    void anEveningOnTheBoard() throws Exception {
        String tenant = "shot-" + UUID.randomUUID().toString().substring(0, 8);
        ReadModelRows.createTenant(admin(), tenant, "Casa Lucía", "Europe/Madrid");
        String email = "owner@" + tenant + ".example.com";
        onboard(tenant, email, "OWNER", PASSWORD, "10.73.1.1");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Guest> guests = List.of(
                new Guest("Lucía Fernández", 2, -45, "CONFIRMED", "VOICE", 1),
                new Guest("Tom Baker", 4, 30, "CONFIRMED", "SMS", 2),
                new Guest("María José Ruiz", 6, 60, "DIALING", "VOICE", 1),
                new Guest("Akira Tanaka", 2, 90, "TEXTED", "SMS", 2),
                new Guest("Sophie Martin", 3, 120, "CANCELLED_BY_GUEST", "INBOUND_CALL", 1),
                new Guest("Jordi Puig", 8, 150, "NO_RESPONSE", "VOICE", 3),
                new Guest("Ana Gómez", 5, 240, "SCHEDULED", "VOICE", 1));
        for (int i = 0; i < guests.size(); i++) {
            Guest guest = guests.get(i);
            String reservation = tenant + "-" + (4821 + i);
            kafka.send(
                            Topics.BOOKINGS.name(),
                            reservation,
                            BookingSnapshot.newBuilder()
                                    .setEventId(UUID.randomUUID().toString())
                                    .setOccurredAt(Instant.now().minusSeconds(60L * (7 - i)))
                                    .setTenantId(tenant)
                                    .setReservationId(reservation)
                                    .setVersion(1)
                                    .setKind("RESERVATION")
                                    .setCancelled(false)
                                    .setStartsAt(now.plus(Duration.ofMinutes(guest.minutesAhead())))
                                    .setTimeZone("Europe/Madrid")
                                    .setGuestName(guest.name())
                                    .setGuestPhone("+34600000000")
                                    .setGuestLocale("es-ES")
                                    .setVenueName("Casa Lucía")
                                    .setPartySize(guest.party())
                                    .setStatus(guest.status())
                                    .setChannel(guest.channel())
                                    .setAttempt(guest.attempt())
                                    .build())
                    .get();
        }
        String last = tenant + "-" + (4821 + guests.size() - 1);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> db.sql("SELECT count(*) FROM booking_view WHERE tenant_id = $1")
                                .bind(0, tenant)
                                .map(r -> r.get(0, Long.class))
                                .one()
                                .block()
                        == guests.size());

        WebDriver driver = browser.driver();
        driver.get("http://localhost:" + port + "/login");
        driver.findElement(By.id("username")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        browser.waiting(Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("booking-" + last)));
        browser.waiting(Duration.ofSeconds(5))
                .until(d -> !d.findElement(By.id("live-heard-at")).getText().contains("not yet"));
        assertThat(driver.findElements(By.cssSelector("#board tbody tr"))).hasSize(guests.size());
        assertThat(driver.findElement(By.id("count-CONFIRMED")).getText()).isEqualTo("2");

        Path picture = browser.screenshot(Path.of("target", "screenshots", "board.png"));
        String copyTo = System.getProperty("confirmline.test.screenshots");
        if (copyTo != null && !copyTo.isBlank()) {
            Files.createDirectories(Path.of(copyTo));
            Files.copy(picture, Path.of(copyTo, "board.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
