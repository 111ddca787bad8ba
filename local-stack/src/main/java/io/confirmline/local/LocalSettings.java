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
package io.confirmline.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which value each setting of a {@code ./run-local} application gets. The local stack's own values (its ports, the
 * sandboxes, the demo tenant, which only the owner console is given) are only defaults: the environment variables
 * the README documents ({@code EIGHT_BY_EIGHT_BASE_URL}, {@code CONFIRMLINE_TENANT_CALLBACK_URL}, ...) and
 * Spring's own environment form of the property ({@code CONFIRMLINE_DIALING_BASEURL}) win over them, and
 * {@code CONFIRMLINE_LOCAL_ARGS_<APPLICATION>} ({@code --name=value} words) wins over both.
 *
 * <p>The applications get their settings as command-line arguments, which Spring ranks above the environment; so
 * the precedence is decided here, before the arguments are written, rather than left to Spring.
 */
public final class LocalSettings {

    /** Prefix of the variables holding extra arguments for one application, e.g. {@code ..._CALL_ORCHESTRATOR}. */
    public static final String EXTRA_ARGS_PREFIX = "CONFIRMLINE_LOCAL_ARGS_";

    /** The environment variables the README's configuration table and the applications' application.yml name. */
    static final Map<String, String> DOCUMENTED = Map.ofEntries(
            Map.entry("spring.kafka.bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS"),
            Map.entry("confirmline.kafka.registry-url", "SCHEMA_REGISTRY_URL"),
            Map.entry("confirmline.secrets.key", "CONFIRMLINE_SECRETS_KEY"),
            Map.entry("confirmline.tenants[0].id", "CONFIRMLINE_TENANT_ID"),
            Map.entry("confirmline.tenants[0].display-name", "CONFIRMLINE_TENANT_NAME"),
            Map.entry("confirmline.tenants[0].subaccount-id", "CONFIRMLINE_TENANT_SUBACCOUNT_ID"),
            Map.entry("confirmline.tenants[0].auth-token", "CONFIRMLINE_TENANT_WEBHOOK_AUTH"),
            Map.entry("confirmline.tenants[0].callback-url", "CONFIRMLINE_TENANT_CALLBACK_URL"),
            Map.entry("confirmline.tenants[0].signing-secrets", "CONFIRMLINE_TENANT_SIGNING_SECRETS"),
            Map.entry("confirmline.tenants[0].platform-api-key", "CONFIRMLINE_TENANT_PLATFORM_API_KEY"),
            Map.entry("confirmline.tenants[0].api-key", "CONFIRMLINE_TENANT_8X8_API_KEY"),
            Map.entry("confirmline.tenants[0].caller-id", "CONFIRMLINE_TENANT_CALLER_ID"),
            Map.entry("confirmline.tenants[0].account-id", "CONFIRMLINE_TENANT_8X8_ACCOUNT_ID"),
            Map.entry("confirmline.tenants[0].sms-subaccount-id", "CONFIRMLINE_TENANT_SMS_SUBACCOUNT_ID"),
            Map.entry("confirmline.tenants[0].sms-numbers", "CONFIRMLINE_TENANT_SMS_NUMBERS"),
            Map.entry("confirmline.tenants[0].virtual-numbers", "CONFIRMLINE_TENANT_VIRTUAL_NUMBERS"),
            Map.entry("confirmline.tenants[0].time-zone", "CONFIRMLINE_TENANT_TIME_ZONE"),
            Map.entry("confirmline.notifier.admin-token", "CONFIRMLINE_ADMIN_TOKEN"),
            Map.entry("confirmline.console.admin-token", "CONFIRMLINE_ADMIN_TOKEN"),
            Map.entry("confirmline.ingress.publish.spool-directory", "CONFIRMLINE_INGRESS_SPOOL"),
            Map.entry("confirmline.dialing.base-url", "EIGHT_BY_EIGHT_BASE_URL"),
            // The console registers the tenants' webhooks at the same 8x8 the orchestrator calls.
            Map.entry("confirmline.console.eight-by-eight.base-url", "EIGHT_BY_EIGHT_BASE_URL"),
            // 8x8's SMS API: the orchestrator sends texts there, the console registers the SMS webhooks there.
            Map.entry("confirmline.sms.base-url", "EIGHT_BY_EIGHT_SMS_BASE_URL"),
            // The assistant's provider (issue #17): the local stub unless these point the orchestrator elsewhere.
            Map.entry("confirmline.assistant.base-url", "CONFIRMLINE_ASSISTANT_BASE_URL"),
            Map.entry("confirmline.assistant.api-key", "CONFIRMLINE_ASSISTANT_API_KEY"),
            Map.entry("confirmline.console.eight-by-eight.sms-base-url", "EIGHT_BY_EIGHT_SMS_BASE_URL"),
            Map.entry("spring.r2dbc.url", "CONFIRMLINE_DB_R2DBC_URL"),
            Map.entry("spring.flyway.url", "CONFIRMLINE_DB_JDBC_URL"),
            Map.entry("spring.r2dbc.username", "CONFIRMLINE_DB_USER"),
            Map.entry("spring.flyway.user", "CONFIRMLINE_DB_USER"),
            Map.entry("spring.r2dbc.password", "CONFIRMLINE_DB_PASSWORD"),
            Map.entry("spring.flyway.password", "CONFIRMLINE_DB_PASSWORD"),
            Map.entry("sandbox.subaccounts[0].id", "CONFIRMLINE_TENANT_SUBACCOUNT_ID"),
            Map.entry("sandbox.subaccounts[0].api-key", "CONFIRMLINE_TENANT_8X8_API_KEY"),
            Map.entry("sandbox.subaccounts[0].vca-url", "SANDBOX_VCA_URL"),
            Map.entry("sandbox.subaccounts[0].vss-url", "SANDBOX_VSS_URL"),
            Map.entry("sandbox.subaccounts[0].webhook-authorization", "CONFIRMLINE_TENANT_WEBHOOK_AUTH"),
            Map.entry("sandbox.subaccounts[0].numbers", "CONFIRMLINE_TENANT_VIRTUAL_NUMBERS"),
            Map.entry("sandbox.sms.subaccounts[0].id", "CONFIRMLINE_TENANT_SMS_SUBACCOUNT_ID"),
            Map.entry("sandbox.sms.subaccounts[0].account-id", "CONFIRMLINE_TENANT_8X8_ACCOUNT_ID"),
            Map.entry("sandbox.sms.subaccounts[0].api-key", "CONFIRMLINE_TENANT_8X8_API_KEY"),
            Map.entry("sandbox.sms.subaccounts[0].numbers", "CONFIRMLINE_TENANT_SMS_NUMBERS"),
            Map.entry("sandbox.sms.subaccounts[0].mo-url", "SANDBOX_SMS_MO_URL"),
            Map.entry("sandbox.sms.subaccounts[0].dr-url", "SANDBOX_SMS_DR_URL"),
            Map.entry("sandbox.sms.subaccounts[0].webhook-authorization", "CONFIRMLINE_TENANT_WEBHOOK_AUTH"),
            Map.entry("platform-sandbox.signing-secrets", "CONFIRMLINE_TENANT_SIGNING_SECRETS"));

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(key|token|secret|password|auth).*");
    /** Environment names of settings that may decide whether a bean exists: see {@link #settingThatDecidesBeans}. */
    private static final Pattern DECIDES_BEANS =
            Pattern.compile("(MANAGEMENT|SPRINGDOC|SPRING_MAIN|SPRING_PROFILES|SPRING_AUTOCONFIGURE|SPRING_CONFIG)_.*"
                    + "|SPRING_APPLICATION_JSON|.*(ENABLED|_CREATETOPICS|_CREATE_TOPICS)");

