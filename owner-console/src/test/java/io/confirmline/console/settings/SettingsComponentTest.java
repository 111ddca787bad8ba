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
package io.confirmline.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import io.confirmline.console.tenant.TenantTopicLog;
import io.confirmline.events.TenantConfigured;
import io.confirmline.tenant.TenantDirectoryProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The settings pages as an owner and their staff use them: the owner's change reaches tenants.v1 (what every
 * service follows, so no restart) and the audit log; staff look but cannot change; a wrong value is shown next to
 * its field with the registry's words and nothing changes.
 */
class SettingsComponentTest extends ConsoleContext {

    static TenantTopicLog topic;

    @Autowired
    TenantDirectoryProperties directory;

    String tenant;
    String owner;
    String staff;
    String address;

    @BeforeEach
    void tenantWithOwnerAndStaff() {
        if (topic == null) {
            topic = new TenantTopicLog(directory.topic());
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tenant = "set-" + suffix;
        owner = "owner-" + suffix + "@example.com";
        staff = "staff-" + suffix + "@example.com";
        address = "10.55." + ThreadLocalRandom.current().nextInt(1, 250) + "."
                + ThreadLocalRandom.current().nextInt(1, 250);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", tenant);
        body.put("displayName", "Settings Venue " + suffix);
        body.put("subaccountId", "set_" + suffix);
        body.put("apiKey", "plain-8x8-key-" + suffix);
        body.put("callerId", "+34910000000");
        body.put("callbackUrl", "https://platform.example/hooks/" + tenant);
        body.put("timeZone", "Europe/Madrid");
        body.put("venuePhone", "+34910000001");
        admin().post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
        onboard(tenant, owner, "OWNER", "settings owner password", address);
        onboard(tenant, staff, "STAFF", "settings staff password", address);
    }

    @AfterAll
    static void closeTopic() throws InterruptedException {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void anOwnerChangesCallingHoursOpeningHoursAndATemplateAndEveryServiceHearsOfIt() {
        PageSession page = signedIn(owner, "settings owner password");
        PageSession.Response settings = page.get("/settings");
        assertThat(settings.status()).isEqualTo(HttpStatus.OK);
        assertThat(settings.body())
                .contains("id=\"settings-form\"", "value=\"09:00\"", "id=\"settings-save\"")
                .doesNotContain("plain-8x8-key");

        Map<String, String> form = general("10:30", "20:00", "45m");
        form.put("hours.FRIDAY.0.opens", "18:00");
        form.put("hours.FRIDAY.0.closes", "01:00");
        form.put("assistantEnabled", "true");
        form.put("assistantFaq", "We open at eight. Parking on Calle Mayor.");
        form.put("humanWindow", "90");
        form.put("venueAddress", "Calle Mayor 5, Madrid");
        form.put("availabilityUrl", "https://platform.example/availability");
        PageSession.Response saved = page.postForm("/settings", form);
        assertThat(saved.status()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(saved.location()).hasToString("/settings?saved");
        assertThat(page.get("/settings?saved").body())
                .contains(
                        "id=\"settings-saved\"",
                        "value=\"10:30\"",
                        "value=\"45m\"",
                        "Parking on Calle Mayor",
                        "value=\"90\"",
                        "value=\"Calle Mayor 5, Madrid\"",
                        "value=\"https://platform.example/availability\"",
                        // What the assistant may and may not do, said next to its switch.
                        "it asks the guest to reply with the digits",
                        "Without an assistant provider configured");

        TenantConfigured published = await(e -> e.getCalling().getCallingOpens().equals("10:30"));
        assertThat(published.getCalling().getCallingCloses()).isEqualTo("20:00");
        assertThat(published.getCalling().getLeadTimeMillis())
                .isEqualTo(Duration.ofMinutes(45).toMillis());
        assertThat(published.getOpeningHours()).singleElement().satisfies(period -> {
            assertThat(period.getDay()).isEqualTo("FRIDAY");
            assertThat(period.getOpens()).isEqualTo("18:00");
            assertThat(period.getCloses()).isEqualTo("01:00");
        });
        assertThat(published.getAssistantEnabled()).isTrue();
        assertThat(published.getAssistantFaq()).isEqualTo("We open at eight. Parking on Calle Mayor.");
        assertThat(published.getHumanWindowMillis())
                .isEqualTo(Duration.ofSeconds(90).toMillis());
        assertThat(published.getVenueAddress()).isEqualTo("Calle Mayor 5, Madrid");
        assertThat(published.getAvailabilityUrl()).isEqualTo("https://platform.example/availability");

        // A Spanish sentence of the call: the shipped one is shown, the owner's replaces it.
        PageSession.Response templates = page.get("/settings/templates/es");
        assertThat(templates.status()).isEqualTo(HttpStatus.OK);
        assertThat(templates.body())
                .contains(
                        "Gracias, su reserva está confirmada.",
                        "id=\"template-goodbye\"",
                        // The texts too, as the orchestrator sends them.
                        "Sentimos no haber podido atenderle en {venue}.",
                        "id=\"template-sms-missed-call\"");
        PageSession.Response template =
                page.postForm("/settings/templates/es", Map.of("template.goodbye", "Hasta pronto, {name}. Adiós."));
        assertThat(template.status()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(template.location()).hasToString("/settings/templates/es?saved");
        TenantConfigured withTemplate = await(e -> e.getPrompts().containsKey("es"));
        assertThat(withTemplate.getPrompts().get("es"))
                .containsExactly(Map.entry("goodbye", "Hasta pronto, {name}. Adiós."));
        assertThat(withTemplate.getCalling().getCallingOpens()).isEqualTo("10:30");
        assertThat(page.get("/settings/templates/es").body())
                .contains("Hasta pronto, {name}. Adiós.", "id=\"template-goodbye-reset\"");

        // Reset: the shipped sentence is said again.
        assertThat(page.postForm(
                                "/settings/templates/es",
                                Map.of("template.goodbye", "Hasta pronto, {name}. Adiós.", "reset", "goodbye"))
                        .status())
                .isEqualTo(HttpStatus.SEE_OTHER);
        await(e -> !e.getPrompts().containsKey("es"));

        // Each change is one audit line naming who and which settings, not the values.
        List<Map<String, Object>> audit = db.sql(
                        "SELECT actor, detail FROM audit_log WHERE tenant_id = $1 AND action = "
                                + "'tenant.updated' ORDER BY id")
                .bind(0, tenant)
                .fetch()
                .all()
                .collectList()
                .block();
        assertThat(audit)
                .hasSize(3)
                .allSatisfy(line -> assertThat(line.get("actor")).isEqualTo(owner));
        assertThat((String) audit.get(0).get("detail"))
                .contains(
                        "callingOpens",
                        "callingCloses",
                        "leadTime",
                        "openingHours",
                        "assistantEnabled",
                        "assistantFaq",
                        "humanWindow",
                        "venueAddress",
                        "availabilityUrl")
                .doesNotContain("10:30", "Calle Mayor", "platform.example/availability");
        assertThat((String) audit.get(1).get("detail")).contains("prompts").doesNotContain("Hasta pronto");
    }

    @Test
    void staffSeeTheSettingsReadOnlyAndTheirChangesAreRefused() {
        PageSession page = signedIn(staff, "settings staff password");
        PageSession.Response settings = page.get("/settings");
        assertThat(settings.status()).isEqualTo(HttpStatus.OK);
        assertThat(settings.body())
                .contains("id=\"settings-read-only\"", "value=\"09:00\"", "readonly")
                .doesNotContain("id=\"settings-save\"");
        assertThat(page.get("/settings/templates/en").body())
                .contains("id=\"settings-read-only\"")
                .doesNotContain("id=\"templates-save\"");
        long before = topic.of(tenant).size();

        PageSession.Response refused = page.postForm("/settings", general("06:00", "23:00", "2h"));
        assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.body()).contains("id=\"forbidden\"");
        assertThat(page.postForm("/settings/templates/en", Map.of("template.goodbye", "Bye"))
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(page.get("/settings").body()).contains("value=\"09:00\"").doesNotContain("value=\"06:00\"");
        assertThat(revisionAudits()).isZero();
        assertThat(topic.of(tenant)).hasSize((int) before);
    }

    @Test
    void aWrongValueIsShownNextToItsFieldAndNothingChanges() {
        PageSession page = signedIn(owner, "settings owner password");
        page.get("/settings");
        Map<String, String> form = general("22:00", "08:00", "soon");
        form.put("hours.TUESDAY.0.opens", "12:00");
        form.put("venuePhone", "+34910000000");
        form.put("humanWindow", "5");
        form.put("availabilityUrl", "ftp://platform.example/availability");
        PageSession.Response refused = page.postForm("/settings", form);

        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.body())
                .contains("id=\"settings-problem\"")
                // The registry's own words, each tied to its input for a screen reader.
                .containsPattern("id=\"leadTime\"[^>]*aria-describedby=\"leadTime-error leadTime-hint\"")
                .containsPattern("id=\"leadTime-error\">is not a duration \\(e.g. 30m, 2h or PT30M\\)<")
                .containsPattern(
                        "id=\"callingCloses\"[^>]*aria-describedby=\"callingCloses-error\"[^>]*aria-invalid=\"true\"")
                .contains("must be later than callingOpens")
                .containsPattern("id=\"hours-TUESDAY-0-closes-error\">is required<")
                .containsPattern("id=\"venuePhone-error\">is one of the tenant&#39;s own 8x8 numbers")
                .containsPattern("id=\"humanWindow\"[^>]*aria-describedby=\"humanWindow-error humanWindow-hint\"")
                .containsPattern("id=\"humanWindow-error\">must be between 15 seconds and 30 minutes<")
                .containsPattern("id=\"availabilityUrl-error\">must be an http or https URL<")
                // What the owner typed stays in the form.
                .contains("value=\"soon\"", "value=\"22:00\"", "value=\"5\"");

        PageSession.Response template = page.postForm(
                "/settings/templates/en", Map.of("template.confirmed", "See you {when} at table {table}"));
        assertThat(template.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(template.body())
                .containsPattern("id=\"template-confirmed-error\">uses unknown placeholder \\{table}")
                .contains("See you {when} at table {table}");

        assertThat(revisionAudits()).isZero();
        assertThat(page.get("/settings").body())
                .contains(
                        "value=\"09:00\"",
                        "value=\"30m\"",
                        // A tenant that never set its window has a minute.
                        "id=\"humanWindow\" name=\"humanWindow\" value=\"60\"");
    }

    /** The general form as a browser sends it, with these values and the rest as created. */
    private static Map<String, String> general(String opens, String closes, String leadTime) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("callingOpens", opens);
        form.put("callingCloses", closes);
        form.put("leadTime", leadTime);
        form.put("minimumNotice", "10m");
        form.put("venuePhone", "+34910000001");
        form.put("assistantFaq", "");
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            form.put("hours." + day + ".0.opens", "");
            form.put("hours." + day + ".0.closes", "");
        }
        return form;
    }

    private PageSession signedIn(String email, String password) {
        PageSession page = new PageSession(client, address);
        assertThat(page.login(email, password).location()).hasToString("/");
        return page;
    }

    private long revisionAudits() {
        return db.sql("SELECT count(*) AS n FROM audit_log WHERE tenant_id = $1 AND action = 'tenant.updated'")
                .bind(0, tenant)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    private TenantConfigured await(Predicate<TenantConfigured> condition) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> topic.of(tenant).isEmpty() ? null : topic.latest(tenant),
                        e -> e != null && condition.test(e));
    }
}
