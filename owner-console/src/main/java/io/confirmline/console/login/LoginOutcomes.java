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
package io.confirmline.console.login;

import io.confirmline.console.audit.AuditEntry;
import io.confirmline.console.audit.AuditLog;
import io.confirmline.console.security.ApiProblems;
import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.security.ConsolePrincipal;
import java.net.URI;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the sign-in form and sign-out do around the authentication itself: read the form (with the client's
 * address), where the browser goes next, and the audit line of a sign-out.
 */
@Component
public class LoginOutcomes {

    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    /** Longer than any email address: what is past it is not an address anyway, and must not cost a lookup. */
    private static final int MAX_USERNAME = 320;

    private final ClientAddress clientAddress;
    private final AuditLog audit;
    private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    public LoginOutcomes(ClientAddress clientAddress, AuditLog audit) {
        this.clientAddress = clientAddress;
        this.audit = audit;
    }

    /** The sign-in form's email and password, with the client's address as the details the limits count by. */
    public ServerAuthenticationConverter loginConverter() {
        return exchange -> exchange.getFormData().map(form -> {
            String username = form.getFirst(USERNAME);
            String password = form.getFirst(PASSWORD);
            username = username == null ? "" : username.strip();
            if (username.length() > MAX_USERNAME) {
                username = username.substring(0, MAX_USERNAME);
            }
            UsernamePasswordAuthenticationToken attempt =
                    UsernamePasswordAuthenticationToken.unauthenticated(username, password == null ? "" : password);
            attempt.setDetails(clientAddress.of(exchange));
            return attempt;
        });
    }

    public ServerAuthenticationSuccessHandler loginSucceeded() {
        return (filterExchange, authentication) -> redirect.sendRedirect(filterExchange.getExchange(), URI.create("/"));
    }

    /** Back to the form, saying whether the password was wrong or the attempt was not even checked. */
    public ServerAuthenticationFailureHandler loginFailed() {
        return (filterExchange, failure) -> redirect.sendRedirect(
                filterExchange.getExchange(),
                URI.create(
                        failure instanceof LoginRefusedException refused
                                ? "/login?refused="
                                        + Math.max(1, (refused.retryAfter().toSeconds() + 59) / 60)
                                : "/login?error"));
    }

    /**
     * A page form posted without a valid CSRF token. On the sign-in form that is nearly always a session that expired
     * while the form was open: send the browser back to a fresh form. Elsewhere it is a 403.
     */
    public ServerAccessDeniedHandler pageCsrfRefused() {
        return (exchange, denied) -> "/login"
                        .equals(exchange.getRequest()
                                .getPath()
                                .pathWithinApplication()
                                .value())
                ? redirect.sendRedirect(exchange, URI.create("/login?expired"))
                : Mono.error(ApiProblems.forbidden(
                        "The form was out of date or not sent from the console; reload the page and try again"));
    }

    public ServerLogoutHandler logoutAudit() {
        return (filterExchange, authentication) -> {
            if (authentication == null || !(authentication.getPrincipal() instanceof ConsolePrincipal principal)) {
                return Mono.empty();
            }
            return audit.record(new AuditEntry(
                    principal.name(),
                    "logout",
                    principal.tenantId().orElse(null),
                    "signed out",
                    clientAddress.of(filterExchange.getExchange())));
        };
    }
}
