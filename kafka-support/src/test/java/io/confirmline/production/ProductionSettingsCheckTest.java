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
package io.confirmline.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.tenant.SecretsCipher;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Every service's refusal of demo values under the production profile, and nothing outside it. */
class ProductionSettingsCheckTest {

    static final String KEY = "k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    static StandardEnvironment environment(Map<String, Object> settings, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(settings)));
        environment.setActiveProfiles(profiles);
        return environment;
    }

    static void check(StandardEnvironment environment) {
        new ProductionSettingsCheck().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void anEmptyDatabasePasswordAndTheDemoKeyAreNamedTogether() {
        StandardEnvironment environment = environment(
                Map.of(
                        "spring.r2dbc.url",
                        "r2dbc:postgresql://db/confirmline",
                        "spring.r2dbc.password",
                        "",
                        "confirmline.secrets.key",
                        SecretsCipher.DEMO_KEY),
                "production");
        assertThatThrownBy(() -> check(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.r2dbc.password (CONFIRMLINE_DB_PASSWORD) is empty")
                .hasMessageContaining("confirmline.secrets.key (CONFIRMLINE_SECRETS_KEY) is not set");
    }

    @Test
    void aServiceWithoutADatabaseNeedsNoPasswordAndAKeyPasses() {
        check(environment(Map.of("confirmline.secrets.key", KEY), "production"));
        assertThat(ProductionSettingsCheck.problems(environment(
                        Map.of(
                                "spring.r2dbc.url",
                                "r2dbc:postgresql://db/x",
                                "spring.r2dbc.password",
                                "secret",
                                "confirmline.secrets.key",
                                KEY),
                        "production")))
                .isEmpty();
    }

    @Test
    void outsideTheProductionProfileNothingIsRefused() {
        check(environment(
                Map.of("spring.r2dbc.url", "r2dbc:postgresql://db/confirmline", "spring.r2dbc.password", "")));
    }
}
