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
package io.confirmline.console.tenant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the admin API answers about a tenant: its settings in the shape a PUT takes, and its secrets by id and age
 * only — never a value, never a digest. A secret the console made is in {@code generated}, in the one answer that
 * made it.
 */
final class TenantView {

    private TenantView() {}

    static Map<String, Object> of(TenantService.Changed tenant) {
        TenantRow row = tenant.row();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", row.id());
        out.put("revision", row.revision());
        out.put("enabled", row.enabled());
        out.putAll(TenantJson.write(row.settings()));
        Map<String, Object> secrets = new LinkedHashMap<>();
        for (SecretKind kind : SecretKind.values()) {
            if (!kind.administered()) {
                continue; // the console key never leaves the console, not even by its id
            }
            List<Map<String, Object>> listed = new ArrayList<>();
            tenant.secrets().stream().filter(s -> s.kind() == kind).forEach(s -> listed.add(secret(s)));
            secrets.put(kind.field(), listed);
        }
        out.put("secrets", secrets);
        out.put("createdAt", row.createdAt());
        out.put("updatedAt", row.updatedAt());
        if (!tenant.generated().isEmpty()) {
            Map<String, Object> generated = new LinkedHashMap<>();
            tenant.generated()
                    .forEach((kind, values) -> generated.put(
                            kind.field(),
                            values.stream()
                                    .filter(g -> g.value() != null)
                                    .map(g -> Map.of("id", g.id(), "value", g.value()))
                                    .toList()));
            out.put("generated", generated);
        }
        return out;
    }

    /** One line of the tenant list. */
    static Map<String, Object> summary(TenantRow row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", row.id());
        out.put("displayName", row.settings().displayName());
        out.put("enabled", row.enabled());
        out.put("revision", row.revision());
        out.put("updatedAt", row.updatedAt());
        return out;
    }

    static Map<String, Object> secret(StoredSecret secret) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", secret.id());
        out.put("createdAt", secret.createdAt());
        if (secret.kind().sealed()) {
            // Which secrets key seals it: after a key rotation, all should name the new one.
            out.put("keyId", secret.keyId());
        }
        return out;
    }
}
