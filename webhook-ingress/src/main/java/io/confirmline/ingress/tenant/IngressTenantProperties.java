package io.confirmline.ingress.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The tenants as webhook-ingress needs them, from the shared {@code confirmline.tenants} block (design.md §9).
 * The other fields of a tenant (API key, callback URL...) belong to the other services and are ignored here.
 */
@Validated
@ConfigurationProperties("confirmline")
public record IngressTenantProperties(@DefaultValue @NotNull List<@Valid Tenant> tenants) {

    /**
     * @param id the ConfirmLine tenant id
     * @param subaccountId the 8x8 subaccount whose webhooks carry {@code payload.subAccountId}
     * @param authToken the exact {@code Authorization} value registered with 8x8 as {@code httpAuthHeader}
     *     (a secret: set it from the environment)
     */
    public record Tenant(@NotBlank String id, @NotBlank String subaccountId, @NotBlank String authToken) {

        @Override
        public String toString() {
            return "Tenant[id=" + id + ", subaccountId=" + subaccountId + ", authToken=***]";
        }
    }
}
