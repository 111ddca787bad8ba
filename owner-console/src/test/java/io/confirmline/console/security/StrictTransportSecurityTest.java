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

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * HSTS tells browsers to use https only, so it is sent only when the console is served over https (secure cookies
 * on): a local console on plain http must never be locked out of its own browser.
 */
class StrictTransportSecurityTest {

    @Test
    void httpsWithSecureCookiesAsksForHttpsForAYear() {
        String hsts = headers(true).getFirst("Strict-Transport-Security");
        assertThat(hsts).startsWith("max-age=31536000").contains("includeSubDomains");
    }

    @Test
    void withoutSecureCookiesThereIsNoHstsEvenOverHttps() {
        HttpHeaders headers = headers(false);
        assertThat(headers.containsHeader("Strict-Transport-Security")).isFalse();
        assertThat(headers.getFirst("Content-Security-Policy"))
                .isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY);
    }

    private static HttpHeaders headers(boolean secureCookies) {
        ConsoleSecurityProperties properties = new ConsoleSecurityProperties(
                null,
                secureCookies,
                false,
                null,
                new ConsoleSecurityProperties.Login(5, 20, Duration.ofMinutes(15)),
                Duration.ofDays(3));
        WebFilterChainProxy chain = new WebFilterChainProxy(ServerHttpSecurity.http()
                .headers(headers -> SecurityConfiguration.securityHeaders(
                        headers, SecurityConfiguration.CONTENT_SECURITY_POLICY, properties))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build());
        return WebTestClient.bindToWebHandler(exchange -> exchange.getResponse().setComplete())
                .webFilter(chain)
                .configureClient()
                .baseUrl("https://console.example")
                .build()
                .get()
                .uri("/settings")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(Void.class)
                .getResponseHeaders();
    }
}
