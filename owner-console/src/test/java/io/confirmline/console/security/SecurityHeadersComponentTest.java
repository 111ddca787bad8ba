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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Every answer carries the security headers: the Content-Security-Policy that lets a page run only the console's
 * own script and style, no sniffing, no framing, a short referrer, no camera/microphone/location — on pages,
 * refusals, static files and the API alike.
 */
class SecurityHeadersComponentTest extends ConsoleContext {

    @Test
    void everyKindOfAnswerCarriesTheHeaders() {
        String email = "headers-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String address = "10.77.0." + (1 + Math.abs(email.hashCode() % 250));
        onboard("alpha", email, "OWNER", "headers owner password", address);
        PageSession page = new PageSession(client, address);
        page.login(email, "headers owner password");

        List<PageSession.Response> answers = List.of(
                page.get("/login"),
                page.get("/settings"),
                page.get("/settings/templates/en"),
                page.get("/settings/templates/es"),
                page.get("/tenants/bravo"),
                page.get("/invitations/not-a-real-invitation"),
                page.get("/css/console.css"),
                page.json(HttpMethod.GET, "/api/admin/tenants", null, false),
                new PageSession(client, address).get("/settings"));
        assertThat(answers)
                .extracting(answer -> answer.status().value())
                .containsExactly(200, 200, 200, 200, 403, 404, 200, 200, 302);
        for (PageSession.Response answer : answers) {
            HttpHeaders headers = answer.headers();
            assertThat(headers.getFirst("Content-Security-Policy"))
                    .isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY)
                    .doesNotContain("unsafe-inline");
            assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
            assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
            assertThat(headers.getFirst("Permissions-Policy")).isEqualTo("camera=(), microphone=(), geolocation=()");
            // Plain http in this context (secure cookies off): no HSTS, which would lock a local console out.
            assertThat(headers.containsHeader("Strict-Transport-Security")).isFalse();
        }
        assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY)
                .isEqualTo("default-src 'self'; script-src 'self'; "
                        + "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                        + "base-uri 'self'; form-action 'self'; object-src 'none'");
    }

    @Test
    void onlySwaggerUiGetsItsLooserPolicy() {
        PageSession.Response swagger = new PageSession(client, "10.77.1.1").get("/swagger-ui.html");
        assertThat(swagger.status()).isNotEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(swagger.headers().getFirst("Content-Security-Policy"))
                .contains("'unsafe-inline'", "frame-ancestors 'none'");
        assertThat(swagger.headers().getFirst("X-Frame-Options")).isEqualTo("DENY");
    }
}
