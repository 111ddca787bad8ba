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

import io.confirmline.security.SecretDigest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The platform admin's {@code Authorization: Bearer <admin token>} on {@code /api/**}: the presented token is compared
 * with the configured one's digest in constant time ({@link SecretDigest}). A request without a bearer header is
 * not this filter's business (it may carry a session); a wrong or unconfigured token is a 401.
 */
final class AdminTokenAuthentication {

    static final String BEARER = "Bearer ";

    /** Requests that present a bearer token at all (they skip CSRF: a browser never adds this header by itself). */
    static final ServerWebExchangeMatcher BEARER_REQUESTS = exchange -> presentsBearer(exchange)
            ? ServerWebExchangeMatcher.MatchResult.match()
            : ServerWebExchangeMatcher.MatchResult.notMatch();

    private AdminTokenAuthentication() {}

    /** Whether the request presents a bearer token at all (such requests are exempt from CSRF: a browser never adds one). */
    static boolean presentsBearer(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    static ServerAuthenticationConverter converter() {
        return exchange -> {
            if (!presentsBearer(exchange)) {
                return Mono.empty();
            }
            String token = exchange.getRequest()
                    .getHeaders()
                    .getFirst(HttpHeaders.AUTHORIZATION)
                    .substring(BEARER.length())
                    .strip();
            return Mono.just(new PreAuthenticatedAuthenticationToken("bearer", token));
        };
    }

    static ReactiveAuthenticationManager manager(ConsoleSecurityProperties properties) {
        SecretDigest expected = properties.adminTokenConfigured()
                ? SecretDigest.of(properties.adminToken().strip())
                : null;
        return authentication -> {
            Object presented = authentication.getCredentials();
            if (expected == null || !(presented instanceof String token) || !expected.matches(token)) {
                return Mono.error(new BadCredentialsException("The admin token is wrong or not configured"));
            }
            return Mono.just(platformAdmin());
        };
    }

    private static Authentication platformAdmin() {
        ConsolePrincipal principal = ConsolePrincipal.platformAdmin();
        return new PreAuthenticatedAuthenticationToken(
                principal,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + principal.role().name())));
    }
}
