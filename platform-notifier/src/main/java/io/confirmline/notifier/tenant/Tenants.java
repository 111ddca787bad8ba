package io.confirmline.notifier.tenant;

import io.confirmline.notifier.tenant.NotifierTenantProperties.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Looks tenants up by id, and by API key in constant time. */
@Component
public class Tenants {

    private final Map<String, Tenant> byId;

    public Tenants(NotifierTenantProperties properties) {
        for (Tenant tenant : properties.tenants()) {
            String scheme = tenant.callbackUrl().getScheme();
            if (!"https".equals(scheme) && !"http".equals(scheme)) {
                throw new IllegalStateException("Tenant " + tenant.id() + ": callback-url must be http(s)");
            }
            tenant.signingSecrets().forEach(secret -> {
                if (!secret.startsWith("whsec_")) {
                    throw new IllegalStateException("Tenant " + tenant.id() + ": signing secrets start with whsec_");
                }
            });
        }
        this.byId = properties.tenants().stream().collect(Collectors.toUnmodifiableMap(Tenant::id, Function.identity()));
    }

    public Optional<Tenant> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The tenant whose API key this is; every tenant is compared, without an early exit. */
    public Optional<Tenant> byApiKey(String apiKey) {
        if (apiKey == null) {
            return Optional.empty();
        }
        byte[] presented = sha256(apiKey);
        Tenant found = null;
        for (Tenant tenant : byId.values()) {
            if (MessageDigest.isEqual(presented, sha256(tenant.apiKey()))) {
                found = tenant;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Compares secrets in constant time: both are hashed first, so not even their lengths leak. */
    public static boolean sameSecret(String presented, String expected) {
        return presented != null && MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
