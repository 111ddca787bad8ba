package io.confirmline.console.tenant;

import io.confirmline.tenant.TenantSettings;
import java.time.Instant;

/** One row of {@code tenant}: the non-secret settings (no secrets in {@code settings}) and its revision. */
public record TenantRow(String id, long revision, boolean enabled, TenantSettings settings, Instant createdAt,
        Instant updatedAt) {
}
