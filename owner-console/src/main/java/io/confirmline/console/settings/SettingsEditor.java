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
package io.confirmline.console.settings;

import io.confirmline.console.tenant.ClearSecrets;
import io.confirmline.console.tenant.TenantJson;
import io.confirmline.console.tenant.TenantRow;
import io.confirmline.console.tenant.TenantService;
import io.confirmline.console.tenant.TenantValidator;
import io.confirmline.web.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An owner's change of their tenant's settings, made exactly as the admin API's {@code PUT} makes it: the stored
 * settings with the page's fields written over them are read by {@link TenantJson} and checked by
 * {@link TenantValidator}, then {@link TenantService#update} stores, publishes (tenants.v1 through the outbox, so
 * every service follows without a restart) and audits the change (who, which settings; never values).
 */
@Service
public class SettingsEditor {

    /**
     * What came of a change: nothing wrong (and saved), or the registry's problems by its field names
     * ({@code leadTime}, {@code openingHours[2].closes}, {@code prompts.es.goodbye}) and, for a refusal that names no
     * field, its detail.
     */
    public record Outcome(Map<String, String> problems, String detail) {

        static Outcome saved() {
            return new Outcome(Map.of(), null);
        }

        public boolean isSaved() {
            return problems.isEmpty() && detail == null;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantService tenants;

    public SettingsEditor(TenantService tenants) {
        this.tenants = tenants;
    }

    /** The tenant's stored row. */
    public Mono<TenantRow> current(String tenantId) {
        return tenants.find(tenantId).map(TenantService.Changed::row);
    }

    /** Applies {@code change} to the stored settings (in the registry's JSON shape) and saves the result if valid. */
    public Mono<Outcome> change(String tenantId, UnaryOperator<Map<String, Object>> change, TenantService.Actor actor) {
        return current(tenantId).flatMap(row -> {
            Map<String, Object> json = change.apply(new LinkedHashMap<>(TenantJson.write(row.settings())));
            JsonNode body = JSON.valueToTree(json);
            TenantJson.Parsed parsed = TenantJson.read(body, TenantJson.Mode.UPDATE, tenantId, row.enabled());
            TenantValidator.check(parsed.settings(), ClearSecrets.none(), tenants.rules(false), parsed.problems());
            if (!parsed.problems().isEmpty()) {
                return Mono.just(refused(parsed.problems().errors(), null));
            }
            return tenants.update(tenantId, parsed.settings(), actor)
                    .thenReturn(Outcome.saved())
                    .onErrorResume(ProblemException.class, e -> Mono.just(refused(e.errors(), e.detail())));
        });
    }

    private static Outcome refused(List<ProblemException.FieldError> errors, String detail) {
        Map<String, String> problems = new LinkedHashMap<>();
        errors.forEach(error -> problems.putIfAbsent(error.field(), error.message()));
        return new Outcome(problems, problems.isEmpty() && detail == null ? "refused" : detail);
    }
}
