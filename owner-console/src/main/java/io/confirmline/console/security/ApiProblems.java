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

import io.confirmline.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import reactor.core.publisher.Mono;

/**
 * How the API refuses: a 401 or 403 problem+json, raised as a {@link ProblemException} so that the one
 * {@code ProblemWebExceptionHandler} writes it, never a redirect to the login page.
 */
public final class ApiProblems {

    public static final String REALM = "owner-console";

    private ApiProblems() {}

    public static ProblemException unauthenticated() {
        return ProblemException.unauthorized(
                "console-unauthorized",
                "Sign in, or present the admin token as Authorization: Bearer <token>",
                "Bearer",
                REALM);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "console-forbidden", "Forbidden", detail);
    }

    static ServerAuthenticationEntryPoint entryPoint() {
        return (exchange, cause) -> Mono.error(unauthenticated());
    }

    static ServerAccessDeniedHandler accessDenied() {
        return (exchange, denied) -> Mono.error(forbidden("You may not do this"));
    }

    static ServerAccessDeniedHandler csrfRefused() {
        return (exchange, denied) -> Mono.error(
                new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "console-csrf",
                        "Forbidden",
                        "A signed-in request that changes something needs its CSRF token (the X-CSRF-TOKEN header or the _csrf form field)"));
    }
}
