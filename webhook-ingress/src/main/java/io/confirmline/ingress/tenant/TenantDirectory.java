package io.confirmline.ingress.tenant;

import io.confirmline.security.SecretDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the tenant a webhook belongs to and checks its {@code Authorization} value in constant time
 * ({@link SecretDigest}), comparing every tenant without an early exit.
 */
@Component
public class TenantDirectory {

    private final List<KnownTenant> tenants;

    public TenantDirectory(IngressTenantProperties properties) {
        this.tenants = properties.tenants().stream()
                .map(t -> new KnownTenant(t.id(), t.subaccountId(), SecretDigest.of(t.authToken())))
                .toList();
    }

    /** A configured tenant; its token only as a digest. */
    public record KnownTenant(String id, String subaccountId, SecretDigest token) {
    }

    /** The tenants whose registered Authorization value equals {@code authorization}; empty when none does. */
    public List<KnownTenant> authenticate(String authorization) {
        List<KnownTenant> matches = new ArrayList<>(1);
        for (KnownTenant tenant : tenants) {
            if (tenant.token().matches(authorization)) {
                matches.add(tenant);
            }
        }
        return matches;
    }

    /** Of the authenticated tenants, the one that owns the subaccount the payload names. */
    public static Optional<KnownTenant> owning(List<KnownTenant> authenticated, String subAccountId) {
        return authenticated.stream().filter(t -> t.subaccountId().equals(subAccountId)).findFirst();
    }
}
