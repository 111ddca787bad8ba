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
package io.confirmline.orchestrator;

import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.SecretsProperties;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantRecords;
import io.confirmline.tenant.TenantSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The secrets of the tenant the orchestrator's tests configure, and tenants written the way YAML declares them. */
public final class TestTenant {

    /** The platform's Bearer key for {@code /api/**}. */
    public static final String PLATFORM_KEY = "luigis-platform-key-0123456789";

    private static final SecretsCipher CIPHER = SecretsCipher.from(new SecretsProperties("", List.of()));

    private TestTenant() {}

    /**
     * A tenant's settings from {@code name=value} pairs in the shape of one {@code confirmline.tenants[*]} block
     * (e.g. {@code "platform-api-keys[0]=k1"}), bound as the console's import and the test fixture bind them.
     */
    public static TenantSettings settings(String... properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String property : properties) {
            int equals = property.indexOf('=');
            map.put("tenant." + property.substring(0, equals), property.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(map))
                .bind("tenant", TenantSettings.class)
                .get();
    }

    /** The tenant these settings describe, as a service's tenant directory holds it at {@code revision}. */
    public static Tenant tenant(TenantSettings settings, long revision) {
        return TenantRecords.toTenant(
                TenantRecords.toEvent(settings, TenantRecords.secretsOf(settings), revision, Instant.now(), CIPHER),
                CIPHER);
    }
}
