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

import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.console.security.ConsolePrincipal.Role;
import io.confirmline.console.security.ConsoleSecurityProperties;
import io.confirmline.console.tenant.AdminProblems;
import io.confirmline.web.ProblemException;
import io.confirmline.web.ProblemException.FieldError;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /api/admin/tenants/{tenantId}/users}: a tenant's people. The platform admin manages every tenant's, an
 * OWNER their own tenant's, STAFF none. An invitation answers a one-time link; the account can sign in once its
 * password is set through that link.
 */
@RestController
@RequestMapping(path = "/api/admin/tenants/{tenantId}/users", produces = MediaType.APPLICATION_JSON_VALUE)
public class UserController {

    static final String INVALID = "admin-400";

    /** The body of an invitation. */
    public record InviteRequest(String email, String displayName, String role) {}

    /** The body of a change: the role and whether the account is disabled (both required: it replaces them). */
    public record ChangeRequest(String role, Boolean disabled) {}

    /** An account as the API shows it: never its password hash nor its invitation. */
    public record UserView(
            UUID id,
            String tenantId,
            String email,
            String displayName,
            Role role,
            UserAccount.Status status,
            Instant createdAt,
            Instant invitationExpiresAt) {

        static UserView of(UserAccount user) {
            return new UserView(
                    user.id(),
                    user.tenantId(),
                    user.email(),
                    user.displayName(),
                    user.role(),
                    user.status(),
                    user.createdAt(),
                    user.invitationExpiresAt());
        }
    }

    /** An invitation's answer: the link is shown only here, once. */
    public record InvitationView(UserView user, URI invitationUrl, Instant invitationExpiresAt) {}

    private final UserService users;
    private final ClientAddress clientAddress;
    private final ConsoleSecurityProperties properties;

    public UserController(UserService users, ClientAddress clientAddress, ConsoleSecurityProperties properties) {
        this.users = users;
        this.clientAddress = clientAddress;
        this.properties = properties;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<InvitationView>> invite(
            @PathVariable String tenantId,
            @RequestBody(required = false) InviteRequest body,
            ServerWebExchange exchange) {
        return checked(tenantId, exchange)
                .flatMap(actor -> {
                    InviteRequest request = body == null ? new InviteRequest(null, null, null) : body;
                    List<FieldError> errors = new ArrayList<>();
                    String email = UserInput.email(request.email(), errors);
                    String displayName = UserInput.displayName(request.displayName(), email, errors);
                    Role role = UserInput.role(request.role(), errors);
                    if (!errors.isEmpty()) {
                        return Mono.error(ProblemException.invalid(INVALID, errors));
                    }
                    return users.invite(tenantId, email, displayName, role, actor);
                })
                .map(invited -> ResponseEntity.created(URI.create("/api/admin/tenants/" + tenantId + "/users/"
                                + invited.user().id()))
                        .body(invitation(invited, exchange)));
    }

    @GetMapping
    Mono<List<UserView>> list(@PathVariable String tenantId, ServerWebExchange exchange) {
        return checked(tenantId, exchange)
                .flatMap(actor -> users.list(tenantId).map(UserView::of).collectList());
    }

    @PutMapping(path = "/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<UserView> change(
            @PathVariable String tenantId,
            @PathVariable String userId,
            @RequestBody(required = false) ChangeRequest body,
            ServerWebExchange exchange) {
        return checked(tenantId, exchange)
                .flatMap(actor -> {
                    ChangeRequest request = body == null ? new ChangeRequest(null, null) : body;
                    List<FieldError> errors = new ArrayList<>();
                    Role role = UserInput.role(request.role(), errors);
                    if (request.disabled() == null) {
                        errors.add(new FieldError("disabled", "is required (true or false)"));
                    }
                    if (!errors.isEmpty()) {
                        return Mono.error(ProblemException.invalid(INVALID, errors));
                    }
                    return users.change(tenantId, UserInput.userId(userId), role, request.disabled(), actor);
                })
                .map(UserView::of);
    }

    /** A new one-time link: for an invitation that expired, or a password the user forgot. */
    @PostMapping("/{userId}/invitation")
    Mono<InvitationView> renewInvitation(
            @PathVariable String tenantId, @PathVariable String userId, ServerWebExchange exchange) {
        return checked(tenantId, exchange)
                .flatMap(actor -> users.renewInvitation(tenantId, UserInput.userId(userId), actor))
                .map(invited -> invitation(invited, exchange));
    }

    @DeleteMapping("/{userId}")
    Mono<ResponseEntity<Void>> remove(
            @PathVariable String tenantId, @PathVariable String userId, ServerWebExchange exchange) {
        return checked(tenantId, exchange)
                .flatMap(actor -> users.remove(tenantId, UserInput.userId(userId), actor))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** The caller may manage this tenant's people, and the tenant exists. */
    private Mono<UserService.Actor> checked(String tenantId, ServerWebExchange exchange) {
        return UserAccess.manager(tenantId)
                .flatMap(principal -> users.tenantExists(tenantId)
                        .flatMap(exists -> exists
                                ? Mono.just(actor(principal, exchange))
                                : Mono.error(AdminProblems.notFound(tenantId))));
    }

    private UserService.Actor actor(ConsolePrincipal principal, ServerWebExchange exchange) {
        return new UserService.Actor(principal, clientAddress.of(exchange));
    }

    private InvitationView invitation(UserService.Invited invited, ServerWebExchange exchange) {
        URI base = properties.publicUrl() != null
                ? properties.publicUrl()
                : baseOf(exchange.getRequest().getURI());
        String root = base.toString().endsWith("/")
                ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return new InvitationView(
                UserView.of(invited.user()),
                URI.create(root + "/invitations/" + invited.token()),
                invited.user().invitationExpiresAt());
    }

    private static URI baseOf(URI request) {
        return URI.create(request.getScheme().toLowerCase(Locale.ROOT) + "://" + request.getRawAuthority());
    }
}
