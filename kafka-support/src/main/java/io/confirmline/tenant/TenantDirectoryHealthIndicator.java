package io.confirmline.tenant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Readiness: DOWN until the tenant directory has caught up with {@code tenants.v1}. */
public class TenantDirectoryHealthIndicator implements HealthIndicator {

    private final TenantDirectory directory;

    public TenantDirectoryHealthIndicator(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Health health() {
        Health.Builder builder = directory.isCaughtUp() ? Health.up() : Health.down();
        return builder.withDetail("tenants", directory.all().size()).build();
    }
}
