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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README: the documented environment variables win over ./run-local's defaults; extra arguments win over both. */
class LocalSettingsTest {

    private static Map<String, String> orchestratorDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("confirmline.secrets.key", LocalStack.SECRETS_KEY);
        defaults.put("confirmline.dialing.base-url", "http://127.0.0.1:8089");
        defaults.put("confirmline.dialing.timeout", "2000ms");
        return defaults;
    }

    /** Only the console is given the demo tenant; the services read it from tenants.v1. */
    private static Map<String, String> consoleDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("confirmline.secrets.key", LocalStack.SECRETS_KEY);
        defaults.put("confirmline.tenants[0].id", "demo");
        defaults.put("confirmline.tenants[0].api-key", "sandbox-8x8-key");
        defaults.put("confirmline.tenants[0].caller-id", "+6568888888");
        defaults.put("confirmline.console.admin-token", LocalStack.ADMIN_TOKEN);
        return defaults;
    }

    @Test
    void withNothingInTheEnvironmentTheLocalDefaultsAreUsed() {
        LocalSettings.Resolved resolved =
                new LocalSettings(Map.of("PATH", "/bin")).resolve("call-orchestrator", orchestratorDefaults());

        assertThat(resolved.settings()).isEqualTo(orchestratorDefaults());
        assertThat(resolved.overrides()).isEmpty();
    }

    @Test
    void aDocumentedVariableWinsOverTheLocalDefaultAndSaysSo() {
        LocalSettings settings = new LocalSettings(Map.of(
                "EIGHT_BY_EIGHT_BASE_URL", "https://voice.8x8.com",
                "CONFIRMLINE_TENANT_8X8_API_KEY", "live-key-123",
                "CONFIRMLINE_ADMIN_TOKEN", "an-admin-token-of-our-own-0123",
                "CONFIRMLINE_SECRETS_KEY", "k1:" + "B".repeat(43) + "="));
        LocalSettings.Resolved orchestrator = settings.resolve("call-orchestrator", orchestratorDefaults());
        LocalSettings.Resolved console = settings.resolve("owner-console", consoleDefaults());

        assertThat(orchestrator.settings())
                .containsEntry("confirmline.dialing.base-url", "https://voice.8x8.com")
                .containsEntry("confirmline.secrets.key", "k1:" + "B".repeat(43) + "=")
                .doesNotContainKey("confirmline.tenants[0].api-key");
        assertThat(console.settings())
                .containsEntry("confirmline.tenants[0].api-key", "live-key-123")
                .containsEntry("confirmline.console.admin-token", "an-admin-token-of-our-own-0123")
                .containsEntry("confirmline.secrets.key", "k1:" + "B".repeat(43) + "=")
                // The rest of the tenant stays: a list element set anywhere replaces the whole list in Spring.
                .containsEntry("confirmline.tenants[0].id", "demo")
                .containsEntry("confirmline.tenants[0].caller-id", "+6568888888");
        assertThat(orchestrator.overrides())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "call-orchestrator: confirmline.dialing.base-url=https://voice.8x8.com (from EIGHT_BY_EIGHT_BASE_URL)",
                        "call-orchestrator: confirmline.secrets.key=*** (from CONFIRMLINE_SECRETS_KEY)");
        assertThat(console.overrides())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "owner-console: confirmline.secrets.key=*** (from CONFIRMLINE_SECRETS_KEY)",
                        "owner-console: confirmline.tenants[0].api-key=*** (from CONFIRMLINE_TENANT_8X8_API_KEY)",
                        "owner-console: confirmline.console.admin-token=*** (from CONFIRMLINE_ADMIN_TOKEN)");
    }

    /** Texts (issue #14): one variable points the orchestrator's texts and the console's SMS registration at 8x8. */
    @Test
    void theSmsVariablesReachTheOrchestratorTheConsoleAndTheSandbox() {
        LocalSettings settings = new LocalSettings(Map.of(
                "EIGHT_BY_EIGHT_SMS_BASE_URL",
                "https://sms.8x8.uk",
                "CONFIRMLINE_TENANT_SMS_NUMBERS",
                "+447700900123",
                "SANDBOX_SMS_MO_URL",
                "http://ingress:8081/mo"));

        assertThat(settings.resolve("call-orchestrator", Map.of("confirmline.sms.base-url", "http://127.0.0.1:8089"))
                        .settings())
                .containsEntry("confirmline.sms.base-url", "https://sms.8x8.uk");
        assertThat(settings.resolve(
                                "owner-console",
                                Map.of(
                                        "confirmline.console.eight-by-eight.sms-base-url",
                                        "http://127.0.0.1:8089",
                                        "confirmline.tenants[0].sms-numbers",
                                        "+6568888899"))
                        .settings())
                .containsEntry("confirmline.console.eight-by-eight.sms-base-url", "https://sms.8x8.uk")
                .containsEntry("confirmline.tenants[0].sms-numbers", "+447700900123");
        assertThat(settings.resolve(
                                "eightbyeight-sandbox",
                                Map.of(
                                        "sandbox.sms.subaccounts[0].numbers",
                                        "+6568888899",
                                        "sandbox.sms.subaccounts[0].mo-url",
                                        "http://127.0.0.1:8081/webhooks/8x8/sms/inbound"))
                        .settings())
                .containsEntry("sandbox.sms.subaccounts[0].numbers", "+447700900123")
                .containsEntry("sandbox.sms.subaccounts[0].mo-url", "http://ingress:8081/mo");
    }

    /** Call-backs (issue #15): one variable gives the sandbox's voice subaccount and the demo tenant their numbers. */
    @Test
    void theVirtualNumbersVariableReachesTheDemoTenantAndTheSandboxsVoiceSubaccount() {
        LocalSettings settings = new LocalSettings(Map.of("CONFIRMLINE_TENANT_VIRTUAL_NUMBERS", "+6561234567"));

        assertThat(settings.resolve("owner-console", Map.of("confirmline.tenants[0].virtual-numbers", "+6568888888"))
                        .settings())
                .containsEntry("confirmline.tenants[0].virtual-numbers", "+6561234567");
        assertThat(settings.resolve("eightbyeight-sandbox", Map.of("sandbox.subaccounts[0].numbers", "+6568888888"))
                        .settings())
                .containsEntry("sandbox.subaccounts[0].numbers", "+6561234567");
    }

    /**
     * The assistant (issue #17): the local stack points the orchestrator at the assistant sandbox; the assistant's
     * own variables point it at a real provider instead, and the start says so without showing the key.
     */
    @Test
    void theAssistantVariablesReplaceTheLocalStubWithARealProvider() {
        Map<String, String> stub = Map.of(
                "confirmline.assistant.base-url",
                "http://127.0.0.1:8091/v1",
                "confirmline.assistant.api-key",
                "sandbox-assistant-key");
        LocalSettings.Resolved real = new LocalSettings(Map.of(
                        "CONFIRMLINE_ASSISTANT_BASE_URL",
                        "https://api.openai.com/v1",
                        "CONFIRMLINE_ASSISTANT_API_KEY",
                        "sk-live-0123"))
                .resolve("call-orchestrator", stub);

        assertThat(new LocalSettings(Map.of())
                        .resolve("call-orchestrator", stub)
                        .settings())
                .isEqualTo(stub);
        assertThat(real.settings())
                .containsEntry("confirmline.assistant.base-url", "https://api.openai.com/v1")
                .containsEntry("confirmline.assistant.api-key", "sk-live-0123");
        assertThat(real.overrides())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "call-orchestrator: confirmline.assistant.base-url=https://api.openai.com/v1 (from CONFIRMLINE_ASSISTANT_BASE_URL)",
                        "call-orchestrator: confirmline.assistant.api-key=*** (from CONFIRMLINE_ASSISTANT_API_KEY)");
    }

    @Test
    void springsOwnEnvironmentFormWinsTooButTheDocumentedNameComesFirst() {
        assertThat(LocalSettings.springEnvironmentName("confirmline.tenants[0].callback-url"))
                .isEqualTo("CONFIRMLINE_TENANTS_0_CALLBACKURL");
        assertThat(LocalSettings.springEnvironmentName("confirmline.dialing.base-url"))
                .isEqualTo("CONFIRMLINE_DIALING_BASEURL");

        Map<String, String> timeoutOnly = Map.of("CONFIRMLINE_DIALING_TIMEOUT", "5s");
        assertThat(new LocalSettings(timeoutOnly)
                        .resolve("call-orchestrator", orchestratorDefaults())
                        .settings())
                .containsEntry("confirmline.dialing.timeout", "5s");
        Map<String, String> both = Map.of(
                "CONFIRMLINE_DIALING_BASEURL", "http://spring-form", "EIGHT_BY_EIGHT_BASE_URL", "http://documented");
        assertThat(new LocalSettings(both)
                        .resolve("call-orchestrator", orchestratorDefaults())
                        .settings())
                .containsEntry("confirmline.dialing.base-url", "http://documented");
    }

    @Test
    void extraArgumentsForOneApplicationWinOverEverythingAndReplaceRatherThanRepeat() {
        LocalSettings settings = new LocalSettings(Map.of(
                "EIGHT_BY_EIGHT_BASE_URL",
                "https://voice.8x8.com",
                "CONFIRMLINE_LOCAL_ARGS_CALL_ORCHESTRATOR",
                "--confirmline.dialing.base-url=http://127.0.0.1:9999  --logging.level.io.confirmline=DEBUG"
                        + " --confirmline.outcomes.key-wait='5 s'"));

        LocalSettings.Resolved orchestrator = settings.resolve("call-orchestrator", orchestratorDefaults());
        LocalSettings.Resolved notifier =
                settings.resolve("platform-notifier", Map.of("confirmline.notifier.timeout", "15s"));

        assertThat(orchestrator.settings())
                .containsEntry("confirmline.dialing.base-url", "http://127.0.0.1:9999")
                .containsEntry("logging.level.io.confirmline", "DEBUG")
                .containsEntry("confirmline.outcomes.key-wait", "5 s");
        assertThat(orchestrator.overrides())
                .extracting(LocalSettings.Origin::source)
                .containsOnly("CONFIRMLINE_LOCAL_ARGS_CALL_ORCHESTRATOR");
        assertThat(notifier.settings()).isEqualTo(Map.of("confirmline.notifier.timeout", "15s"));
        assertThat(LocalSettings.extraArgsVariable("eightbyeight-sandbox"))
                .isEqualTo("CONFIRMLINE_LOCAL_ARGS_EIGHTBYEIGHT_SANDBOX");
        assertThat(RunLocal.APPLICATIONS).contains("owner-console");
        assertThat(new LocalSettings(Map.of(
                                "CONFIRMLINE_LOCAL_ARGS_OWNER_CONSOLE",
                                "--confirmline.console.login.max-failures-per-account=3"))
                        .resolve("owner-console", consoleDefaults())
                        .settings())
                .containsEntry("confirmline.console.login.max-failures-per-account", "3")
                .containsEntry("confirmline.tenants[0].id", "demo");
    }

    @Test
    void aMalformedExtraArgumentIsRefusedWithTheVariablesName() {
        LocalSettings settings = new LocalSettings(Map.of("CONFIRMLINE_LOCAL_ARGS_WEBHOOK_INGRESS", "server.port=1"));

        assertThatThrownBy(() -> settings.resolve("webhook-ingress", Map.of()))
                .hasMessage("CONFIRMLINE_LOCAL_ARGS_WEBHOOK_INGRESS: 'server.port=1' is not --name=value");
        assertThatThrownBy(() -> new LocalSettings(Map.of("CONFIRMLINE_LOCAL_ARGS_WEBHOOK_INGRESS", "--a='b"))
                        .resolve("webhook-ingress", Map.of()))
                .hasMessageContaining("unclosed '");
    }

    @Test
    void anOtlpEndpointInTheEnvironmentTurnsSpringAotOffWhileValuesAloneDoNot() {
        assertThat(new LocalSettings(Map.of(
                                "PATH", "/bin",
                                "EIGHT_BY_EIGHT_BASE_URL", "https://voice.8x8.example",
                                "CONFIRMLINE_LOCAL_ARGS_CALL_ORCHESTRATOR", "--confirmline.dialing.timeout=5s"))
                        .settingThatDecidesBeans())
                .isEmpty();
        assertThat(new LocalSettings(Map.of(
                                "PATH", "/bin",
                                "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                                        "http://collector:4318/v1/traces"))
                        .settingThatDecidesBeans())
                .contains("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");
    }

    @Test
    void anEnabledSwitchAmongOneApplicationsArgumentsTurnsSpringAotOff() {
        assertThat(new LocalSettings(Map.of(
                                "CONFIRMLINE_LOCAL_ARGS_WEBHOOK_INGRESS",
                                "--confirmline.ingress.publish.linger=1ms --springdoc.api-docs.enabled=false"))
                        .settingThatDecidesBeans())
                .contains("springdoc.api-docs.enabled (in CONFIRMLINE_LOCAL_ARGS_WEBHOOK_INGRESS)");
        assertThat(new LocalSettings(Map.of("CONFIRMLINE_KAFKA_CREATETOPICS", "false")).settingThatDecidesBeans())
                .isPresent();
        assertThat(new LocalSettings(Map.of("SPRING_PROFILES_ACTIVE", "prod")).settingThatDecidesBeans())
                .isPresent();
    }

    @Test
    void aSwitchAmongTheJvmOptionsEveryApplicationInheritsTurnsSpringAotOffTheLaunchersOwnDoNot() {
        assertThat(new LocalSettings(Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g -Dspring.profiles.active=prod"))
                        .settingThatDecidesBeans())
                .contains("spring.profiles.active (in JAVA_TOOL_OPTIONS)");
        assertThat(new LocalSettings(Map.of("SPRING_AUTOCONFIGURE_EXCLUDE", "x")).settingThatDecidesBeans())
                .isPresent();
        assertThat(new LocalSettings(
                                Map.of("CONFIRMLINE_LOCAL_JVM_OPTIONS", "-Xmx512m -Dconfirmline.jvm.cds.enabled=x"))
                        .settingThatDecidesBeans())
                .isEmpty();
    }
}
