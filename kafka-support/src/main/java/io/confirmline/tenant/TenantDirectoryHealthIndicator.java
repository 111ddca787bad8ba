/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
