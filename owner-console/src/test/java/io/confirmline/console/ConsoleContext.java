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
package io.confirmline.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one Spring context of the console's component and browser tests (every test class extends this, so they
 * share one context and one start-up): the console on a real port over the real broker,
 * registry and PostgreSQL, with two tenants from YAML. {@code trust-forwarded} is on so that each test signs in
 * from an address of its own (X-Forwarded-For) and the per-address limit of one test does not reach the others;
 * a request without the header (the browser's) counts by its connection address.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "confirmline.console.admin-token=" + ConsoleContext.ADMIN_TOKEN,
            "confirmline.console.secure-cookies=false",
            "confirmline.console.trust-forwarded=true",
            // Live streams end every few seconds and beat every second, so the tests see the browser resume and idle
            // beats.
            "confirmline.console.live.max-stream=4s",
            "confirmline.console.live.heartbeat=1s",
            "confirmline.tenants[0].id=alpha",
            "confirmline.tenants[0].display-name=Alpha Bistro",
            "confirmline.tenants[0].subaccount-id=alpha_voice",
            "confirmline.tenants[0].caller-id=+34910000001",
            "confirmline.tenants[0].callback-url=https://platform.example/hooks/alpha",
            "confirmline.tenants[0].time-zone=Europe/Madrid",
            "confirmline.tenants[1].id=bravo",
            "confirmline.tenants[1].display-name=Bravo Grill",
            "confirmline.tenants[1].subaccount-id=bravo_voice",
            "confirmline.tenants[1].caller-id=+34910000002",
            "confirmline.tenants[1].callback-url=https://platform.example/hooks/bravo",
            "confirmline.tenants[1].time-zone=Asia/Singapore"
        })
@AutoConfigureWebTestClient
@AutoConfigureMetrics
public abstract class ConsoleContext {

    public static final String ADMIN_TOKEN = "people-admin-token-0123456789abcdef";
    /** The users {@link #signedInAs} has onboarded in this context. */
    private static final Set<String> ONBOARDED = new HashSet<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        // The orchestrator and the notifier as the console calls them: stand-ins that record what reached them.
        registry.add("confirmline.console.orchestrator-url", BackendStandIn.ORCHESTRATOR::url);
        registry.add("confirmline.console.notifier-url", BackendStandIn.NOTIFIER::url);
    }

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected DatabaseClient db;

    @LocalServerPort
    protected int port;

    protected WebTestClient admin() {
        return client.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Invites a user as the platform admin; answers the invitation link. */
    protected String invite(String tenantId, String email, String role) {
        Map<?, ?> body = admin().post()
                .uri("/api/admin/tenants/{id}/users", tenantId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "role", role))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("invitationUrl");
    }

    /**
     * A page session of {@code email}, signed in from {@code address}; the user is onboarded the first time any
     * test asks for them (the context, and so its users, outlive a test class).
     */
    protected PageSession signedInAs(String tenantId, String email, String role, String password, String address) {
        synchronized (ONBOARDED) {
            if (!ONBOARDED.contains(email)) {
                onboard(tenantId, email, role, password, address);
                ONBOARDED.add(email);
            }
        }
        PageSession page = new PageSession(client, address);
        PageSession.Response signedIn = page.login(email, password);
        // Signed in is sent to the board; a refused sign-in goes back to the login page.
        assertThat(signedIn.location()).hasToString("/");
        return page;
    }

    /** Invites a user and sets their password through the invitation page, from {@code address}. */
    protected void onboard(String tenantId, String email, String role, String password, String address) {
        String link = invite(tenantId, email, role);
        String path = link.substring(link.indexOf("/invitations/"));
        PageSession page = new PageSession(client, address);
        assertThat(page.get(path).status()).isEqualTo(HttpStatus.OK);
        PageSession.Response accepted = page.postForm(path, Map.of("password", password, "confirmation", password));
        assertThat(accepted.status()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(accepted.location()).hasToString("/login?activated");
    }
}
