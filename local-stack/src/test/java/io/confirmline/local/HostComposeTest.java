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

import static io.confirmline.local.DeploymentManifestsTest.APPLICATIONS;
import static io.confirmline.local.DeploymentManifestsTest.JVM_VARIABLES;
import static io.confirmline.local.DeploymentManifestsTest.ROOT;
import static io.confirmline.local.DeploymentManifestsTest.SERVICES;
import static io.confirmline.local.DeploymentManifestsTest.placeholders;
import static io.confirmline.local.DeploymentManifestsTest.serverPort;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/docker-compose.host.yml — the stack on the host's network from the images deploy/images/build makes — agrees
 * with deploy/docker-compose.yml, with the code and with the build script, without Docker (deploy/smoke-test runs it):
 * the same applications with the same settings, every address 127.0.0.1 on the port its server listens on (the ports
 * ./run-local and the demo use), and every image one the build script tags.
 */
class HostComposeTest {

    /** What the host variant adds: its JVM sizing, and the assistant sandbox the smoke test runs on the host. */
    static final Set<String> HOST_ONLY =
            Set.of("JAVA_TOOL_OPTIONS", "CONFIRMLINE_ASSISTANT_BASE_URL", "CONFIRMLINE_ASSISTANT_API_KEY");

    // A host has a letter or a dot, so a time of day ("00:00", a calling hour) is not taken for an address.
    static final Pattern ADDRESS = Pattern.compile("(?:://|^)([a-z0-9-]*[a-z.][a-z0-9.-]*):(\\d+)");

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services(String file) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve(file)));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    static String buildScript() throws IOException {
        return Files.readString(ROOT.resolve("deploy/images/build"));
    }

    @Test
    void theSameApplicationsWithTheSameSettingsEachOnTheHostNetwork() throws IOException {
        Map<String, Map<String, Object>> bridged = services("deploy/docker-compose.yml");
        Map<String, Map<String, Object>> host = services("deploy/docker-compose.host.yml");
        Set<String> expected = new HashSet<>(bridged.keySet());
        expected.remove("grafana"); // no Debian package, no Maven artifact: only where a registry is reachable
        assertThat(host.keySet()).isEqualTo(expected);
        host.forEach((name, service) -> {
            assertThat(service.get("network_mode")).as("%s's network", name).isEqualTo("host");
            assertThat(service)
                    .as("%s publishes no ports (the host network has them all)", name)
                    .doesNotContainKey("ports");
            assertThat(service).as("%s has a health check", name).containsKey("healthcheck");
        });
        for (String application : APPLICATIONS) {
            Set<String> names = new HashSet<>(environment(host.get(application)).keySet());
            names.removeAll(HOST_ONLY);
            assertThat(names)
                    .as("%s's variables, as in docker-compose.yml", application)
                    .isEqualTo(environment(bridged.get(application)).keySet());
            Set<String> read = placeholders(application);
            assertThat(environment(host.get(application)).keySet())
                    .as("variables %s reads", application)
                    .allSatisfy(variable -> assertThat(read.contains(variable) || JVM_VARIABLES.contains(variable))
                            .as("%s sets %s, which its application.yml never reads", application, variable)
                            .isTrue());
            assertThat(host.get(application).get("image"))
                    .isEqualTo(bridged.get(application).get("image"));
        }
        // The secrets and the demo tenant's values are the bridged stack's, only its addresses differ.
        for (String application : APPLICATIONS) {
            environment(bridged.get(application)).forEach((variable, value) -> {
                if (!ADDRESS.matcher(String.valueOf(value)).find()) {
                    assertThat(environment(host.get(application)).get(variable))
                            .as("%s's %s", application, variable)
                            .isEqualTo(value);
                }
            });
        }
    }

    @Test
    void everyAddressIsTheLoopbackOnThePortItsServerListensOn() throws IOException {
        Map<String, Map<String, Object>> host = services("deploy/docker-compose.host.yml");
        LocalStack.Ports standard = LocalStack.Ports.standard();
        Map<String, Integer> ports = Map.ofEntries(
                Map.entry("webhook-ingress", serverPort("webhook-ingress")),
                Map.entry("call-orchestrator", serverPort("call-orchestrator")),
                Map.entry("platform-notifier", serverPort("platform-notifier")),
                Map.entry("owner-console", serverPort("owner-console")),
                Map.entry("eightbyeight-sandbox", serverPort("eightbyeight-sandbox")),
                Map.entry("platform-sandbox", serverPort("platform-sandbox")));
        // What the demo (RunningStackDemo, on LocalStack's standard ports) reaches.
        assertThat(List.of(
                        standard.ingress(),
                        standard.orchestrator(),
                        standard.notifier(),
                        standard.console(),
                        standard.eightByEight(),
                        standard.platform()))
                .containsExactly(
                        ports.get("webhook-ingress"),
                        ports.get("call-orchestrator"),
                        ports.get("platform-notifier"),
                        ports.get("owner-console"),
                        ports.get("eightbyeight-sandbox"),
                        ports.get("platform-sandbox"));
        Map<String, Object> kafka = environment(host.get("kafka"));
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://127.0.0.1:" + standard.kafka());
        assertThat(environment(host.get("registry")).get("QUARKUS_HTTP_PORT")).isEqualTo(standard.registry());
        int postgres = (Integer) environment(host.get("postgres")).get("PGPORT");

        Set<Integer> listening = new HashSet<>(ports.values());
        listening.addAll(List.of(standard.kafka(), standard.registry(), postgres, standard.assistant(), 9090));
        for (Map.Entry<String, Map<String, Object>> service : host.entrySet()) {
            List<String> values = new ArrayList<>();
            environment(service.getValue()).values().forEach(v -> values.add(String.valueOf(v)));
            values.add(String.valueOf(service.getValue().get("healthcheck")));
            for (String value : values) {
                Matcher m = ADDRESS.matcher(value);
                while (m.find()) {
                    assertThat(m.group(1)).as("%s: %s", service.getKey(), value).isEqualTo("127.0.0.1");
                    int port = Integer.parseInt(m.group(2));
                    if (port != 9093) { // Kafka's controller listener, its own
                        assertThat(listening)
                                .as("%s: %s reaches a port some container listens on", service.getKey(), value)
                                .contains(port);
                    }
                }
            }
        }
        assertThat(environment(host.get("owner-console")).get("CONFIRMLINE_TENANT_CALLBACK_URL"))
                .isEqualTo("http://127.0.0.1:" + ports.get("platform-sandbox") + "/webhooks/confirmline");

        @SuppressWarnings("unchecked")
        Map<String, Object> prometheus =
                new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.host.yml")));
        assertThat(String.valueOf(prometheus.get("scrape_configs")))
                .as("Prometheus scrapes the four services on 127.0.0.1")
                .contains(
                        SERVICES.stream().map(s -> "127.0.0.1:" + ports.get(s)).toArray(String[]::new));
    }

    @Test
    void everyImageIsOneTheBuildScriptTagsFromTheVersionsTheTestsRun() throws IOException {
        Map<String, Map<String, Object>> host = services("deploy/docker-compose.host.yml");
        String build = buildScript();
        Map<String, String> images = new java.util.TreeMap<>();
        host.forEach((name, service) -> images.put(name, resolveDefault(String.valueOf(service.get("image")))));
        for (String application : APPLICATIONS) {
            assertThat(images.get(application)).isEqualTo("confirmline/" + application + ":" + SuiteVersion.imageTag());
            assertThat(build).contains(application);
        }
        assertThat(build).contains("version=\"${version%-SNAPSHOT}\"", "confirmline/\"$application\":$version");
        // Kafka and the registry: the versions the tests run (Kafka's jars on this classpath, the root pom's registry).
        assertThat(images.get("kafka")).isEqualTo("confirmline/kafka:" + AppInfoParser.getVersion());
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher registry = Pattern.compile("<apicurio.server.version>([^<]+)<").matcher(pom);
        assertThat(registry.find()).isTrue();
        assertThat(images.get("registry")).isEqualTo("confirmline/apicurio-registry:" + registry.group(1));
        assertThat(build)
                .contains(
                        "confirmline/kafka:\"$kafka_version\"", "confirmline/apicurio-registry:\"$registry_version\"");
        // PostgreSQL and Prometheus: Debian 12's packages.
        assertThat(images.get("postgres")).isEqualTo("confirmline/postgres:15");
        assertThat(images.get("prometheus")).isEqualTo("confirmline/prometheus:2.42.0");
        assertThat(build).contains("-t confirmline/postgres:15", "-t confirmline/prometheus:2.42.0");
        // The chart runs the application images built here.
        String values = Files.readString(ROOT.resolve("deploy/helm/confirmline/values.yaml"));
        assertThat(values).contains("tag: \"" + SuiteVersion.imageTag() + "\"");
        String chart = Files.readString(ROOT.resolve("deploy/helm/confirmline/Chart.yaml"));
        assertThat(chart)
                .as("the chart's own version and its applications' are the suite's")
                .contains(
                        "\nversion: " + SuiteVersion.imageTag() + "\n",
                        "\nappVersion: \"" + SuiteVersion.imageTag() + "\"");
    }

    /** {@code confirmline/kafka:${CONFIRMLINE_KAFKA_VERSION:-4.2.1}} as compose reads it with the variable unset. */
    static String resolveDefault(String image) {
        return image.replaceAll("\\$\\{[A-Z_]+:-([^}]+)}", "$1");
    }
}
