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

    private UserAccess() {
    }

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
                .flatMap(principal -> principal.isPlatformAdmin() ? Mono.just(principal)
                        : Mono.error(AdminProblems.forbidden("Only the platform admin may do this")));
    }
}
