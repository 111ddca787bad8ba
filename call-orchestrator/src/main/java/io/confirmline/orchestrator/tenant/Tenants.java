package io.confirmline.orchestrator.tenant;

import io.confirmline.prompt.PromptCatalog;
import io.confirmline.prompt.TenantPrompts;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The tenants as the orchestrator uses them: read from the {@link TenantDirectory} each time they are needed, so a
 * change published on {@code tenants.v1} applies to the next booking, call or request without a restart. Only
 * the prompt catalogue built from a tenant's templates is kept, per tenant revision ({@link TenantPrompts}).
 */
@Component
public class Tenants {

    /** The reason a disabled tenant's booking or message is not called, as the platform reads it. */
    public static final String DISABLED_REASON = "TENANT_DISABLED: the tenant is switched off, no new calls are placed";

    private final TenantDirectory directory;
    private final TenantPrompts prompts = new TenantPrompts();

    public Tenants(TenantDirectory directory) {
        this.directory = directory;
    }

    /** The tenant, enabled or not; empty when the directory does not know it (never published, or deleted). */
    public Optional<Tenant> byId(String id) {
        return directory.byId(id);
    }

    /** The tenant one of whose platform API keys this is, enabled or not; every key of every tenant is compared. */
    public Optional<Tenant> byPlatformKey(String key) {
        return directory.byPlatformKey(key);
    }

    /** The ids of every tenant the directory holds now, enabled or not. */
    public Set<String> ids() {
        return directory.all().stream().map(Tenant::id).collect(Collectors.toUnmodifiableSet());
    }

    /** The words of the tenant's calls, as its settings are now: its templates over the shipped ones, its digits. */
    public PromptCatalog prompts(Tenant tenant) {
        return prompts.of(tenant);
    }
}
