package io.confirmline.orchestrator.tenant;

import io.confirmline.orchestrator.prompt.PromptCatalog;
import io.confirmline.orchestrator.tenant.OrchestratorTenantProperties.Tenant;
import io.confirmline.security.SecretDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The configured tenants, by id and by the platform's API key. */
@Component
public class Tenants {

    private final Map<String, Tenant> byId;
    private final Map<Tenant, SecretDigest> platformKeys;
    private final Map<String, PromptCatalog> prompts;

    /** @throws IllegalStateException naming the tenant and the template when a prompt template is invalid */
    public Tenants(OrchestratorTenantProperties properties) {
        this.byId = properties.tenants().stream().collect(Collectors.toUnmodifiableMap(Tenant::id, Function.identity()));
        this.platformKeys = properties.tenants().stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), t -> SecretDigest.of(t.platformApiKey())));
        this.prompts = properties.tenants().stream().collect(Collectors.toUnmodifiableMap(Tenant::id, Tenants::catalog));
    }

    private static PromptCatalog catalog(Tenant tenant) {
        try {
            return new PromptCatalog(tenant.prompts(), tenant.confirmDigit(), tenant.cancelDigit());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Tenant " + tenant.id() + ": " + e.getMessage(), e);
        }
    }

    /** The words of the tenant's calls: its templates over the shipped ones, saying its digits. */
    public PromptCatalog prompts(String tenantId) {
        PromptCatalog catalog = prompts.get(tenantId);
        if (catalog == null) {
            throw new IllegalArgumentException("Unknown tenant " + tenantId);
        }
        return catalog;
    }

    public Optional<Tenant> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    /** The tenant whose platform API key this is; every tenant is compared, without an early exit. */
    public Optional<Tenant> byPlatformKey(String key) {
        Tenant found = null;
        for (Map.Entry<Tenant, SecretDigest> entry : platformKeys.entrySet()) {
            if (entry.getValue().matches(key)) {
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }
}
