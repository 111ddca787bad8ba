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
        defaults.put("confirmline.tenants[0].id", "demo");
        defaults.put("confirmline.tenants[0].api-key", "sandbox-8x8-key");
        defaults.put("confirmline.tenants[0].caller-id", "+6568888888");
        defaults.put("confirmline.dialing.base-url", "http://127.0.0.1:8089");
        defaults.put("confirmline.dialing.timeout", "2000ms");
        return defaults;
    }

    @Test
    void withNothingInTheEnvironmentTheLocalDefaultsAreUsed() {
        LocalSettings.Resolved resolved = new LocalSettings(Map.of("PATH", "/bin"))
                .resolve("call-orchestrator", orchestratorDefaults());

        assertThat(resolved.settings()).isEqualTo(orchestratorDefaults());
        assertThat(resolved.overrides()).isEmpty();
    }

    @Test
    void aDocumentedVariableWinsOverTheLocalDefaultAndSaysSo() {
        LocalSettings.Resolved resolved = new LocalSettings(Map.of(
                "EIGHT_BY_EIGHT_BASE_URL", "https://voice.8x8.com",
                "CONFIRMLINE_TENANT_8X8_API_KEY", "live-key-123"))
                .resolve("call-orchestrator", orchestratorDefaults());

        assertThat(resolved.settings())
                .containsEntry("confirmline.dialing.base-url", "https://voice.8x8.com")
                .containsEntry("confirmline.tenants[0].api-key", "live-key-123")
                // The rest of the tenant stays: a list element set anywhere replaces the whole list in Spring.
                .containsEntry("confirmline.tenants[0].id", "demo")
                .containsEntry("confirmline.tenants[0].caller-id", "+6568888888");
        assertThat(resolved.overrides()).extracting(Object::toString).containsExactlyInAnyOrder(
                "call-orchestrator: confirmline.dialing.base-url=https://voice.8x8.com (from EIGHT_BY_EIGHT_BASE_URL)",
                "call-orchestrator: confirmline.tenants[0].api-key=*** (from CONFIRMLINE_TENANT_8X8_API_KEY)");
    }

    @Test
    void springsOwnEnvironmentFormWinsTooButTheDocumentedNameComesFirst() {
        assertThat(LocalSettings.springEnvironmentName("confirmline.tenants[0].callback-url"))
                .isEqualTo("CONFIRMLINE_TENANTS_0_CALLBACKURL");
        assertThat(LocalSettings.springEnvironmentName("confirmline.dialing.base-url")).isEqualTo("CONFIRMLINE_DIALING_BASEURL");

        Map<String, String> timeoutOnly = Map.of("CONFIRMLINE_DIALING_TIMEOUT", "5s");
        assertThat(new LocalSettings(timeoutOnly).resolve("call-orchestrator", orchestratorDefaults()).settings())
                .containsEntry("confirmline.dialing.timeout", "5s");
        Map<String, String> both = Map.of("CONFIRMLINE_DIALING_BASEURL", "http://spring-form",
                "EIGHT_BY_EIGHT_BASE_URL", "http://documented");
        assertThat(new LocalSettings(both).resolve("call-orchestrator", orchestratorDefaults()).settings())
                .containsEntry("confirmline.dialing.base-url", "http://documented");
    }

    @Test
    void extraArgumentsForOneApplicationWinOverEverythingAndReplaceRatherThanRepeat() {
        LocalSettings settings = new LocalSettings(Map.of(
                "EIGHT_BY_EIGHT_BASE_URL", "https://voice.8x8.com",
                "CONFIRMLINE_LOCAL_ARGS_CALL_ORCHESTRATOR",
                "--confirmline.dialing.base-url=http://127.0.0.1:9999  --logging.level.io.confirmline=DEBUG"
                        + " --confirmline.tenants[0].voices.default='en-GB Standard A'"));

        LocalSettings.Resolved orchestrator = settings.resolve("call-orchestrator", orchestratorDefaults());
        LocalSettings.Resolved notifier = settings.resolve("platform-notifier", Map.of("confirmline.notifier.timeout", "15s"));

        assertThat(orchestrator.settings())
                .containsEntry("confirmline.dialing.base-url", "http://127.0.0.1:9999")
                .containsEntry("logging.level.io.confirmline", "DEBUG")
                .containsEntry("confirmline.tenants[0].voices.default", "en-GB Standard A");
        assertThat(orchestrator.overrides()).extracting(LocalSettings.Origin::source)
                .containsOnly("CONFIRMLINE_LOCAL_ARGS_CALL_ORCHESTRATOR");
        assertThat(notifier.settings()).isEqualTo(Map.of("confirmline.notifier.timeout", "15s"));
        assertThat(LocalSettings.extraArgsVariable("eightbyeight-sandbox")).isEqualTo("CONFIRMLINE_LOCAL_ARGS_EIGHTBYEIGHT_SANDBOX");
    }

    @Test
    void aMalformedExtraArgumentIsRefusedWithTheVariablesName() {
        LocalSettings settings = new LocalSettings(Map.of("CONFIRMLINE_LOCAL_ARGS_WEBHOOK_INGRESS", "server.port=1"));

        assertThatThrownBy(() -> settings.resolve("webhook-ingress", Map.of()))
                .hasMessage("CONFIRMLINE_LOCAL_ARGS_WEBHOOK_INGRESS: 'server.port=1' is not --name=value");
        assertThatThrownBy(() -> new LocalSettings(Map.of("CONFIRMLINE_LOCAL_ARGS_WEBHOOK_INGRESS", "--a='b"))
                .resolve("webhook-ingress", Map.of())).hasMessageContaining("unclosed '");
    }
}
