package io.confirmline.notifier.tenant;

import io.confirmline.notifier.tenant.NotifierTenantProperties.Tenant;
import io.confirmline.security.SecretDigest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Looks tenants up by id, and by API key in constant time. */
@Component
public class Tenants {

    private final Map<String, Tenant> byId;
    private final Map<Tenant, SecretDigest> apiKeys;

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
        this.apiKeys = properties.tenants().stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), tenant -> SecretDigest.of(tenant.platformApiKey())));
    }

    public Optional<Tenant> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The tenant whose API key this is; every tenant is compared, without an early exit. */
    public Optional<Tenant> byApiKey(String apiKey) {
        Tenant found = null;
        for (Map.Entry<Tenant, SecretDigest> key : apiKeys.entrySet()) {
            if (key.getValue().matches(apiKey)) {
                found = key.getKey();
            }
        }
        return Optional.ofNullable(found);
    }
}
