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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/helm/confirmline rendered and linted by Helm itself (helm-java: Helm's Go code as a native library), and
 * the rendered manifests checked against the code: images, ports, probes, scrape annotations, and every
 * environment variable a pod gets is one its application.yml reads.
 */
@SuppressWarnings("unchecked")
class HelmChartTest {

    static final Path CHART = DeploymentManifestsTest.ROOT.resolve("deploy/helm/confirmline");

    @BeforeAll
    static void helmAvailable() {
        boolean available;
        try {
            Helm.version().call();
            available = true;
        } catch (Throwable e) {
            available = false;
        }
        assumeTrue(available, "Helm's native library is not available for this platform");
    }

    static List<Map<String, Object>> render(String... settings) {
        var template = new Helm(CHART).template().withName("confirmline");
        for (int i = 0; i < settings.length; i += 2) {
            template = template.set(settings[i], settings[i + 1]);
        }
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(template.call())) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static Map<String, Object> deployment(List<Map<String, Object>> documents, String module) {
        return ofKind(documents, "Deployment").stream()
                .filter(d ->
                        module.equals(map(map(d.get("metadata")).get("labels")).get("app.kubernetes.io/name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment for " + module));
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        return map(((List<Object>)
                        map(map(map(deployment.get("spec")).get("template")).get("spec"))
                                .get("containers"))
                .get(0));
    }

    /** Name → the Secret key it comes from, or the literal value, of each variable the container sets itself. */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        ((List<Object>) container.get("env")).forEach(e -> {
            Map<String, Object> variable = map(e);
            Object secret = variable.get("valueFrom") == null
                    ? null
                    : map(map(variable.get("valueFrom")).get("secretKeyRef")).get("key");
            env.put(
                    (String) variable.get("name"),
                    secret != null ? "secret:" + secret : String.valueOf(variable.get("value")));
        });
        return env;
    }

    @Test
    void theChartLintsCleanAndRendersEveryPieceForEachService() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed())
                .as("helm lint --strict: %s", lint.getMessages())
                .isFalse();

        List<Map<String, Object>> documents = render();
        assertThat(ofKind(documents, "Deployment"))
                .extracting(d -> map(map(d.get("metadata")).get("labels")).get("app.kubernetes.io/name"))
                .containsExactlyInAnyOrderElementsOf(DeploymentManifestsTest.SERVICES);
        assertThat(ofKind(documents, "Service")).hasSize(4);
        // The console runs one replica (login sessions and its rate limit are in memory): no autoscaler, and no
        // disruption budget that would block a node drain.
        assertThat(ofKind(documents, "PodDisruptionBudget"))
                .hasSize(3)
                .noneMatch(d -> d.toString().contains("owner-console"));
        assertThat(ofKind(documents, "HorizontalPodAutoscaler"))
                .hasSize(3)
                .noneMatch(d -> d.toString().contains("owner-console"));
        assertThat(map(map(deployment(documents, "owner-console").get("spec"))).get("replicas"))
                .isEqualTo(1);
        assertThat(ofKind(documents, "Secret")).hasSize(1);
        assertThat(map(ofKind(documents, "Secret").get(0).get("stringData")))
                .containsKeys(
                        "secrets-key",
                        "admin-token",
                        "db-password",
                        "eightbyeight-api-key",
                        "webhook-auth-token",
                        "platform-api-key",
                        "signing-secrets");
        assertThat(ofKind(documents, "ConfigMap")).hasSize(2);

        Map<String, Object> ingress = ofKind(documents, "Ingress").get(0);
        assertThat(map(map(ingress.get("metadata")).get("annotations"))
                        .get("nginx.ingress.kubernetes.io/whitelist-source-range"))
                .asString()
                .contains("18.140.80.2/32");
        assertThat(ingress.toString()).contains("path=/webhooks/8x8").contains("name=confirmline-webhook-ingress");

        assertThat(ofKind(render("secrets.existingSecret", "from-vault"), "Secret"))
                .isEmpty();
    }

    @Test
    void everyPodGetsItsImagePortProbesAndOnlyVariablesItsConfigurationReads() throws IOException {
        List<Map<String, Object>> documents = render();
        Map<String, Set<String>> configMapKeys = ofKind(documents, "ConfigMap").stream()
                .collect(Collectors.toMap(
                        c -> (String) map(c.get("metadata")).get("name"),
                        c -> map(c.get("data")).keySet()));
        for (Map<String, Object> deployment : ofKind(documents, "Deployment")) {
            Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")));
            Map<String, Object> container =
                    map(((List<Object>) map(pod.get("spec")).get("containers")).get(0));
            String module = (String) container.get("name");
            int port = DeploymentManifestsTest.serverPort(module);
            Set<String> reads = DeploymentManifestsTest.placeholders(module);

            assertThat(container.get("image")).isEqualTo("confirmline/" + module + ":" + SuiteVersion.imageTag());
            assertThat(map(((List<Object>) container.get("ports")).get(0)).get("containerPort"))
                    .isEqualTo(port);
            assertThat(map(map(container.get("readinessProbe")).get("httpGet")).get("path"))
                    .isEqualTo("/actuator/health/readiness");
            assertThat(map(map(container.get("livenessProbe")).get("httpGet")).get("path"))
                    .isEqualTo("/actuator/health/liveness");
            assertThat(map(map(pod.get("metadata")).get("annotations")))
                    .containsEntry("prometheus.io/port", Integer.toString(port))
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");

            List<String> variables = new ArrayList<>();
            ((List<Object>) container.get("env")).forEach(e -> variables.add((String) map(e).get("name")));
            ((List<Object>) container.get("envFrom"))
                    .forEach(e -> variables.addAll(configMapKeys.get(
                            (String) map(map(e).get("configMapRef")).get("name"))));
            assertThat(variables)
                    .as("variables of %s", module)
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(reads)
                            .as("%s's application.yml reads %s", module, name)
                            .contains(name));
            assertThat(map(map(pod.get("spec")).get("securityContext"))).containsEntry("runAsNonRoot", true);
            assertThat(container.get("envFrom").toString())
                    .as("%s gets the database settings", module)
                    .contains(
                            List.of("call-orchestrator", "platform-notifier", "owner-console")
                                            .contains(module)
                                    ? "confirmline-database"
                                    : "confirmline-infrastructure");
        }
    }

    @Test
    void onlyTheOwnerConsoleGetsTheTenantAndAllFourTheSameSecretsKey() {
        List<Map<String, Object>> documents = render("secrets.secretsKey", "k1:" + "A".repeat(43) + "=");
        for (String module : List.of("webhook-ingress", "call-orchestrator", "platform-notifier")) {
            Map<String, String> env = env(container(deployment(documents, module)));
            assertThat(env.keySet())
                    .as("%s reads its tenants from tenants.v1", module)
                    .noneMatch(name -> name.startsWith("CONFIRMLINE_TENANT_"));
            assertThat(env).as(module).containsEntry("CONFIRMLINE_SECRETS_KEY", "secret:secrets-key");
        }
        Map<String, String> console = env(container(deployment(documents, "owner-console")));
        assertThat(console)
                .containsEntry("CONFIRMLINE_SECRETS_KEY", "secret:secrets-key")
                .containsEntry("CONFIRMLINE_ADMIN_TOKEN", "secret:admin-token")
                .containsEntry("CONFIRMLINE_TENANT_ID", "demo")
                .containsEntry("CONFIRMLINE_TENANT_CALLBACK_URL", "https://platform.example.com/webhooks/confirmline")
                .containsEntry("CONFIRMLINE_TENANT_8X8_API_KEY", "secret:eightbyeight-api-key")
                .containsEntry("CONFIRMLINE_TENANT_WEBHOOK_AUTH", "secret:webhook-auth-token")
                .containsEntry("CONFIRMLINE_TENANT_PLATFORM_API_KEY", "secret:platform-api-key")
                .containsEntry("CONFIRMLINE_TENANT_SIGNING_SECRETS", "secret:signing-secrets")
                // register-webhooks tells 8x8 the public address of the ingress, the one the chart's Ingress serves.
                .containsEntry("CONFIRMLINE_CONSOLE_INGRESSPUBLICURL", "https://confirmline-webhooks.example.com")
                .containsEntry("CONFIRMLINE_CONSOLE_EIGHTBYEIGHT_BASEURL", "https://voice.8x8.com");
        assertThat(env(container(
                        deployment(render("console.ingressPublicUrl", "https://hooks.example.org"), "owner-console"))))
                .containsEntry("CONFIRMLINE_CONSOLE_INGRESSPUBLICURL", "https://hooks.example.org");
        assertThat(map(ofKind(documents, "Secret").get(0).get("stringData")))
                .containsEntry("secrets-key", "k1:" + "A".repeat(43) + "=");
    }
}
