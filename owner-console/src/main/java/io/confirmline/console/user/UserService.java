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
package io.confirmline.console.user;

import io.confirmline.console.audit.AuditEntry;
import io.confirmline.console.audit.AuditLog;
import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.console.security.ConsolePrincipal.Role;
import io.confirmline.console.security.ConsoleSecurityProperties;
import io.confirmline.console.tenant.AdminProblems;
import io.confirmline.web.ProblemException.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A tenant's people: inviting, listing, changing and removing them, and accepting an invitation. Each change commits
 * together with its audit line. Who may call what is decided by the controller ({@link UserAccess}); this class
 * refuses only what no caller may do (an owner removing or demoting themselves, a second account for one email).
 */
@Service
public class UserService {

    /** Who acted, from where, for the audit line. */
    public record Actor(ConsolePrincipal principal, String remoteAddress) {}

    /** A new invitation: the account and the token, which is never stored and so shown only now. */
    public record Invited(UserAccount user, String token) {}

    private final UserAccounts users;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Duration invitationValidity;
    private final Clock clock;

    public UserService(
            UserAccounts users,
            AuditLog audit,
            PasswordEncoder passwords,
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            ConsoleSecurityProperties properties,
            ObjectProvider<Clock> clock) {
        this.users = users;
        this.audit = audit;
        this.passwords = passwords;
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.invitationValidity = properties.invitationValidity();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Whether the tenant exists (the registry's {@code tenant} table). */
    public Mono<Boolean> tenantExists(String tenantId) {
        return db.sql("SELECT 1 FROM tenant WHERE id = $1")
                .bind(0, tenantId)
                .map(row -> true)
                .first()
                .defaultIfEmpty(false);
    }

    public Flux<UserAccount> list(String tenantId) {
        return users.list(tenantId);
    }

    public Mono<Invited> invite(String tenantId, String email, String displayName, Role role, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String token = Invitations.newToken();
        UserAccount user = new UserAccount(
                UUID.randomUUID(),
                tenantId,
                email.strip(),
                displayName,
                role,
                null,
                false,
                now.plus(invitationValidity),
                now);
        return users.emailTaken(email)
                .flatMap(taken -> taken ? Mono.error(emailTaken()) : users.invite(user, Invitations.digest(token)))
                .then(record(
                        actor,
                        "user.invited",
                        tenantId,
                        user.email() + " as " + role + ", link valid until " + user.invitationExpiresAt()))
                .as(transaction::transactional)
                // Two invitations for one address at once: the unique index decides.
                .onErrorMap(DuplicateKeyException.class, e -> emailTaken())
                .thenReturn(new Invited(user, token));
    }

    /**
     * A fresh link for an account: one not yet accepted, or a forgotten password (the old password keeps working
     * until the new link is used). Any earlier link stops working.
     */
    public Mono<Invited> renewInvitation(String tenantId, UUID userId, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String token = Invitations.newToken();
        Instant expires = now.plus(invitationValidity);
        return users.find(tenantId, userId)
                .switchIfEmpty(Mono.error(() -> noSuchUser(userId)))
                .flatMap(user -> user.disabled()
                        ? Mono.error(
                                AdminProblems.conflict("The account is disabled; enable it before sending a new link"))
                        : db.sql(
                                        "UPDATE tenant_user SET invitation_digest = $1, invitation_expires_at = $2 WHERE id = $3")
                                .bind(0, Invitations.digest(token))
                                .bind(1, expires.atOffset(ZoneOffset.UTC))
                                .bind(2, userId)
                                .then()
                                .then(record(
                                        actor,
                                        "user.invitation.renewed",
                                        tenantId,
                                        user.email() + ", link valid until " + expires))
                                .thenReturn(new Invited(
                                        new UserAccount(
                                                user.id(),
                                                user.tenantId(),
                                                user.email(),
                                                user.displayName(),
                                                user.role(),
                                                user.passwordHash(),
                                                false,
                                                expires,
                                                user.createdAt()),
                                        token)))
                .as(transaction::transactional);
    }

    public Mono<UserAccount> change(String tenantId, UUID userId, Role role, boolean disabled, Actor actor) {
        return users.find(tenantId, userId)
                .switchIfEmpty(Mono.error(() -> noSuchUser(userId)))
                .flatMap(user -> {
                    if (isSelf(actor, user) && (role != user.role() || disabled)) {
                        return Mono.error(AdminProblems.conflict("You cannot demote or disable your own account"));
                    }
                    String what = describeChange(user, role, disabled);
                    return users.update(tenantId, userId, role, disabled)
                            .then(record(actor, "user.changed", tenantId, user.email() + ": " + what))
                            .then(users.find(tenantId, userId));
                })
                .as(transaction::transactional);
    }

    public Mono<Void> remove(String tenantId, UUID userId, Actor actor) {
        return users.find(tenantId, userId)
                .switchIfEmpty(Mono.error(() -> noSuchUser(userId)))
                .flatMap(user -> isSelf(actor, user)
                        ? Mono.error(AdminProblems.conflict("You cannot remove your own account"))
                        : users.delete(tenantId, userId).then(record(actor, "user.removed", tenantId, user.email())))
                .as(transaction::transactional);
    }

    /** The account an invitation link is for, while it can still be used. */
    public Mono<UserAccount> invitation(String token) {
        if (!Invitations.wellFormed(token)) {
            return Mono.empty();
        }
        return users.findByInvitation(Invitations.digest(token), clock.instant());
    }

    /** Sets the password of the invitation's account and spends the link; empty when the link is no longer valid. */
    public Mono<UserAccount> acceptInvitation(String token, String password, String remoteAddress) {
        if (!Invitations.wellFormed(token)) {
            return Mono.empty();
        }
        byte[] digest = Invitations.digest(token);
        return users.findByInvitation(digest, clock.instant())
                .flatMap(user -> Mono.fromCallable(() -> passwords.encode(password))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(hash -> users.acceptInvitation(digest, hash, clock.instant()))
                        .filter(Boolean::booleanValue)
                        .flatMap(accepted -> audit.record(new AuditEntry(
                                        user.email(),
                                        "invitation.accepted",
                                        user.tenantId(),
                                        "password set",
                                        remoteAddress))
                                .thenReturn(user))
                        .as(transaction::transactional));
    }

    private static boolean isSelf(Actor actor, UserAccount user) {
        return !actor.principal().isPlatformAdmin()
                && UserAccounts.normalise(actor.principal().name()).equals(UserAccounts.normalise(user.email()));
    }

    private static String describeChange(UserAccount user, Role role, boolean disabled) {
        StringBuilder what = new StringBuilder();
        if (role != user.role()) {
            what.append("role ").append(user.role()).append(" -> ").append(role);
        }
        if (disabled != user.disabled()) {
            what.append(what.isEmpty() ? "" : ", ").append(disabled ? "disabled" : "enabled");
        }
        return what.isEmpty() ? "no change" : what.toString();
    }

    private Mono<Void> record(Actor actor, String action, String tenantId, String detail) {
        return audit.record(new AuditEntry(actor.principal().name(), action, tenantId, detail, actor.remoteAddress()));
    }

    private static RuntimeException emailTaken() {
        return AdminProblems.conflict(
                "An account with this email exists already", List.of(new FieldError("email", "is taken")));
    }

    private static RuntimeException noSuchUser(UUID userId) {
        return AdminProblems.of(HttpStatus.NOT_FOUND, "No user " + userId + " in this tenant");
    }
}
