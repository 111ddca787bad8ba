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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files agree with the code, without Docker: deploy/docker-compose.yml parses; every image, build
 * argument, port and environment variable it gives one of our applications is one that application has (its
 * module's jar, its application.yml's {@code server.port} and {@code ${VARIABLE}} placeholders, the secrets key
 * kafka-support binds); the one deploy/Dockerfile builds each of them; tenant settings go to the owner console
 * only; Prometheus scrapes the services' ports; every ConfirmLine metric the Grafana dashboard queries is one the
 * code registers.
 */
class DeploymentManifestsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "SPRING_PROFILES_ACTIVE");
    /** Every application with an image: the three services, the owner console and both sandboxes. */
    static final List<String> APPLICATIONS = List.of(
            "webhook-ingress",
            "call-orchestrator",
            "platform-notifier",
            "owner-console",
            "eightbyeight-sandbox",
            "platform-sandbox");
    /** The applications that read tenants.v1 or write it, and so hold the secrets key. */
    static final List<String> SERVICES =
            List.of("webhook-ingress", "call-orchestrator", "platform-notifier", "owner-console");

    static final String SECRETS_KEY = "CONFIRMLINE_SECRETS_KEY";

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("deploy/docker-compose.yml")));
    }

    static String applicationYml(String module) throws IOException {
        return Files.readString(ROOT.resolve(module + "/src/main/resources/application.yml"));
    }

    static int serverPort(String module) throws IOException {
        Map<String, Object> yml = new Yaml().load(applicationYml(module));
        return (Integer) ((Map<?, ?>) yml.get("server")).get("port");
    }

    /**
     * A variable Spring binds with no placeholder in application.yml (its relaxed binding of a
     * {@code @ConfigurationProperties} record), with the record that declares the property.
     *
     * @param module the module whose sources hold the record; kafka-support's reach every module depending on it
     * @param property the property, whose Spring environment form the variable must be
     * @param declaration how the record declares the property's last component, e.g. {@code URI baseUrl}
     */
    record Relaxed(String variable, String module, String source, String prefix, String property, String declaration) {

        boolean readBy(String reader) throws IOException {
            boolean reaches = module.equals(reader)
                    || (module.equals("kafka-support")
                            && Files.readString(ROOT.resolve(reader + "/pom.xml"))
                                    .contains("<artifactId>kafka-support</artifactId>"));
            String code = Files.readString(ROOT.resolve(module + "/src/main/java/" + source));
            return reaches
                    && variable.equals(LocalSettings.springEnvironmentName(property))
                    && code.contains("@ConfigurationProperties(\"" + prefix + "\")")
                    && Pattern.compile("\\b" + Pattern.quote(declaration) + "\\b")
                            .matcher(code)
                            .find();
        }
    }

    static final List<Relaxed> RELAXED = List.of(
            new Relaxed(
                    SECRETS_KEY,
                    "kafka-support",
                    "io/confirmline/tenant/SecretsProperties.java",
                    "confirmline.secrets",
                    "confirmline.secrets.key",
                    "String key"),
            new Relaxed(
                    "CONFIRMLINE_CONSOLE_INGRESSPUBLICURL",
                    "owner-console",
                    "io/confirmline/console/ConsoleProperties.java",
                    "confirmline.console",
                    "confirmline.console.ingress-public-url",
                    "URI ingressPublicUrl"),
            new Relaxed(
                    "CONFIRMLINE_CONSOLE_EIGHTBYEIGHT_BASEURL",
                    "owner-console",
                    "io/confirmline/console/ConsoleProperties.java",
                    "confirmline.console",
                    "confirmline.console.eight-by-eight.base-url",
                    "URI baseUrl"));

    /**
     * The variables {@code module} reads: its application.yml's placeholders, plus those Spring binds to one of its
     * properties directly ({@link #RELAXED}), such as {@code CONFIRMLINE_SECRETS_KEY} in every module on kafka-support.
     */
    static Set<String> placeholders(String module) throws IOException {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(applicationYml(module));
        while (m.find()) {
            names.add(m.group(1));
        }
        for (Relaxed relaxed : RELAXED) {
            if (relaxed.readBy(module)) {
                names.add(relaxed.variable());
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> composeService(String module) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(module);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> composeEnvironment(String module) throws IOException {
        return (Map<String, Object>) composeService(module).get("environment");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "webhook-ingress",
                "call-orchestrator",
                "platform-notifier",
                "owner-console",
                "eightbyeight-sandbox",
                "platform-sandbox"
            })
    @SuppressWarnings("unchecked")
    void composeBuildsEachApplicationFromTheOneDockerfileAndGivesItOnlyWhatItsConfigurationReads(String module)
            throws IOException {
        Map<String, Object> service = composeService(module);
        assertThat(service).as("service %s in docker-compose.yml", module).isNotNull();
        assertThat(service.get("image")).isEqualTo("confirmline/" + module + ":" + SuiteVersion.imageTag());
        int port = serverPort(module);
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        assertThat(build)
                .as("build of %s", module)
                .containsEntry("context", "..")
                .containsEntry("dockerfile", "deploy/Dockerfile");
        assertThat((Map<String, Object>) build.get("args"))
                .as("build arguments of %s", module)
                .isEqualTo(Map.of("MODULE", module));
        assertThat((List<String>) service.get("ports")).containsExactly(port + ":" + port);

        Map<String, Object> environment = (Map<String, Object>) service.get("environment");
        Set<String> known = placeholders(module);
        assertThat(environment.keySet())
                .as("variables %s reads", module)
                .allSatisfy(name -> assertThat(known.contains(name) || JVM_VARIABLES.contains(name))
                        .as("%s sets %s, which its application.yml never reads", module, name)
                        .isTrue());
        // The jar the Dockerfile copies: <module>/target/<module>-<version>.jar, executable (layers extracted from it).
        assertThat(Files.readString(ROOT.resolve(module + "/pom.xml")))
                .as("%s builds a Spring Boot jar", module)
                .contains("<artifactId>spring-boot-maven-plugin</artifactId>");
    }

    @Test
    void oneDockerfileWithTheModuleAndTheBaseImageAsBuildArgumentsBuildsEveryApplication() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        List<String> lines = dockerfile
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(lines.get(0))
                .as("the base image is an argument with a default, declared before the first FROM")
                .matches("ARG BASE_IMAGE=\\S+");
        assertThat(lines.stream().filter(l -> l.startsWith("FROM ")))
                .as("both stages build on the base image")
                .containsExactly("FROM ${BASE_IMAGE} AS layers", "FROM ${BASE_IMAGE}");
        assertThat(lines)
                .contains(
                        "ARG MODULE",
                        "COPY ${MODULE}/target/${MODULE}-*.jar app.jar",
                        "USER confirmline:confirmline",
                        "ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        // The image's user is the one the chart's securityContext runs as.
        assertThat(dockerfile).contains("--uid 999 --gid confirmline");

        // No per-module copy is left to drift from it; the other Dockerfiles are the infrastructure images
        // deploy/images/build makes (none of them runs an application).
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<String> dockerfiles = files.filter(
                            f -> f.getFileName().toString().equals("Dockerfile"))
                    .filter(f ->
                            !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
                    .map(f -> ROOT.relativize(f).toString())
                    .sorted()
                    .toList();
            assertThat(dockerfiles)
                    .containsExactly(
                            "deploy/Dockerfile",
                            "deploy/images/jre/Dockerfile",
                            "deploy/images/kafka/Dockerfile",
                            "deploy/images/postgres/Dockerfile",
                            "deploy/images/prometheus/Dockerfile",
                            "deploy/images/registry/Dockerfile");
            for (String infrastructure : dockerfiles.subList(1, dockerfiles.size())) {
                assertThat(Files.readString(ROOT.resolve(infrastructure)))
                        .as(infrastructure)
                        .doesNotContain("JarLauncher", "MODULE");
            }
        }

        // The build context is the repository root; its ignore file lets each module's jar through and nothing else.
        List<String> ignore = Files.readString(ROOT.resolve("deploy/Dockerfile.dockerignore"))
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        for (String module : APPLICATIONS) {
            assertThat(sentToDocker(ignore, module + "/target/" + module + "-0.1.0-SNAPSHOT.jar"))
                    .as("%s's jar", module)
                    .isTrue();
            assertThat(sentToDocker(ignore, module + "/src/main/resources/application.yml"))
                    .isFalse();
        }
        assertThat(sentToDocker(ignore, ".git/config")).isFalse();
        assertThat(sentToDocker(ignore, "local-stack/target/local-postgres/PG_VERSION"))
                .isFalse();
    }

    /** .dockerignore semantics: the last pattern matching a path (or a parent of it) decides; {@code !} re-includes. */
    private static boolean sentToDocker(List<String> patterns, String path) {
        boolean sent = true;
        for (String pattern : patterns) {
            boolean include = pattern.startsWith("!");
            var matcher = java.nio.file.FileSystems.getDefault()
                    .getPathMatcher("glob:" + (include ? pattern.substring(1) : pattern));
            Path candidate = Path.of(path);
            for (Path p = candidate; p != null; p = p.getParent()) {
                if (matcher.matches(p)) {
                    sent = include;
                    break;
                }
            }
        }
        return sent;
    }

    @Test
    void tenantSettingsGoToTheOwnerConsoleOnlyAndTheSecretsKeyToAllFour() throws IOException {
        for (String module : List.of("webhook-ingress", "call-orchestrator", "platform-notifier")) {
            assertThat(composeEnvironment(module).keySet())
                    .as("%s reads its tenants from tenants.v1", module)
                    .noneMatch(name -> name.startsWith("CONFIRMLINE_TENANT_"));
        }
        Map<String, Object> console = composeEnvironment("owner-console");
        assertThat(console)
                .containsKeys(
                        "CONFIRMLINE_TENANT_ID",
                        "CONFIRMLINE_TENANT_8X8_API_KEY",
                        "CONFIRMLINE_TENANT_WEBHOOK_AUTH",
                        "CONFIRMLINE_TENANT_PLATFORM_API_KEY",
                        "CONFIRMLINE_TENANT_SIGNING_SECRETS",
                        "CONFIRMLINE_TENANT_CALLBACK_URL",
                        "CONFIRMLINE_ADMIN_TOKEN");
        assertThat(console.get("CONFIRMLINE_TENANT_CALLBACK_URL"))
                .as("the demo tenant's platform is the sandbox container")
                .isEqualTo("http://platform-sandbox:" + serverPort("platform-sandbox") + "/webhooks/confirmline");
        assertThat(console.get("CONFIRMLINE_CONSOLE_INGRESSPUBLICURL"))
                .as("where register-webhooks points 8x8")
                .isEqualTo("http://webhook-ingress:" + serverPort("webhook-ingress"));
        assertThat(console.get("CONFIRMLINE_CONSOLE_EIGHTBYEIGHT_BASEURL"))
                .isEqualTo("http://eightbyeight-sandbox:" + serverPort("eightbyeight-sandbox"));
        assertThat(console.get("CONFIRMLINE_ADMIN_TOKEN"))
                .as("the console refuses an admin token under 24 characters")
                .asString()
                .hasSizeGreaterThanOrEqualTo(24);

        Set<Object> keys = new HashSet<>();
        for (String module : SERVICES) {
            Object key = composeEnvironment(module).get(SECRETS_KEY);
            assertThat(key).as("%s's %s", module, SECRETS_KEY).asString().matches("[A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=");
            keys.add(key);
        }
        assertThat(keys)
                .as("the console encrypts with the key the services decrypt with")
                .hasSize(1);
        assertThat(keys.iterator().next())
                .as("not the public demo key")
                .asString()
                .doesNotStartWith("demo:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceWaitsForWhatItNeedsAndPrometheusScrapesTheirPorts() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        for (String service : List.of("call-orchestrator", "platform-notifier", "owner-console")) {
            assertThat(((Map<String, Object>) services.get(service)).get("depends_on"))
                    .asString()
                    .contains("kafka", "registry", "postgres", "service_healthy");
        }
        Map<String, Object> prometheus =
                new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
        List<String> targets = new ArrayList<>();
        ((List<Map<String, Object>>) prometheus.get("scrape_configs"))
                .forEach(job -> ((List<Map<String, Object>>) job.get("static_configs"))
                        .forEach(c -> targets.addAll((List<String>) c.get("targets"))));
        List<String> expected = new ArrayList<>();
        for (String module : SERVICES) {
            expected.add(module + ":" + serverPort(module));
            assertThat(applicationYml(module))
                    .as("%s exposes /actuator/prometheus", module)
                    .contains("prometheus");
            assertThat(((Map<String, Object>) ((Map<String, Object>) services.get(module)).get("healthcheck"))
                            .get("test"))
                    .as("%s's health check", module)
                    .asString()
                    .contains("/dev/tcp/127.0.0.1/" + serverPort(module), "/actuator/health/readiness");
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theDashboardQueriesOnlyMetricsTheCodeRegisters() throws IOException {
        JsonNode dashboard = JsonMapper.builder()
                .build()
                .readTree(ROOT.resolve("deploy/grafana/dashboards/confirmline.json")
                        .toFile());
        List<String> expressions = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(t -> expressions.add(t.path("expr").asString())));
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);

        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .forEach(f -> {
                        try {
                            sources.append(Files.readString(f));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        Matcher metric = Pattern.compile("confirmline_[a-z_]+").matcher(String.join("\n", expressions));
        Set<String> checked = new HashSet<>();
        while (metric.find()) {
            String base = metric.group().replaceAll("_(total|bucket|count|sum)$", "");
            String withoutUnit = base.replaceAll("_seconds$", "");
            boolean registered = Stream.of(base, withoutUnit)
                    .anyMatch(name -> sources.indexOf("\"" + name + "\"") >= 0
                            || sources.indexOf("\"" + name.replace('_', '.') + "\"") >= 0
                            || sources.indexOf("\"" + name.replace('_', '.') + ".seconds\"") >= 0);
            assertThat(registered)
                    .as("metric %s in the dashboard is registered by the code", metric.group())
                    .isTrue();
            checked.add(base);
        }
        assertThat(checked)
                .contains(
                        "confirmline_orchestrator_status_changes",
                        "confirmline_orchestrator_dial_lag_seconds",
                        "confirmline_ingress_vca_reply_seconds",
                        "confirmline_notifier_backlog");
    }

    @Test
    void asyncApiDescribesEveryTopicOfTheContract() throws IOException {
        Map<String, Object> asyncApi = new Yaml().load(Files.readString(ROOT.resolve("docs/asyncapi.yaml")));
        Map<String, Object> channels = (Map<String, Object>) asyncApi.get("channels");
        Set<String> addresses = new HashSet<>();
        for (Object value : channels.values()) {
            Map<String, Object> channel = (Map<String, Object>) value;
            String address = (String) channel.get("address");
            addresses.add(address);
            io.confirmline.events.Topic<?> topic = io.confirmline.events.Topics.byName(address)
                    .orElseThrow(() -> new AssertionError("AsyncAPI channel " + address + " is not in Topics"));
            Map<String, Object> messages = (Map<String, Object>) channel.get("messages");
            String record = topic.valueType().getSimpleName();
            assertThat(messages).as("messages of %s", address).containsOnlyKeys(record);
            Map<String, Object> payload =
                    (Map<String, Object>) ((Map<String, Object>) messages.get(record)).get("payload");
            String schemaRef = (String) ((Map<String, Object>) payload.get("schema")).get("$ref");
            Path schema = ROOT.resolve("docs").resolve(schemaRef).normalize();
            assertThat(schema).as("schema of %s", address).exists();
            assertThat(Files.readString(schema)).contains("\"name\": \"" + record + "\"");
            assertThat(Boolean.TRUE.equals(channel.get("x-confirmline-public")))
                    .as("%s is marked public exactly when Topics says so", address)
                    .isEqualTo(topic.publicContract());
        }
        assertThat(addresses)
                .containsExactlyInAnyOrderElementsOf(io.confirmline.events.Topics.all().stream()
                        .map(io.confirmline.events.Topic::name)
                        .toList());
    }
}
