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

import io.confirmline.console.login.LoginAuthenticationManager;
import io.confirmline.console.login.LoginOutcomes;
import java.net.URI;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Two filter chains over one session store.
 * <ul>
 * <li>{@code /api/**}: the platform admin's bearer token or a signed-in user's session; refusals are problem+json
 * (401, 403), never a redirect. Bearer requests skip CSRF (a browser cannot add that header on its own); session
 * requests do not.</li>
 * <li>everything else (the pages): a session, else a redirect to {@code /login}; the sign-in form, the invitation
 * pages, static assets, health and metrics are public.</li>
 * </ul>
 * Signing in saves the context through {@link ConsoleSecurityContextRepository}, whose session store gives the session
 * a new id (session fixation protection); signing out ends the session.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    /** Pages anyone may open. */
    private static final String[] PUBLIC_PAGES = {
        "/login",
        "/invitations/**",
        "/css/**",
        "/js/**",
        "/images/**",
        "/favicon.ico",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/prometheus",
        "/actuator/info",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/error"
    };

    /**
     * What a page may load: only the console's own scripts, styles and connections (no inline script or style
     * attribute; PageSourceTest keeps the templates so), no framing, forms posting only here.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'; object-src 'none'";
    /** Swagger UI's pages only: its bundle sets inline styles and its initializer may be inline. */
    static final String SWAGGER_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'; object-src 'none'";

    private static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()";

    @Bean
    @Order(1)
    SecurityWebFilterChain apiFilterChain(
            ServerHttpSecurity http, ConsoleSecurityProperties properties, ConsoleSecurityContextRepository contexts) {
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(AdminTokenAuthentication.manager(properties));
        bearer.setServerAuthenticationConverter(AdminTokenAuthentication.converter());
        bearer.setAuthenticationFailureHandler(
                new ServerAuthenticationEntryPointFailureHandler(ApiProblems.entryPoint()));
        // The bearer context lives for this request only (AuthenticationWebFilter's default repository keeps nothing).
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
                .securityContextRepository(contexts)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .headers(headers -> securityHeaders(headers, CONTENT_SECURITY_POLICY, properties))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                                CsrfWebFilter.DEFAULT_CSRF_MATCHER,
                                new NegatedServerWebExchangeMatcher(AdminTokenAuthentication.BEARER_REQUESTS)))
                        .accessDeniedHandler(ApiProblems.csrfRefused()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(ApiProblems.entryPoint())
                        .accessDeniedHandler(ApiProblems.accessDenied()))
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .build();
    }

    /** Swagger UI (public, like the API description it shows) under a policy that lets it run, on its paths only. */
    @Bean
    @Order(2)
    SecurityWebFilterChain swaggerFilterChain(ServerHttpSecurity http, ConsoleSecurityProperties properties) {
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(
                        "/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**"))
                .headers(headers -> securityHeaders(headers, SWAGGER_CONTENT_SECURITY_POLICY, properties))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }

    @Bean
    @Order(3)
    SecurityWebFilterChain pageFilterChain(
            ServerHttpSecurity http,
            ConsoleSecurityContextRepository contexts,
            LoginAuthenticationManager logins,
            LoginOutcomes outcomes,
            ConsoleSecurityProperties properties) {
        AuthenticationWebFilter login = new AuthenticationWebFilter(logins);
        login.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/login"));
        login.setServerAuthenticationConverter(outcomes.loginConverter());
        login.setSecurityContextRepository(contexts);
        login.setAuthenticationSuccessHandler(outcomes.loginSucceeded());
        login.setAuthenticationFailureHandler(outcomes.loginFailed());

        RedirectServerLogoutSuccessHandler afterLogout = new RedirectServerLogoutSuccessHandler();
        afterLogout.setLogoutSuccessUrl(URI.create("/login?logout"));
        return http.securityContextRepository(contexts)
                .headers(headers -> securityHeaders(headers, CONTENT_SECURITY_POLICY, properties))
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(csrf -> csrf.accessDeniedHandler(outcomes.pageCsrfRefused()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .addFilterAt(login, SecurityWebFiltersOrder.FORM_LOGIN)
                .logout(logout -> logout.requiresLogout(
                                ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/logout"))
                        .logoutHandler(new DelegatingServerLogoutHandler(
                                outcomes.logoutAudit(),
                                new SecurityContextServerLogoutHandler(),
                                new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(afterLogout))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(new RedirectServerAuthenticationEntryPoint("/login")))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(PUBLIC_PAGES)
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .build();
    }

    /**
     * The headers of every answer: the policy, no MIME sniffing, no framing, the origin only as referrer to other
     * sites, no camera/microphone/location, and HSTS when the console is served over https (secure cookies on; Spring
     * writes it on https requests only).
     */
    static void securityHeaders(
            ServerHttpSecurity.HeaderSpec headers, String policy, ConsoleSecurityProperties properties) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .contentTypeOptions(Customizer.withDefaults())
                .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicy(permissions -> permissions.policy(PERMISSIONS_POLICY));
        if (properties.secureCookies()) {
            headers.hsts(hsts -> hsts.maxAge(Duration.ofDays(365)).includeSubdomains(true));
        } else {
            headers.hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable);
        }
    }

    /** bcrypt today; the {id} prefix of each stored hash lets a later default coexist with older hashes. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The session cookie: HttpOnly, SameSite=Lax (a link from elsewhere still opens the console signed in; a
     * cross-site POST does not carry the cookie), Secure unless {@code confirmline.console.secure-cookies=false}.
     */
    @Bean
    WebSessionIdResolver webSessionIdResolver(ConsoleSecurityProperties properties) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName("CONSOLE_SESSION");
        resolver.addCookieInitializer(cookie -> cookie.httpOnly(true)
                .sameSite("Lax")
                .secure(properties.secureCookies())
                .path("/"));
        return resolver;
    }
}
