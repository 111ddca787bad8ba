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
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The session cookie's flags as {@code confirmline.console.secure-cookies} sets them. */
class SessionCookieTest {

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSiteLaxByDefault() {
        ResponseCookie cookie = cookie(true);
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.getPath()).isEqualTo("/");
    }

    @Test
    void aPlainHttpStackCanTurnSecureOff() {
        ResponseCookie cookie = cookie(false);
        assertThat(cookie.isSecure()).isFalse();
        assertThat(cookie.isHttpOnly()).isTrue();
    }

    private static ResponseCookie cookie(boolean secure) {
        ConsoleSecurityProperties properties = new ConsoleSecurityProperties(
                null,
                secure,
                false,
                null,
                new ConsoleSecurityProperties.Login(5, 20, Duration.ofMinutes(15)),
                Duration.ofDays(3));
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get("http://console.example/"));
        new SecurityConfiguration().webSessionIdResolver(properties).setSessionId(exchange, "session-id");
        return exchange.getResponse().getCookies().getFirst("CONSOLE_SESSION");
    }
}
