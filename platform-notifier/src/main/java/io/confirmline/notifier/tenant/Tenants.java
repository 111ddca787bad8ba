package io.confirmline.notifier.tenant;

import io.confirmline.notifier.signing.WebhookSigner;
import io.confirmline.notifier.tenant.NotifierTenantProperties.Tenant;
import io.confirmline.security.SecretDigest;
import java.net.URI;
import java.util.List;
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
        properties.tenants().forEach(Tenants::validate);
        this.byId = properties.tenants().stream().collect(Collectors.toUnmodifiableMap(Tenant::id, Function.identity()));
        this.apiKeys = properties.tenants().stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), tenant -> SecretDigest.of(tenant.platformApiKey())));
    }

    /**
     * Fails start-up for what would otherwise fail every delivery of the tenant. Messages name the tenant and the
     * secret's position, never the secret.
     */
    private static void validate(Tenant tenant) {
        URI url = tenant.callbackUrl();
        String scheme = url.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalStateException("Tenant " + tenant.id() + ": callback-url must be http(s)");
        }
        if (url.getRawAuthority() == null || url.getRawAuthority().isBlank()) {
            throw new IllegalStateException("Tenant " + tenant.id() + ": callback-url has no host");
        }
        List<String> secrets = tenant.signingSecrets();
        for (int i = 0; i < secrets.size(); i++) {
            int position = i;
            WebhookSigner.problem(secrets.get(i)).ifPresent(problem -> {
                throw new IllegalStateException("Tenant " + tenant.id() + ": signing-secrets[" + position + "] "
                        + problem + " (a Standard Webhooks secret is whsec_ followed by the base64 key)");
            });
        }
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
