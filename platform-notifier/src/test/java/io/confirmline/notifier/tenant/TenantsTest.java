package io.confirmline.notifier.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.notifier.tenant.NotifierTenantProperties.Tenant;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tenant whose webhooks could never be signed or sent stops start-up, naming the tenant and never the secret. */
class TenantsTest {

    static final String GOOD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static Tenants tenants(String url, String... secrets) {
        return new Tenants(new NotifierTenantProperties(List.of(
                new Tenant("luigis", URI.create("https://luigis.example/hooks"), List.of(GOOD), "key-1"),
                new Tenant("marios", URI.create(url), List.of(secrets), "key-2"))));
    }

    @Test
    void aSecretThatIsNotBase64AfterThePrefixFailsStartUpNamingTheTenantButNotTheSecret() {
        assertThatThrownBy(() -> tenants("https://marios.example/hooks", GOOD, "whsec_sEcr3t*not!base64"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Tenant marios")
                .hasMessageContaining("signing-secrets[1] is not valid base64 after whsec_")
                .hasMessageNotContaining("sEcr3t");
    }

    @Test
    void aSecretWithoutTheWhsecPrefixOrWithoutAKeyFailsStartUp() {
        assertThatThrownBy(() -> tenants("https://marios.example/hooks", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageContaining("Tenant marios: signing-secrets[0] does not start with whsec_")
                .hasMessageNotContaining("MfKQ9r8");
        assertThatThrownBy(() -> tenants("https://marios.example/hooks", "whsec_"))
                .hasMessageContaining("Tenant marios: signing-secrets[0] has no key after whsec_");
    }

    @Test
    void aCallbackUrlThatIsNotHttpOrHasNoHostFailsStartUp() {
        assertThatThrownBy(() -> tenants("ftp://marios.example/hooks", GOOD))
                .hasMessage("Tenant marios: callback-url must be http(s)");
        assertThatThrownBy(() -> tenants("https:/hooks", GOOD))
                .hasMessage("Tenant marios: callback-url has no host");
    }

    @Test
    void validTenantsAreFoundByIdAndApiKey() {
        Tenants tenants = tenants("http://127.0.0.1:8090/hooks", GOOD);
        assertThat(tenants.byId("marios")).isPresent();
        assertThat(tenants.byApiKey("key-2")).get().extracting(Tenant::id).isEqualTo("marios");
        assertThat(tenants.byApiKey("nope")).isEmpty();
    }
}
