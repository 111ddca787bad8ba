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
package io.confirmline.console.tenant;

import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.security.ConsolePrincipal;
import reactor.core.publisher.Mono;

/**
 * Who may do what to which tenant: the platform admin everything; a tenant's OWNER reads and changes it (settings,
 * secrets, webhook registration); its STAFF only read it. A tenant the caller may not see answers 404 as if it did
 * not exist, so ids of other tenants cannot be probed; a tenant they see but may not change answers 403.
 */
public final class TenantAccess {

    private TenantAccess() {}

    public static Mono<ConsolePrincipal> caller() {
        return ConsolePrincipal.current().switchIfEmpty(Mono.error(AdminProblems::unauthorized));
    }

    /** The platform admin only: create, delete, switch on and off, list every tenant. */
    public static Mono<ConsolePrincipal> admin(String what) {
        return caller().flatMap(p -> p.isPlatformAdmin()
                ? Mono.just(p)
                : Mono.error(AdminProblems.forbidden("Only the platform admin may " + what)));
    }

    public static Mono<ConsolePrincipal> viewer(String tenantId) {
        return caller().flatMap(p -> p.canView(tenantId) ? Mono.just(p) : Mono.error(AdminProblems.notFound(tenantId)));
    }

    public static Mono<ConsolePrincipal> manager(String tenantId) {
        return viewer(tenantId)
                .flatMap(p -> p.canManage(tenantId)
                        ? Mono.just(p)
                        : Mono.error(AdminProblems.forbidden("A tenant's staff may look at it, not change it")));
    }

    /** Who asked and from where (the address as {@link ClientAddress} reads it), for the audit log. */
    public static TenantService.Actor actor(ConsolePrincipal principal, String address) {
        return new TenantService.Actor(principal.name(), address);
    }
}
