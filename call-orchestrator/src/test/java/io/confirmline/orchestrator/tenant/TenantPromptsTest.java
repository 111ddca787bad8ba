package io.confirmline.orchestrator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.orchestrator.prompt.PromptCatalog;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The tenants' prompt templates as the service binds and checks them at start-up. */
class TenantPromptsTest {

    @Configuration
    @EnableConfigurationProperties(OrchestratorTenantProperties.class)
    @Import(Tenants.class)
    static class TenantsOnly {
    }

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(TenantsOnly.class)
            .withPropertyValues(tenant(0, "luigis")).withPropertyValues(tenant(1, "marios"))
            .withPropertyValues("confirmline.tenants[1].confirm-digit=5", "confirmline.tenants[1].cancel-digit=6");

    static String[] tenant(int i, String id) {
        String p = "confirmline.tenants[" + i + "].";
        return new String[] {p + "id=" + id, p + "subaccount-id=" + id + "_voice", p + "api-key=k-" + id,
                p + "platform-api-key=pk-" + id, p + "caller-id=+34910000000"};
    }

    final PromptCatalog.Booking ana = new PromptCatalog.Booking("Ana", "Mario's", 2, null,
            Instant.parse("2026-11-21T19:00:00Z"), ZoneId.of("Europe/Madrid"), "es-MX");
    final Instant now = Instant.parse("2026-11-21T18:00:00Z");

    @Test
    void eachTenantSpeaksItsOwnTemplatesAndDigits() {
        context.withPropertyValues("confirmline.tenants[1].prompts.es-MX.reservation-prompt="
                        + "Buenas {name}, habla {venue}. Marque {confirmDigit} para confirmar o {cancelDigit} para cancelar.")
                .run(started -> {
                    Tenants tenants = started.getBean(Tenants.class);
                    assertThat(tenants.prompts("marios").reservationPrompt(ana, now))
                            .isEqualTo("Buenas Ana, habla Mario's. Marque 5 para confirmar o 6 para cancelar.");
                    assertThat(tenants.prompts("marios").noInput(ana, now))
                            .isEqualTo("No hemos recibido ninguna tecla. Pulse 5 para confirmar, o 6 para cancelar.");
                    assertThat(tenants.prompts("luigis").reservationPrompt(ana, now))
                            .startsWith("Hola Ana").endsWith("Pulse 1 para confirmar, o 0 para cancelar.");
                });
    }

    @Test
    void anUnknownPlaceholderStopsTheStartNamingTenantAndTemplate() {
        context.withPropertyValues("confirmline.tenants[1].prompts.en.no-input=Press {confirmdigit} now.")
                .run(started -> {
                    assertThat(started).hasFailed();
                    Throwable cause = started.getStartupFailure();
                    while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).hasMessageStartingWith(
                            "Tenant marios: prompt template en.no-input uses unknown placeholder {confirmdigit}; known:");
                });
    }
}
