package io.confirmline.ingress.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the tenant a webhook belongs to and checks its {@code Authorization} value. The comparison takes the same
 * time whatever the value and whichever tenant it matches: both sides are hashed first (so their lengths do not
 * leak) and every tenant is compared, without an early exit.
 */
@Component
public class TenantDirectory {

    private final List<KnownTenant> tenants;

    public TenantDirectory(IngressTenantProperties properties) {
        this.tenants = properties.tenants().stream()
                .map(t -> new KnownTenant(t.id(), t.subaccountId(), digest(t.authToken())))
                .toList();
    }

    /** A configured tenant; its token only as a digest. */
    public record KnownTenant(String id, String subaccountId, byte[] tokenDigest) {
    }

    /** The tenants whose registered Authorization value equals {@code authorization}; empty when none does. */
    public List<KnownTenant> authenticate(String authorization) {
        byte[] presented = digest(authorization == null ? "" : authorization);
        List<KnownTenant> matches = new ArrayList<>(1);
        for (KnownTenant tenant : tenants) {
            if (MessageDigest.isEqual(presented, tenant.tokenDigest()) & authorization != null) {
                matches.add(tenant);
            }
        }
        return matches;
    }

    /** Of the authenticated tenants, the one that owns the subaccount the payload names. */
    public static Optional<KnownTenant> owning(List<KnownTenant> authenticated, String subAccountId) {
        return authenticated.stream().filter(t -> t.subaccountId().equals(subAccountId)).findFirst();
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
