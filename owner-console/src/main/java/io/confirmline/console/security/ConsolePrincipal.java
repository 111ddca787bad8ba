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

import java.util.Optional;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;

/**
 * Who is calling the console: the platform admin (the admin token; every tenant) or a tenant's user (a login
 * session; that tenant only). Controllers ask this, never the raw security context.
 *
 * @param name the user's login (email) or {@code platform-admin}
 * @param role what they may do
 * @param tenantId the tenant a user belongs to; empty for the platform admin
 */
public record ConsolePrincipal(String name, Role role, Optional<String> tenantId) {

    /** PLATFORM_ADMIN manages all tenants; OWNER acts on their tenant; STAFF looks at it. */
    public enum Role {
        PLATFORM_ADMIN,
        OWNER,
        STAFF
    }

    public static ConsolePrincipal platformAdmin() {
        return new ConsolePrincipal("platform-admin", Role.PLATFORM_ADMIN, Optional.empty());
    }

    public boolean isPlatformAdmin() {
        return role == Role.PLATFORM_ADMIN;
    }

    /** Whether they may see the tenant's settings and data. */
    public boolean canView(String tenant) {
        return isPlatformAdmin() || tenantId.map(tenant::equals).orElse(false);
    }

    /** Whether they may change the tenant (settings, users, owner actions). */
    public boolean canManage(String tenant) {
        return isPlatformAdmin() || (role == Role.OWNER && canView(tenant));
    }

    /** The principal of the current request; empty when not authenticated. */
    public static Mono<ConsolePrincipal> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .mapNotNull(authentication ->
                        authentication.getPrincipal() instanceof ConsolePrincipal principal ? principal : null);
    }
}
