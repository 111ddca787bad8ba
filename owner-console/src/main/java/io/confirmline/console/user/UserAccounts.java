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

import io.confirmline.console.security.ConsolePrincipal.Role;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code tenant_user} table. Emails are matched case-insensitively (one account per address, whatever its case). */
@Repository
public class UserAccounts {

    private static final String COLUMNS =
            "id, tenant_id, email, display_name, role, password_hash, disabled, invitation_expires_at, created_at";

    private final DatabaseClient db;

    public UserAccounts(DatabaseClient db) {
        this.db = db;
    }

    public Mono<UserAccount> findByEmail(String email) {
        return db.sql("SELECT " + COLUMNS + " FROM tenant_user WHERE lower(email) = $1")
                .bind(0, normalise(email))
                .map(UserAccounts::read)
                .one();
    }

    public Mono<UserAccount> find(String tenantId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM tenant_user WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .map(UserAccounts::read)
                .one();
    }

    public Flux<UserAccount> list(String tenantId) {
        return db.sql("SELECT " + COLUMNS + " FROM tenant_user WHERE tenant_id = $1 ORDER BY created_at, email")
                .bind(0, tenantId)
                .map(UserAccounts::read)
                .all();
    }

    /** Whether an account uses this address already (in any tenant: the address is the login). */
    public Mono<Boolean> emailTaken(String email) {
        return db.sql("SELECT 1 FROM tenant_user WHERE lower(email) = $1")
                .bind(0, normalise(email))
                .map(row -> true)
                .first()
                .defaultIfEmpty(false);
    }

    public Mono<Void> invite(UserAccount user, byte[] invitationDigest) {
        return db.sql("INSERT INTO tenant_user (id, tenant_id, email, display_name, role, disabled, invitation_digest, "
                        + "invitation_expires_at, created_at) VALUES ($1, $2, $3, $4, $5, false, $6, $7, $8)")
                .bind(0, user.id())
                .bind(1, user.tenantId())
                .bind(2, user.email().strip())
                .bind(3, user.displayName())
                .bind(4, user.role().name())
                .bind(5, invitationDigest)
                .bind(6, utc(user.invitationExpiresAt()))
                .bind(7, utc(user.createdAt()))
                .then();
    }

    /** The account an unexpired invitation is for; empty when the token is unknown, used or expired. */
    public Mono<UserAccount> findByInvitation(byte[] invitationDigest, Instant now) {
        return db.sql("SELECT " + COLUMNS
                        + " FROM tenant_user WHERE invitation_digest = $1 AND invitation_expires_at > $2 "
                        + "AND NOT disabled")
                .bind(0, invitationDigest)
                .bind(1, utc(now))
                .map(UserAccounts::read)
                .one();
    }

    /** Sets the password and spends the invitation; false when it was spent, withdrawn or expired meanwhile. */
    public Mono<Boolean> acceptInvitation(byte[] invitationDigest, String passwordHash, Instant now) {
        return db.sql(
                        "UPDATE tenant_user SET password_hash = $1, invitation_digest = NULL, invitation_expires_at = NULL "
                                + "WHERE invitation_digest = $2 AND invitation_expires_at > $3 AND NOT disabled")
                .bind(0, passwordHash)
                .bind(1, invitationDigest)
                .bind(2, utc(now))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    public Mono<Boolean> update(String tenantId, UUID id, Role role, boolean disabled) {
        return db.sql("UPDATE tenant_user SET role = $1, disabled = $2 WHERE tenant_id = $3 AND id = $4")
                .bind(0, role.name())
                .bind(1, disabled)
                .bind(2, tenantId)
                .bind(3, id)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    public Mono<Boolean> delete(String tenantId, UUID id) {
        return db.sql("DELETE FROM tenant_user WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    public static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static UserAccount read(Readable row) {
        OffsetDateTime expires = row.get("invitation_expires_at", OffsetDateTime.class);
        return new UserAccount(
                row.get("id", UUID.class),
                row.get("tenant_id", String.class),
                row.get("email", String.class),
                row.get("display_name", String.class),
                Role.valueOf(row.get("role", String.class)),
                row.get("password_hash", String.class),
                Boolean.TRUE.equals(row.get("disabled", Boolean.class)),
                expires == null ? null : expires.toInstant(),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