    /** Variables whose {@code -Dname=value} words every application's JVM also gets. */
    private static final List<String> JVM_OPTION_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "CONFIRMLINE_LOCAL_JVM_OPTIONS");

    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([^=\\s]+)(=.*)?", Pattern.DOTALL);

    private static final Pattern ARGUMENT = Pattern.compile("--([^=\\s]+)=(.*)", Pattern.DOTALL);

    /** Where a value that is not the local default came from, for the start-up message. */
    public record Origin(String application, String property, String value, String source) {

        /** {@code property=value (from SOURCE)}, with the value of a key, token or password hidden. */
        @Override
        public String toString() {
            String shown = SECRET_NAME.matcher(property).matches() ? "***" : value;
            return application + ": " + property + "=" + shown + " (from " + source + ")";
        }
    }

    /** The settings one application starts with, and which of them are not the local defaults. */
    public record Resolved(Map<String, String> settings, List<Origin> overrides) {}

    private final Map<String, String> environment;

    public LocalSettings(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The settings of {@code application} (e.g. {@code call-orchestrator}) given the stack's local defaults. */
    public Resolved resolve(String application, Map<String, String> localDefaults) {
        Map<String, String> settings = new LinkedHashMap<>(localDefaults);
        List<Origin> overrides = new ArrayList<>();
        for (String property : localDefaults.keySet()) {
            for (String variable : environmentNames(property)) {
                String value = environment.get(variable);
                if (value != null && !value.isBlank()) {
                    settings.put(property, value);
                    overrides.add(new Origin(application, property, value, variable));
                    break;
                }
            }
        }
        String extraVariable = extraArgsVariable(application);
        String extra = environment.get(extraVariable);
        if (extra != null && !extra.isBlank()) {
            for (String word : words(extra, extraVariable)) {
                var argument = ARGUMENT.matcher(word);
                if (!argument.matches()) {
                    throw new IllegalArgumentException(extraVariable + ": '" + word + "' is not --name=value");
                }
                // Replaced, not appended: Spring joins a repeated command-line argument into "a,b".
                settings.put(argument.group(1), argument.group(2));
                overrides.removeIf(o -> o.property().equals(argument.group(1)));
                overrides.add(new Origin(application, argument.group(1), argument.group(2), extraVariable));
            }
        }
        return new Resolved(settings, List.copyOf(overrides));
    }

    /**
     * The first setting given, through the environment or {@code CONFIRMLINE_LOCAL_ARGS_*}, that may decide which
     * beans an application has, e.g. {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT} (the OTLP exporter
     * exists only when it is set): Spring AOT decides those conditions when the services are built, with their
     * {@code application.yml} defaults, so with such a setting they must start without it. Which names count is a
     * broad rule on purpose (every {@code management.*}, {@code springdoc.*}, {@code spring.main.*},
     * {@code spring.autoconfigure.*}, {@code spring.config.*}, {@code SPRING_APPLICATION_JSON} and profile, and
     * anything that is an {@code enabled} switch or creates topics, also as {@code -D} words of the JVM options every
     * application inherits): a false alarm costs a slower start, a miss a feature silently off.
     */
    public Optional<String> settingThatDecidesBeans() {
        for (Map.Entry<String, String> variable : new java.util.TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (name.startsWith(EXTRA_ARGS_PREFIX)) {
                for (String word : words(variable.getValue(), name)) {
                    var argument = ARGUMENT.matcher(word);
                    if (argument.matches()
                            && DECIDES_BEANS
                                    .matcher(springEnvironmentName(argument.group(1)))
                                    .matches()) {
                        return Optional.of(argument.group(1) + " (in " + name + ")");
                    }
                }
            } else if (JVM_OPTION_VARIABLES.contains(name)) {
                for (String word : words(variable.getValue(), name)) {
                    var property = SYSTEM_PROPERTY.matcher(word);
                    if (property.matches()
                            && !property.group(1).startsWith("confirmline.jvm.")
                            && DECIDES_BEANS
                                    .matcher(springEnvironmentName(property.group(1)))
                                    .matches()) {
                        return Optional.of(property.group(1) + " (in " + name + ")");
                    }
                }
            } else if (DECIDES_BEANS.matcher(name).matches()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** The variable with extra arguments for an application: {@code call-orchestrator} → {@code ..._CALL_ORCHESTRATOR}. */
    public static String extraArgsVariable(String application) {
        return EXTRA_ARGS_PREFIX + application.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The variables that set {@code property}, most specific first: the documented one, then Spring's form. */
    static List<String> environmentNames(String property) {
        List<String> names = new ArrayList<>(2);
        String documented = DOCUMENTED.get(property);
        if (documented != null) {
            names.add(documented);
        }
        names.add(springEnvironmentName(property));
        return names;
    }

    /**
     * Spring Boot's environment form of a property (its relaxed binding, "Binding From Environment Variables"):
     * dots to underscores, dashes removed, list indexes as {@code _0_}, upper case.
     */
    static String springEnvironmentName(String property) {
        return property.replace("[", "_")
                .replace("]", "")
                .replace('.', '_')
                .replace("-", "")
                .replace("__", "_")
                .toUpperCase(Locale.ROOT);
    }

    /** Splits on white space; single or double quotes keep a value with spaces together, as a shell would. */
    static List<String> words(String text, String variable) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(variable + ": unclosed " + quote);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
