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

import io.confirmline.console.user.UserAccount;
import io.confirmline.console.user.UserAccounts;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Keeps a signed-in user's context in their web session, and re-reads the user on every request: a user removed or
 * disabled is signed out at their next request, and a changed role applies at once, with no wait for the session to
 * expire. Saving (at sign-in) gives the session a new id: Spring's {@link WebSessionServerSecurityContextRepository}
 * calls {@code WebSession.changeSessionId()}, which is the session fixation protection.
 */
@Component
public class ConsoleSecurityContextRepository implements ServerSecurityContextRepository {

    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final UserAccounts users;

    public ConsoleSecurityContextRepository(UserAccounts users) {
        this.users = users;
    }

    /** The authentication a signed-in user carries: their {@link ConsolePrincipal} and role. */
    public static UsernamePasswordAuthenticationToken authenticated(UserAccount user) {
        ConsolePrincipal principal = principal(user);
        return UsernamePasswordAuthenticationToken.authenticated(
                principal,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + principal.role().name())));
    }

    private static ConsolePrincipal principal(UserAccount user) {
        return new ConsolePrincipal(user.email(), user.role(), Optional.of(user.tenantId()));
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return sessions.save(exchange, context);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return sessions.load(exchange).flatMap(context -> {
            if (context.getAuthentication() == null
                    || !(context.getAuthentication().getPrincipal() instanceof ConsolePrincipal signedIn)
                    || signedIn.isPlatformAdmin()) {
                return Mono.just(context);
            }
            return users.findByEmail(signedIn.name())
                    .filter(UserAccount::canSignIn)
                    .filter(user -> signedIn.tenantId().equals(Optional.of(user.tenantId())))
                    .<SecurityContext>map(user -> new SecurityContextImpl(authenticated(user)))
                    // Gone or disabled: the session no longer signs anybody in.
                    .switchIfEmpty(sessions.save(exchange, null).then(Mono.empty()));
        });
    }
}
