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
package io.confirmline.console.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.confirmline.console.BackendStandIn;
import io.confirmline.console.ConsoleContext;
import io.confirmline.console.accessibility.PageChecks;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.DeliveryState;
import io.confirmline.events.MessageAuthor;
import io.confirmline.events.Topics;
import io.confirmline.testing.browser.Browser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The inbox in headless Chromium: a guest's new text appears in the open list and in the open thread without a
 * reload (inbox.js following /live), the assistant's text shows its badge and the guest's change request its line,
 * a quick reply's "Write" button fills the reply box and "Send" reaches the orchestrator, and both pages read well
 * (WCAG AA contrast, named controls) and fit a 360px phone.
 */
class InboxBrowserTest extends ConsoleContext {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Test
    void theInboxFollowsNewTextsLiveAndAnOwnerAnswersWithAQuickReply() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "inbox-browser-" + run + "@alpha.example";
        String password = "inbox browser password";
        onboard(
                "alpha",
                email,
                "OWNER",
                password,
                "10.16.6." + ThreadLocalRandom.current().nextInt(1, 250));
        String ana = phone();
        publish(InboxComponentTest.received(
                "alpha",
                ana,
                "Do you have a high chair? " + run,
                true,
                Instant.now().minusSeconds(30)));
        String label = "Chair " + run;
        db.sql("INSERT INTO quick_reply (tenant_id, label, body, position) VALUES ('alpha', $1, $2, 99)")
                .bind(0, label)
                .bind(1, "Yes, we will have one ready for you.")
                .then()
                .block();
        awaitMessages(ana, 1);

        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        browser.waiting(WAIT).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        driver.get(url("/conversations"));
        assertThat(driver.findElement(By.id("threads")).getText()).contains(ana, "Needs attention");
        js("window.stillTheSamePage = true;");
        String bea = phone();
        publish(InboxComponentTest.received("alpha", bea, "Table for two tonight? " + run, false, Instant.now()));
        browser.waiting(WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("threads")).getText().contains(bea));
        assertThat(js("return window.stillTheSamePage === true;")).isEqualTo(true);
        List<String> failures = new ArrayList<>();
        PageChecks.contrastAndLabels(browser.driver(), "/conversations", failures);

        // The assistant read a change from Ana's text and answered: its badge and the request's line are on screen.
        Instant asked = Instant.now().minusSeconds(10);
        publish(InboxComponentTest.ask("alpha", ana, ConversationEventType.CHANGE_REQUESTED, "20:30", 4, asked));
        publish(InboxComponentTest.sent(
                "alpha",
                ana,
                MessageAuthor.ASSISTANT,
                "I asked the restaurant for 20:30 " + run,
                DeliveryState.DELIVERED,
                asked.plusSeconds(1)));
        awaitMessages(ana, 2);
        await().atMost(WAIT)
                .until(() ->
                        db.sql("SELECT count(*) AS n FROM guest_fact WHERE tenant_id = 'alpha' AND " + "phone = $1")
                                        .bind(0, ana)
                                        .map(row -> row.get("n", Long.class))
                                        .one()
                                        .block()
                                == 1);
        driver.get(url("/conversations/" + ana));
        WebElement badge = driver.findElement(By.cssSelector("#messages li.author-assistant .badge.assistant"));
        assertThat(badge.isDisplayed()).isTrue();
        assertThat(badge.getText()).startsWith("Assistant");
        WebElement ask = driver.findElement(By.cssSelector("#messages li.ask .ask-line"));
        assertThat(ask.isDisplayed()).isTrue();
        assertThat(ask.getText()).isEqualTo("Asked to change to 8:30 PM, 4 people — sent to your booking platform");
        js("window.stillTheSamePage = true;");
        publish(InboxComponentTest.received("alpha", ana, "And a spot for the pram " + run, false, Instant.now()));
        browser.waiting(WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("messages")).getText().contains("And a spot for the pram"));
        assertThat(js("return window.stillTheSamePage === true;")).isEqualTo(true);
        PageChecks.contrastAndLabels(browser.driver(), "/conversations/" + ana, failures);

        long id = db.sql("SELECT id FROM quick_reply WHERE tenant_id = 'alpha' AND label = $1")
                .bind(0, label)
                .map(row -> row.get("id", Long.class))
                .one()
                .block();
        driver.findElement(By.id("fill-quick-reply-" + id)).click();
        assertThat(driver.findElement(By.id("reply-body")).getDomProperty("value"))
                .isEqualTo("Yes, we will have one ready for you.");
        driver.findElement(By.id("reply-body")).sendKeys(" See you at 8!");
        driver.findElement(By.id("send-reply")).click();
        browser.waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertThat(driver.findElement(By.id("flash")).getText()).isEqualTo("Your text is on its way to the guest.");
        assertThat(BackendStandIn.ORCHESTRATOR.requestsTo("POST", "/api/conversations/" + ana + "/messages"))
                .singleElement()
                .extracting(BackendStandIn.Request::body)
                .isEqualTo("{\"body\":\"Yes, we will have one ready for you. See you at 8!\"}");

        driver.manage().window().setSize(new Dimension(360, 740));
        for (String path :
                List.of("/conversations", "/conversations/" + ana, "/settings/quick-replies", "/settings/alerts")) {
            driver.get(url(path));
            PageChecks.layout(browser.driver(), path, failures);
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
        assertThat(failures).as("contrast, names and a phone's width").isEmpty();
    }

    private static String phone() {
        return "+3462" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private void publish(ConversationEvent event) throws Exception {
        kafka.send(Topics.CONVERSATIONS.name(), Topics.conversationKey(event.getTenantId(), event.getPhone()), event)
                .get();
    }

    private void awaitMessages(String phone, int count) {
        await().atMost(WAIT)
                .until(() -> db.sql("SELECT count(*) AS n FROM conversation_message WHERE tenant_id = "
                                        + "'alpha' AND phone = $1")
                                .bind(0, phone)
                                .map(row -> row.get("n", Long.class))
                                .one()
                                .block()
                        >= count);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
