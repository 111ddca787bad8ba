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

import io.confirmline.tenant.SecretsCipher;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Under the {@code production} profile, refuses to start a service whose settings still hold the local stack's
 * stand-ins, naming each: an empty database password, no secrets key (tenant secrets would be sealed under the
 * public demo key). Runs before any bean, so nothing connects anywhere with such settings. Every service has it
 * (kafka-support); a service adds its own checks with {@link #refuse}.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

    public static final String PROFILE = "production";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of(PROFILE))) {
            refuse(problems(environment));
        }
    }

    /** The demo values every service refuses in production, each named with its setting and variable. */
    public static List<String> problems(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        if (!blank(environment.getProperty("spring.r2dbc.url"))
                && blank(environment.getProperty("spring.r2dbc.password"))) {
            problems.add("spring.r2dbc.password (CONFIRMLINE_DB_PASSWORD) is empty");
        }
        String key = environment.getProperty("confirmline.secrets.key");
        if (blank(key) || SecretsCipher.DEMO_KEY.equals(key.trim())) {
            problems.add("confirmline.secrets.key (CONFIRMLINE_SECRETS_KEY) is not set: tenant secrets would be"
                    + " sealed under the public demo key");
        }
        return problems;
    }

    /** Fails the start naming every demo value found; nothing when there is none. */
    public static void refuse(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Production profile: refusing to start with demo values: " + String.join("; ", problems));
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** After the configuration files are read, so that the profiles and settings are known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
