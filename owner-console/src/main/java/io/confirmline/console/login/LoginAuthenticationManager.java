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
import io.confirmline.console.security.ConsoleSecurityContextRepository;
import io.confirmline.console.user.UserAccount;
import io.confirmline.console.user.UserAccounts;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks an email and password from the sign-in form: first the limits ({@link LoginThrottle}), then the account,
 * then the password hash. Every outcome goes to the audit log under the email that was tried, never the password.
 * The person signing in learns only "wrong email or password", whichever was wrong; the audit line says which.
 */
@Component
public class LoginAuthenticationManager implements ReactiveAuthenticationManager {

    private final UserAccounts users;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    /** Compared against when the account does not exist, so that a missing account takes as long as a wrong password. */
    private final String decoyHash;

    public LoginAuthenticationManager(
            UserAccounts users, PasswordEncoder passwords, LoginThrottle throttle, AuditLog audit) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.decoyHash = passwords.encode("decoy password that no account has");
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String email = UserAccounts.normalise(attempt.getName());
        String password = attempt.getCredentials() instanceof String presented ? presented : "";
        String address = attempt.getDetails() instanceof String from ? from : "unknown";
        var refusal = throttle.tryAcquire(email, address);
        if (refusal.isPresent()) {
            LoginRefusedException refused =
                    new LoginRefusedException(refusal.get(), throttle.retryAfter(email, address));
            // The account's tenant, so that its owners see the attempts in their audit log; no password is checked.
            return users.findByEmail(email)
                    .map(UserAccount::tenantId)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(tenantId -> record(
                            email,
                            "login.refused",
                            tenantId.orElse(null),
                            refused.getMessage() + "; password not checked",
                            address))
                    .then(Mono.error(refused));
        }
        return users.findByEmail(email)
                .flatMap(user -> matches(password, user.passwordHash()).map(ok -> new Checked(user, ok)))
                .switchIfEmpty(Mono.defer(() -> matches(password, decoyHash).map(ignored -> new Checked(null, false))))
                .flatMap(checked -> {
                    UserAccount user = checked.user();
                    if (user == null) {
                        return fail(email, null, "no such account", address);
                    }
                    if (user.disabled()) {
                        return fail(email, user.tenantId(), "account disabled", address);
                    }
                    if (user.passwordHash() == null) {
                        return fail(email, user.tenantId(), "invitation not yet accepted", address);
                    }
                    if (!checked.passwordMatches()) {
                        return fail(email, user.tenantId(), "wrong password", address);
                    }
                    throttle.succeeded(email, address);
                    return record(
                                    user.email(),
                                    "login.succeeded",
                                    user.tenantId(),
                                    "signed in as " + user.role(),
                                    address)
                            .thenReturn(ConsoleSecurityContextRepository.authenticated(user));
                });
    }

    private record Checked(UserAccount user, boolean passwordMatches) {}

    /** bcrypt is slow on purpose: keep it off the event loop. */
    private Mono<Boolean> matches(String password, String hash) {
        String compared = hash == null ? decoyHash : hash;
        return Mono.fromCallable(() -> passwords.matches(password, compared)).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Authentication> fail(String email, String tenantId, String why, String address) {
        return record(email, "login.failed", tenantId, why, address)
                .then(Mono.error(new BadCredentialsException("Wrong email or password")));
    }

    private Mono<Void> record(String actor, String action, String tenantId, String detail, String address) {
        return audit.record(new AuditEntry(actor.isEmpty() ? "anonymous" : actor, action, tenantId, detail, address));
    }
}
