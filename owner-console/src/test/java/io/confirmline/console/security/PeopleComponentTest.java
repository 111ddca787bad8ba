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
import io.confirmline.security.SecretDigest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * People, sign-in and the audit log over real HTTP: the admin token, invitations, the sign-in form with its limits,
 * sessions (a new id at sign-in, ended by sign-out), CSRF, and one tenant's people kept out of another tenant.
 */
class PeopleComponentTest extends ConsoleContext {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    /** A client address of its own for each test (192.0.2.0/24 is for documentation: no one real). */
    private static String newAddress() {
        return "192.0.2." + ADDRESSES.incrementAndGet();
    }

    private static String newEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void theApiRefusesAWrongOrMissingAdminTokenWithA401Problem() {
        for (String authorization :
                new String[] {"Bearer wrong-token-0123456789abcdefghij", "Bearer ", "Basic YWRtaW46YWRtaW4="}) {
            client.get()
                    .uri("/api/admin/tenants/alpha/users")
                    .header("Authorization", authorization)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .valueMatches("WWW-Authenticate", "Bearer realm=.*");
        }
        // Without any credentials: a 401 problem as well, not a redirect to the sign-in page.
        client.get()
                .uri("/api/admin/tenants/alpha/audit")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401);
        // A wrong token is no way around CSRF either: it is refused before anything is changed.
        client.post()
                .uri("/api/admin/tenants/alpha/users")
                .header("Authorization", "Bearer nope-nope-nope-nope-nope-nope")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", newEmail("x"), "role", "STAFF"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        admin().get()
                .uri("/api/admin/tenants/alpha/users")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void pagesRedirectToTheSignInPageAndPublicPathsAreOpen() {
        client.get().uri("/").exchange().expectStatus().isFound().expectHeader().location("/login");
        client.get()
                .uri("/settings")
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/login");
        client.get().uri("/login").exchange().expectStatus().isOk();
        client.get().uri("/css/console.css").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void prometheusOlderThan243CanReadTheOpenMetricsScrape() {
        client.get().uri("/login").exchange().expectStatus().isOk(); // traced: an exemplar's trace id
        io.confirmline.testing.OpenMetricsCompatibility.assertEveryPrometheusReads(client.get()
                .uri("/actuator/prometheus")
                .header("Accept", io.confirmline.testing.OpenMetricsCompatibility.PROMETHEUS_ACCEPT)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    @Test
    void anInvitedOwnerSetsAPasswordSignsInWithANewSessionIdAndSeesTheirTenant() {
        String address = newAddress();
        String email = newEmail("owner");
        String link = invite("alpha", email, "OWNER");
        assertThat(link).matches("http://localhost:\\d+/invitations/[A-Za-z0-9_-]{43}");
        String token = link.substring(link.lastIndexOf('/') + 1);
        String path = "/invitations/" + token;

        // Only the token's SHA-256 is stored.
        Map<String, Object> stored = db.sql("SELECT invitation_digest, password_hash FROM tenant_user WHERE email = $1")
                .bind(0, email)
                .fetch()
                .one()
                .block();
        assertThat(bytes(stored.get("invitation_digest")))
                .isEqualTo(SecretDigest.of(token).bytes());
        assertThat(stored.get("password_hash")).isNull();

        PageSession page = new PageSession(client, address);
        PageSession.Response form = page.get(path);
        assertThat(form.status()).isEqualTo(HttpStatus.OK);
        assertThat(form.body()).contains(email);
        // Too short, and not the same twice: the form comes back with the reason, nothing is set.
        PageSession.Response tooShort = page.postForm(path, Map.of("password", "short", "confirmation", "short"));
        assertThat(tooShort.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooShort.body()).contains("at least 12 characters");
        PageSession.Response different =
                page.postForm(path, Map.of("password", "a long password 1", "confirmation", "a long password 2"));
        assertThat(different.body()).contains("not the same");
        // Without the CSRF token: refused.
        assertThat(page.postForm(
                                path,
                                Map.of("password", "a long password 1", "confirmation", "a long password 1"),
                                false)
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        PageSession.Response accepted =
                page.postForm(path, Map.of("password", "a long password 1", "confirmation", "a long password 1"));
        assertThat(accepted.status()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(accepted.location()).hasToString("/login?activated");
        // The link is spent.
        assertThat(page.get(path).status()).isEqualTo(HttpStatus.NOT_FOUND);
        Map<String, Object> after = db.sql("SELECT invitation_digest, password_hash FROM tenant_user WHERE email = $1")
                .bind(0, email)
                .fetch()
                .one()
                .block();
        assertThat(after.get("invitation_digest")).isNull();
        assertThat((String) after.get("password_hash")).startsWith("{bcrypt}");

        PageSession browser = new PageSession(client, address);
        browser.get("/login");
        String before = browser.sessionId();
        assertThat(before).isNotNull();
        PageSession.Response signedIn = browser.postForm(
                "/login", Map.of("username", email.toUpperCase(Locale.ROOT), "password", "a long password 1"));
        assertThat(signedIn.status()).isEqualTo(HttpStatus.FOUND);
        assertThat(signedIn.location()).hasToString("/");
        assertThat(browser.sessionId()).isNotNull().isNotEqualTo(before);
        PageSession.Response home = browser.get("/");
        assertThat(home.status()).isEqualTo(HttpStatus.OK);
        assertThat(home.body()).contains(email, "Alpha Bistro", "id=\"who-role\">owner<");
        // The cookie: HttpOnly, SameSite=Lax (Secure is off in this context; see SessionCookieTest).
        String setCookie = signedIn.headers().getFirst("Set-Cookie");
        assertThat(setCookie)
                .contains("CONSOLE_SESSION=", "SameSite=Lax")
                .containsIgnoringCase("HttpOnly")
                .doesNotContainIgnoringCase("Secure");

        // The session id from before the sign-in (planted by an attacker, say) signs nobody in.
        PageSession attacker = new PageSession(client, address);
        attacker.useSession(before);
        assertThat(attacker.get("/").status()).isEqualTo(HttpStatus.FOUND);
    }

    @Test
    void oneTenantsUsersCannotReadOrChangeAnotherTenantOverTheApiOrThePages() {
        String address = newAddress();
        String owner = newEmail("alpha-owner");
        String staff = newEmail("alpha-staff");
        onboard("alpha", owner, "OWNER", "alpha owner password", address);
        onboard("alpha", staff, "STAFF", "alpha staff password", address);
        String bravoUser = newEmail("bravo-staff");
        invite("bravo", bravoUser, "STAFF");
        UUID bravoUserId = userId("bravo", bravoUser);

        PageSession alphaOwner = new PageSession(client, address);
        assertThat(alphaOwner.login(owner, "alpha owner password").location()).hasToString("/");
        alphaOwner.get("/");

        // The API: another tenant is answered as if it did not exist, reading or changing.
        assertThat(alphaOwner
                        .json(HttpMethod.GET, "/api/admin/tenants/bravo/users", null, false)
                        .status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(alphaOwner
                        .json(
                                HttpMethod.POST,
                                "/api/admin/tenants/bravo/users",
                                Map.of("email", newEmail("intruder"), "role", "OWNER"),
                                true)
                        .status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(alphaOwner
                        .json(
                                HttpMethod.PUT,
                                "/api/admin/tenants/bravo/users/" + bravoUserId,
                                Map.of("role", "OWNER", "disabled", false),
                                true)
                        .status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(alphaOwner
                        .json(HttpMethod.DELETE, "/api/admin/tenants/bravo/users/" + bravoUserId, null, true)
                        .status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(alphaOwner
                        .json(HttpMethod.GET, "/api/admin/tenants/bravo/audit", null, false)
                        .status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // A user id of another tenant under one's own tenant is not found either.
        assertThat(alphaOwner
                        .json(HttpMethod.DELETE, "/api/admin/tenants/alpha/users/" + bravoUserId, null, true)
                        .status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(userId("bravo", bravoUser)).isEqualTo(bravoUserId);
        // The platform-wide audit log is the platform admin's only.
        assertThat(alphaOwner
                        .json(HttpMethod.GET, "/api/admin/audit", null, false)
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);

        // Their own tenant: they manage its people.
        PageSession.Response ownUsers = alphaOwner.json(HttpMethod.GET, "/api/admin/tenants/alpha/users", null, false);
        assertThat(ownUsers.status()).isEqualTo(HttpStatus.OK);
        assertThat(ownUsers.body()).contains(owner, staff).doesNotContain(bravoUser, "bcrypt", "password");

        // The pages: another tenant's is a 403 page; their own is their settings.
        PageSession.Response other = alphaOwner.get("/tenants/bravo");
        assertThat(other.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(other.body()).contains("You may not see this page").doesNotContain("Bravo Grill");
        assertThat(alphaOwner.get("/tenants/bravo/settings").status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(alphaOwner.get("/tenants/alpha").location()).hasToString("/settings");
        PageSession.Response settings = alphaOwner.get("/settings");
        assertThat(settings.status()).isEqualTo(HttpStatus.OK);
        assertThat(settings.body())
                .contains("Alpha Bistro", "Europe/Madrid", "+34910000001")
                .doesNotContain("Bravo", "Asia/Singapore");

        // Staff see their tenant but manage no one.
        PageSession alphaStaff = new PageSession(client, address);
        alphaStaff.login(staff, "alpha staff password");
        alphaStaff.get("/");
        assertThat(alphaStaff
                        .json(HttpMethod.GET, "/api/admin/tenants/alpha/users", null, false)
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(alphaStaff
                        .json(
                                HttpMethod.POST,
                                "/api/admin/tenants/alpha/users",
                                Map.of("email", newEmail("by-staff"), "role", "OWNER"),
                                true)
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(alphaStaff
                        .json(HttpMethod.GET, "/api/admin/tenants/alpha/audit", null, false)
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(alphaStaff.get("/settings").body()).contains("Alpha Bistro");
    }

    @Test
    void sessionRequestsThatChangeSomethingNeedTheCsrfTokenAndBearerRequestsDoNot() {
        String address = newAddress();
        String owner = newEmail("csrf-owner");
        onboard("alpha", owner, "OWNER", "csrf owner password", address);
        PageSession session = new PageSession(client, address);

        // The sign-in form itself: without the token it is not even checked; the page asks again.
        session.get("/login");
        PageSession.Response noToken =
                session.postForm("/login", Map.of("username", owner, "password", "csrf owner password"), false);
        assertThat(noToken.status()).isEqualTo(HttpStatus.FOUND);
        assertThat(noToken.location()).hasToString("/login?expired");
        assertThat(session.get("/").status()).isEqualTo(HttpStatus.FOUND);

        session.login(owner, "csrf owner password");
        session.get("/");
        Map<String, String> invitation = Map.of("email", newEmail("csrf-staff"), "role", "STAFF");
        PageSession.Response refused =
                session.json(HttpMethod.POST, "/api/admin/tenants/alpha/users", invitation, false);
        assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(session.json(HttpMethod.POST, "/api/admin/tenants/alpha/users", invitation, true)
                        .status())
                .isEqualTo(HttpStatus.CREATED);
        // Sign-out is a POST too: without the token the session goes on.
        assertThat(session.postForm("/logout", Map.of(), false).status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(session.get("/").status()).isEqualTo(HttpStatus.OK);

        // The admin token needs no CSRF token: a browser cannot send it by itself.
        admin().post()
                .uri("/api/admin/tenants/alpha/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", newEmail("bearer-staff"), "role", "STAFF"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void signOutEndsTheSession() {
        String address = newAddress();
        String owner = newEmail("logout-owner");
        onboard("alpha", owner, "OWNER", "logout owner password", address);
        PageSession session = new PageSession(client, address);
        session.login(owner, "logout owner password");
        session.get("/");
        String signedInSession = session.sessionId();
        assertThat(session.json(HttpMethod.GET, "/api/admin/tenants/alpha/users", null, false)
                        .status())
                .isEqualTo(HttpStatus.OK);

        PageSession.Response out = session.postForm("/logout", Map.of());
        assertThat(out.status()).isEqualTo(HttpStatus.FOUND);
        assertThat(out.location()).hasToString("/login?logout");

        // The old session cookie, replayed, no longer signs in: not the pages, not the API.
        PageSession replay = new PageSession(client, address);
        replay.useSession(signedInSession);
        assertThat(replay.get("/").status()).isEqualTo(HttpStatus.FOUND);
        assertThat(replay.json(HttpMethod.GET, "/api/admin/tenants/alpha/users", null, false)
                        .status())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void fiveFailuresForAnAccountPauseItsSignInEvenWithTheRightPassword() {
        String address = newAddress();
        String owner = newEmail("limited-owner");
        onboard("alpha", owner, "OWNER", "limited owner password", address);
        PageSession session = new PageSession(client, address);
        for (int i = 0; i < 5; i++) {
            assertThat(session.login(owner, "wrong password " + i).location()).hasToString("/login?error");
        }
        // From another address too: the limit is the account's.
        PageSession elsewhere = new PageSession(client, newAddress());
        PageSession.Response refused = elsewhere.login(owner, "limited owner password");
        assertThat(refused.location().toString()).startsWith("/login?refused=");
        PageSession.Response page = elsewhere.get(refused.location().toString());
        assertThat(page.body()).contains("Too many failed sign-ins", "try again in 15 minutes");
        assertThat(elsewhere.get("/").status()).isEqualTo(HttpStatus.FOUND);

        List<Map<String, Object>> audit = audit("alpha");
        assertThat(audit).anySatisfy(line -> {
            assertThat(line).containsEntry("actor", owner).containsEntry("action", "login.refused");
            assertThat((String) line.get("detail")).contains("password not checked");
        });
        assertThat(audit.stream()
                        .filter(line -> owner.equals(line.get("actor")) && "login.failed".equals(line.get("action"))))
                .hasSize(5)
                .allSatisfy(line -> assertThat(line)
                        .containsEntry("remoteAddress", address)
                        .containsEntry("detail", "wrong password"));

        // Another account from the first address still signs in (that address has 5 failures, not 20).
        String other = newEmail("unlimited-owner");
        onboard("alpha", other, "OWNER", "unlimited owner password", address);
        assertThat(new PageSession(client, address)
                        .login(other, "unlimited owner password")
                        .location())
                .hasToString("/");
    }

    @Test
    void twentyFailuresFromAnAddressPauseSignInFromItForEveryAccount() {
        String noisy = newAddress();
        String owner = newEmail("address-owner");
        onboard("alpha", owner, "OWNER", "address owner password", newAddress());
        PageSession attacker = new PageSession(client, noisy);
        for (int i = 0; i < 20; i++) {
            // Different accounts, none of them over its own limit.
            assertThat(attacker.login(newEmail("guess" + i), "guess " + i).location())
                    .hasToString("/login?error");
        }
        assertThat(new PageSession(client, noisy)
                        .login(owner, "address owner password")
                        .location()
                        .toString())
                .startsWith("/login?refused=");
        // The account itself is fine from anywhere else.
        assertThat(new PageSession(client, newAddress())
                        .login(owner, "address owner password")
                        .location())
                .hasToString("/");
        List<Map<String, Object>> all = admin().get()
                .uri("/api/admin/audit?limit=1000")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody();
        assertThat(all)
                .anySatisfy(line -> assertThat(line)
                        .containsEntry("actor", owner)
                        .containsEntry("action", "login.refused")
                        .containsEntry("remoteAddress", noisy));
    }

    @Test
    void theAuditLogHasSignInsAndChangesNewestFirstWithNoSecrets() {
        String address = newAddress();
        String owner = newEmail("audited-owner");
        String password = "audited owner password";
        onboard("alpha", owner, "OWNER", password, address);
        PageSession session = new PageSession(client, address);
        session.login(owner, "not the password at all");
        session.login(owner, password);
        session.get("/");
        String staff = newEmail("audited-staff");
        PageSession.Response invited = session.json(
                HttpMethod.POST,
                "/api/admin/tenants/alpha/users",
                Map.of("email", staff, "role", "STAFF", "displayName", "Sam"),
                true);
        assertThat(invited.status()).isEqualTo(HttpStatus.CREATED);
        String token = invited.body().replaceAll(".*/invitations/([A-Za-z0-9_-]{43}).*", "$1");
        UUID staffId = userId("alpha", staff);
        assertThat(session.json(
                                HttpMethod.PUT,
                                "/api/admin/tenants/alpha/users/" + staffId,
                                Map.of("role", "OWNER", "disabled", false),
                                true)
                        .status())
                .isEqualTo(HttpStatus.OK);
        // An owner cannot lock themselves out.
        assertThat(session.json(
                                HttpMethod.PUT,
                                "/api/admin/tenants/alpha/users/" + userId("alpha", owner),
                                Map.of("role", "STAFF", "disabled", false),
                                true)
                        .status())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(session.json(HttpMethod.DELETE, "/api/admin/tenants/alpha/users/" + staffId, null, true)
                        .status())
                .isEqualTo(HttpStatus.NO_CONTENT);
        session.postForm("/logout", Map.of());

        List<Map<String, Object>> lines = audit("alpha").stream()
                .filter(line -> List.of(owner, staff).contains(line.get("actor"))
                        || String.valueOf(line.get("detail")).contains(staff))
                .toList();
        assertThat(lines)
                .extracting(line -> line.get("action"))
                .containsExactly(
                        "logout",
                        "user.removed",
                        "user.changed",
                        "user.invited",
                        "login.succeeded",
                        "login.failed",
                        "invitation.accepted");
        assertThat(lines)
                .allSatisfy(line ->
                        assertThat(line).containsEntry("remoteAddress", address).containsEntry("tenantId", "alpha"));
        assertThat(lines.get(2)).containsEntry("actor", owner).containsEntry("detail", staff + ": role STAFF -> OWNER");
        assertThat(lines.get(5)).containsEntry("actor", owner).containsEntry("detail", "wrong password");
        assertThat(lines)
                .extracting(line -> (Long) ((Number) line.get("id")).longValue())
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
        // No secret anywhere in the table: no password, no invitation token, no admin token.
        String everything = db.sql(
                        "SELECT string_agg(concat_ws(' ', actor, action, tenant_id, detail, remote_address), E'\\n') AS all FROM audit_log")
                .map(row -> row.get("all", String.class))
                .one()
                .block();
        assertThat(everything).doesNotContain(password, "not the password at all", token, ADMIN_TOKEN);

        // The tenant's owner reads it too; another tenant's lines are not in it.
        PageSession reader = new PageSession(client, address);
        String otherOwner = newEmail("reader-owner");
        onboard("alpha", otherOwner, "OWNER", "reader owner password", address);
        reader.login(otherOwner, "reader owner password");
        PageSession.Response read = reader.json(HttpMethod.GET, "/api/admin/tenants/alpha/audit?limit=5", null, false);
        assertThat(read.status()).isEqualTo(HttpStatus.OK);
        assertThat(read.body()).contains("login.succeeded").doesNotContain("\"tenantId\":\"bravo\"");
    }

    @Test
    void aRemovedOrDisabledUserIsSignedOutAtTheirNextRequestAndARoleChangeAppliesAtOnce() {
        String address = newAddress();
        String staff = newEmail("changing-staff");
        onboard("alpha", staff, "STAFF", "changing staff password", address);
        PageSession session = new PageSession(client, address);
        session.login(staff, "changing staff password");
        session.get("/");
        assertThat(session.json(HttpMethod.GET, "/api/admin/tenants/alpha/users", null, false)
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        UUID id = userId("alpha", staff);

        admin().put()
                .uri("/api/admin/tenants/alpha/users/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "OWNER", "disabled", false))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(session.json(HttpMethod.GET, "/api/admin/tenants/alpha/users", null, false)
                        .status())
                .isEqualTo(HttpStatus.OK);

        admin().put()
                .uri("/api/admin/tenants/alpha/users/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "OWNER", "disabled", true))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DISABLED");
        assertThat(session.get("/").status()).isEqualTo(HttpStatus.FOUND);
        assertThat(new PageSession(client, address)
                        .login(staff, "changing staff password")
                        .location())
                .hasToString("/login?error");

        admin().put()
                .uri("/api/admin/tenants/alpha/users/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "STAFF", "disabled", false))
                .exchange()
                .expectStatus()
                .isOk();
        PageSession again = new PageSession(client, address);
        assertThat(again.login(staff, "changing staff password").location()).hasToString("/");
        admin().delete()
                .uri("/api/admin/tenants/alpha/users/{id}", id)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(again.get("/").status()).isEqualTo(HttpStatus.FOUND);
    }

    @Test
    void invitationsAreCheckedAndAnEmailHasOneAccount() {
        String email = newEmail("twice");
        invite("alpha", email, "STAFF");
        admin().post()
                .uri("/api/admin/tenants/bravo/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email.toUpperCase(Locale.ROOT), "role", "STAFF"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        admin().post()
                .uri("/api/admin/tenants/alpha/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-address", "role", "BOSS"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("email")
                .jsonPath("$.errors[1].field")
                .isEqualTo("role");
        admin().post()
                .uri("/api/admin/tenants/no-such-tenant/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", newEmail("ghost"), "role", "STAFF"))
                .exchange()
                .expectStatus()
                .isNotFound();
        // A made-up or malformed link opens nothing.
        client.get()
                .uri("/invitations/{t}", "A".repeat(43))
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get().uri("/invitations/short").exchange().expectStatus().isNotFound();
    }

    @Test
    void aNewLinkReplacesTheOldOneAndSetsAForgottenPassword() {
        String address = newAddress();
        String staff = newEmail("forgetful");
        onboard("alpha", staff, "STAFF", "first staff password", address);
        UUID id = userId("alpha", staff);
        String first = invite("alpha", newEmail("unused"), "STAFF");

        Map<?, ?> renewed = admin().post()
                .uri("/api/admin/tenants/alpha/users/{id}/invitation", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String link = (String) renewed.get("invitationUrl");
        String path = link.substring(link.indexOf("/invitations/"));
        // Until the new link is used the old password still works; after, only the new one.
        assertThat(new PageSession(client, address)
                        .login(staff, "first staff password")
                        .location())
                .hasToString("/");
        PageSession page = new PageSession(client, address);
        page.get(path);
        assertThat(page.postForm(
                                path,
                                Map.of("password", "second staff password", "confirmation", "second staff password"))
                        .location())
                .hasToString("/login?activated");
        assertThat(new PageSession(client, address)
                        .login(staff, "first staff password")
                        .location())
                .hasToString("/login?error");
        assertThat(new PageSession(client, address)
                        .login(staff, "second staff password")
                        .location())
                .hasToString("/");
        // A link that was replaced opens nothing.
        String replacedEmail = newEmail("replaced");
        String replaced = invite("alpha", replacedEmail, "STAFF");
        UUID replacedId = userId("alpha", replacedEmail);
        admin().post()
                .uri("/api/admin/tenants/alpha/users/{id}/invitation", replacedId)
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri(replaced.substring(replaced.indexOf("/invitations/")))
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get()
                .uri(first.substring(first.indexOf("/invitations/")))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static byte[] bytes(Object bytea) {
        ByteBuffer buffer = ((ByteBuffer) bytea).duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private UUID userId(String tenantId, String email) {
        return db.sql("SELECT id FROM tenant_user WHERE tenant_id = $1 AND lower(email) = lower($2)")
                .bind(0, tenantId)
                .bind(1, email)
                .map(row -> row.get("id", UUID.class))
                .one()
                .block();
    }

    private List<Map<String, Object>> audit(String tenantId) {
        return admin().get()
                .uri("/api/admin/tenants/{id}/audit?limit=1000", tenantId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody();
    }
}
