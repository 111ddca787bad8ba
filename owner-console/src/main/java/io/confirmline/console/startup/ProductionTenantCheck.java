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
package io.confirmline.console.startup;

import io.confirmline.console.tenant.DemoValues;
import io.confirmline.production.ProductionSettingsCheck;
import io.confirmline.tenant.TenantSettings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The console's part of the production profile's refusal (the database password and the secrets key are checked
 * by every service, {@link ProductionSettingsCheck}): an empty admin token, and a YAML tenant that still has a
 * demo value — a callback URL on this machine, the demo caller id — each named.
 */
public class ProductionTenantCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(ProductionSettingsCheck.PROFILE))) {
            return;
        }
        List<String> problems = new ArrayList<>(ProductionSettingsCheck.problems(environment));
        String token = environment.getProperty("confirmline.console.admin-token");
        if (token == null || token.isBlank()) {
            problems.add("confirmline.console.admin-token (CONFIRMLINE_ADMIN_TOKEN) is empty");
        }
        List<TenantSettings> tenants = Binder.get(environment)
                .bind("confirmline.tenants", Bindable.listOf(TenantSettings.class))
                .orElse(List.of());
        for (int i = 0; i < tenants.size(); i++) {
            String prefix = "confirmline.tenants[" + i + "] (" + tenants.get(i).id() + ") ";
            DemoValues.callbackUrlProblem(tenants.get(i).callbackUrl())
                    .ifPresent(p -> problems.add(prefix + "callback-url " + p));
            DemoValues.callerIdProblem(tenants.get(i).callerId())
                    .ifPresent(p -> problems.add(prefix + "caller-id " + p));
        }
        ProductionSettingsCheck.refuse(problems);
    }

    /** Before the generic check, and naming its findings too: one refusal lists every demo value. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 20;
    }
}
