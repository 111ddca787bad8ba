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
package io.confirmline.prompt;

import io.confirmline.tenant.PromptTemplates;
import io.confirmline.tenant.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's prompt catalogue, built once per revision of its settings: a tenant whose templates or digits
 * change on {@code tenants.v1} is heard with the new ones from its next call.
 */
public final class TenantPrompts {

    private static final Logger log = LoggerFactory.getLogger(TenantPrompts.class);

    private final Map<String, Built> byTenant = new ConcurrentHashMap<>();

    /** A tenant's catalogue as built for one revision. */
    private record Built(long revision, PromptCatalog catalog) {}

    /**
     * The words of the tenant's calls: its templates over the shipped ones, saying its digits. A template the
     * grammar refuses (the console checks by the same {@link PromptTemplates}, so only a record written around
     * it) is left out with an error naming it, and the shipped sentence is said instead.
     */
    public PromptCatalog of(Tenant tenant) {
        Built held = byTenant.get(tenant.id());
        if (held != null && held.revision() == tenant.revision()) {
            return held.catalog();
        }
        Built built = new Built(
                tenant.revision(),
                new PromptCatalog(
                        sayable(tenant),
                        tenant.digits().confirm(),
                        tenant.digits().cancel(),
                        tenant.digits().transfer()));
        byTenant.put(tenant.id(), built);
        return built.catalog();
    }

    private static Map<String, Map<String, String>> sayable(Tenant tenant) {
        List<String> problems = PromptTemplates.problems(tenant.prompts());
        if (problems.isEmpty()) {
            return tenant.prompts();
        }
        log.error(
                "Tenant {} revision {}: templates left out, the shipped sentences are said instead: {}",
                tenant.id(),
                tenant.revision(),
                String.join("; ", problems));
        Map<String, Map<String, String>> kept = new LinkedHashMap<>();
        tenant.prompts().forEach((language, templates) -> {
            Map<String, String> good = new LinkedHashMap<>();
            templates.forEach((name, text) -> {
                if (PromptTemplates.problems(Map.of(language, Map.of(name, text)))
                        .isEmpty()) {
                    good.put(name, text);
                }
            });
            kept.put(language, good);
        });
        return kept;
    }
}
