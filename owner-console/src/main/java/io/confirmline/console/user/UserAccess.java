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

import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.console.tenant.AdminProblems;
import reactor.core.publisher.Mono;

/**
 * Who may manage a tenant's people (and read its audit log): the platform admin, and that tenant's OWNER. As in the
 * tenant API, a tenant the caller may not see is answered 404, as if it did not exist, so other tenants' ids cannot
 * be probed; the tenant's STAFF get a 403.
 */
public final class UserAccess {

    private UserAccess() {}

    public static Mono<ConsolePrincipal> manager(String tenantId) {
        return ConsolePrincipal.current()
                .switchIfEmpty(Mono.error(AdminProblems::unauthorized))
                .flatMap(principal -> {
                    if (!principal.canView(tenantId)) {
                        return Mono.error(AdminProblems.notFound(tenantId));
                    }
                    if (!principal.canManage(tenantId)) {
                        return Mono.error(AdminProblems.forbidden("Only the tenant's owners may do this"));
                    }
                    return Mono.just(principal);
                });
    }

    /** The platform admin only. */
    public static Mono<ConsolePrincipal> platformAdmin() {
        return ConsolePrincipal.current()
                .switchIfEmpty(Mono.error(AdminProblems::unauthorized))
                .flatMap(principal -> principal.isPlatformAdmin()
                        ? Mono.just(principal)
                        : Mono.error(AdminProblems.forbidden("Only the platform admin may do this")));
    }
}
