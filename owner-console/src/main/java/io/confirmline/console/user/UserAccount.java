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
import java.time.Instant;
import java.util.UUID;

/**
 * A person who signs in to the console for one tenant. {@code passwordHash} is null until the invitation is
 * accepted; the invitation itself is kept only as the SHA-256 digest of its token.
 */
public record UserAccount(
        UUID id,
        String tenantId,
        String email,
        String displayName,
        Role role,
        String passwordHash,
        boolean disabled,
        Instant invitationExpiresAt,
        Instant createdAt) {

    public enum Status {
        INVITED,
        ACTIVE,
        DISABLED
    }

    public boolean canSignIn() {
        return !disabled && passwordHash != null;
    }

    public Status status() {
        return disabled ? Status.DISABLED : passwordHash == null ? Status.INVITED : Status.ACTIVE;
    }

    @Override
    public String toString() {
        return "UserAccount[id=" + id + ", tenantId=" + tenantId + ", role=" + role + ", status=" + status() + "]";
    }
}
