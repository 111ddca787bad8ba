package io.confirmline.notifier.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The tenants as the notifier needs them, from the shared {@code confirmline.tenants} block (design.md §9).
 * Callback URLs come only from here, never from an event: the notifier cannot be made to call anywhere else.
 */
@Validated
@ConfigurationProperties("confirmline")
public record NotifierTenantProperties(@DefaultValue @NotNull List<@Valid Tenant> tenants) {

    /**
     * @param id the ConfirmLine tenant id
     * @param callbackUrl where status webhooks are POSTed (http or https)
     * @param signingSecrets the active Standard Webhooks secrets ({@code whsec_...}); every one signs each
     *     webhook, so a platform can rotate by adding the new secret, switching, then removing the old one
     * @param platformApiKey the platform's key for {@code /api/**} (Bearer); names the tenant
     */
    public record Tenant(@NotBlank String id, @NotNull URI callbackUrl, @NotEmpty List<@NotBlank String> signingSecrets,
            @NotBlank String platformApiKey) {

        @Override
        public String toString() {
            return "Tenant[id=" + id + ", callbackUrl=" + callbackUrl + ", signingSecrets=***, platformApiKey=***]";
        }
    }
}
