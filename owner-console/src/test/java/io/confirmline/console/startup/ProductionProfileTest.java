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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.confirmline.console.OwnerConsoleApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The production profile refuses the local stack's stand-ins before anything connects anywhere, naming each: the
 * console started as an operator would, settings on the command line over application.yml's defaults.
 */
class ProductionProfileTest {

    /** A production configuration with nothing left to refuse. */
    static Map<String, String> production() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", "production");
        settings.put("spring.r2dbc.password", "a-database-password");
        settings.put(
                "confirmline.secrets.key",
                "k2026:"
                        + java.util.Base64.getEncoder()
                                .encodeToString("0123456789abcdef0123456789abcdef".getBytes(UTF_8)));
        settings.put("confirmline.console.admin-token", "a-production-admin-token-0123456789");
        settings.put("confirmline.tenants[0].id", "luigis");
        settings.put("confirmline.tenants[0].callback-url", "https://platform.example/webhooks/confirmline");
        settings.put("confirmline.tenants[0].caller-id", "+34910000000");
        return settings;
    }

    /** What starting the console with {@code settings} fails with. */
    static String refusal(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(OwnerConsoleApplication.class)
                .web(WebApplicationType.REACTIVE)
                .run(args.toArray(String[]::new))
                .close());
        assertThat(failure).as("the console started").isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Test
    void anEmptyDatabasePasswordIsRefused() {
        Map<String, String> settings = production();
        settings.put("spring.r2dbc.password", "");
        assertThat(refusal(settings))
                .startsWith("Production profile: refusing to start with demo values")
                .contains("spring.r2dbc.password (CONFIRMLINE_DB_PASSWORD) is empty")
                .doesNotContain("admin-token", "caller-id", "callback-url", "secrets.key");
    }

    @Test
    void aMissingSecretsKeyIsRefused() {
        Map<String, String> settings = production();
        settings.put("confirmline.secrets.key", "");
        assertThat(refusal(settings))
                .contains("confirmline.secrets.key (CONFIRMLINE_SECRETS_KEY) is not set")
                .doesNotContain("r2dbc", "admin-token");
    }

    @Test
    void anEmptyAdminTokenIsRefused() {
        Map<String, String> settings = production();
        settings.put("confirmline.console.admin-token", "");
        assertThat(refusal(settings))
                .contains("confirmline.console.admin-token (CONFIRMLINE_ADMIN_TOKEN) is empty")
                .doesNotContain("r2dbc", "caller-id");
    }

    @Test
    void aTenantCallingBackToThisMachineIsRefused() {
        for (String url : List.of(
                "http://127.0.0.1:8090/webhooks/confirmline",
                "http://localhost/hooks",
                "https://[::1]:8443/hooks",
                "http://api.localhost/hooks")) {
            Map<String, String> settings = production();
            settings.put("confirmline.tenants[0].callback-url", url);
            assertThat(refusal(settings))
                    .as(url)
                    .contains("confirmline.tenants[0] (luigis) callback-url is on this machine");
        }
    }

    @Test
    void theDemoCallerIdIsRefused() {
        Map<String, String> settings = production();
        settings.put("confirmline.tenants[0].caller-id", "+6568888888");
        assertThat(refusal(settings))
                .contains("confirmline.tenants[0] (luigis) caller-id is the demo caller id +6568888888")
                .doesNotContain("callback-url");
    }

    @Test
    void everyDemoValueIsNamedInOneRefusal() {
        // application.yml's defaults as they are, under the production profile.
        String refusal = refusal(Map.of("spring.profiles.active", "production"));
        assertThat(refusal)
                .contains(
                        "spring.r2dbc.password",
                        "confirmline.secrets.key",
                        "confirmline.console.admin-token",
                        "callback-url is on this machine",
                        "caller-id is the demo caller id");
    }

    @Test
    void aProductionConfigurationWithoutDemoValuesPassesTheChecks() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("production", new LinkedHashMap<>(production())));
        environment.setActiveProfiles("production");
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "r2dbc", Map.of("spring.r2dbc.url", "r2dbc:postgresql://db:5432/confirmline")));
        new ProductionTenantCheck().postProcessEnvironment(environment, new SpringApplication());
        new io.confirmline.production.ProductionSettingsCheck()
                .postProcessEnvironment(environment, new SpringApplication());
        // Outside the production profile the same demo values are the local stack's and pass.
        StandardEnvironment local = new StandardEnvironment();
        local.getPropertySources()
                .addFirst(new MapPropertySource(
                        "local",
                        Map.of(
                                "confirmline.tenants[0].id",
                                "demo",
                                "confirmline.tenants[0].caller-id",
                                "+6568888888")));
        new ProductionTenantCheck().postProcessEnvironment(local, new SpringApplication());
    }
}
