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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files agree with the code, without Docker: deploy/docker-compose.yml parses; every image, build
 * directory, port and environment variable it gives one of our applications is one that application has (its
 * Dockerfile, its application.yml's {@code server.port} and {@code ${VARIABLE}} placeholders); Prometheus scrapes
 * the services' ports; every ConfirmLine metric the Grafana dashboard queries is one the code registers.
 */
class DeploymentManifestsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "SPRING_PROFILES_ACTIVE");

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

    static Set<String> placeholders(String module) throws IOException {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(applicationYml(module));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-ingress", "call-orchestrator", "platform-notifier", "eightbyeight-sandbox", "platform-sandbox"})
    @SuppressWarnings("unchecked")
    void composeGivesEachApplicationOnlyWhatItsConfigurationReads(String module) throws IOException {
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(module);
        assertThat(service).as("service %s in docker-compose.yml", module).isNotNull();
        assertThat(service.get("image")).isEqualTo("confirmline/" + module + ":0.1.0");
        assertThat(service.get("build")).isEqualTo("../" + module);
        int port = serverPort(module);
        assertThat((List<String>) service.get("ports")).containsExactly(port + ":" + port);

        Map<String, Object> environment = (Map<String, Object>) service.get("environment");
        Set<String> known = placeholders(module);
        assertThat(environment.keySet()).as("variables %s reads", module)
                .allSatisfy(name -> assertThat(known.contains(name) || JVM_VARIABLES.contains(name))
                        .as("%s sets %s, which its application.yml never reads", module, name).isTrue());

        String dockerfile = Files.readString(ROOT.resolve(module + "/Dockerfile"));
        assertThat(dockerfile).contains("COPY target/" + module + "-*.jar app.jar").contains("EXPOSE " + port)
                .contains("USER confirmline");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceWaitsForWhatItNeedsAndPrometheusScrapesTheirPorts() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        for (String service : List.of("call-orchestrator", "platform-notifier")) {
            assertThat(((Map<String, Object>) services.get(service)).get("depends_on")).asString()
                    .contains("kafka", "registry", "postgres", "service_healthy");
        }
        String prometheus = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        for (String module : List.of("webhook-ingress", "call-orchestrator", "platform-notifier")) {
            assertThat(prometheus).contains(module + ":" + serverPort(module));
            assertThat(applicationYml(module)).contains("prometheus");
        }
    }

    @Test
    void theDashboardQueriesOnlyMetricsTheCodeRegisters() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(ROOT.resolve("deploy/grafana/dashboards/confirmline.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> expressions.add(t.path("expr").asString())));
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
            boolean registered = Stream.of(base, withoutUnit).anyMatch(name -> sources.indexOf("\"" + name + "\"") >= 0
                    || sources.indexOf("\"" + name.replace('_', '.') + "\"") >= 0 || sources.indexOf("\"" + name.replace('_', '.') + ".seconds\"") >= 0);
            assertThat(registered).as("metric %s in the dashboard is registered by the code", metric.group()).isTrue();
            checked.add(base);
        }
        assertThat(checked).contains("confirmline_orchestrator_status_changes", "confirmline_orchestrator_dial_lag_seconds",
                "confirmline_ingress_vca_reply_seconds", "confirmline_notifier_backlog");
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
            Map<String, Object> payload = (Map<String, Object>) ((Map<String, Object>) messages.get(record)).get("payload");
            String schemaRef = (String) ((Map<String, Object>) payload.get("schema")).get("$ref");
            Path schema = ROOT.resolve("docs").resolve(schemaRef).normalize();
            assertThat(schema).as("schema of %s", address).exists();
            assertThat(Files.readString(schema)).contains("\"name\": \"" + record + "\"");
            assertThat(Boolean.TRUE.equals(channel.get("x-confirmline-public")))
                    .as("%s is marked public exactly when Topics says so", address).isEqualTo(topic.publicContract());
        }
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(
                io.confirmline.events.Topics.all().stream().map(io.confirmline.events.Topic::name).toList());
    }
}
