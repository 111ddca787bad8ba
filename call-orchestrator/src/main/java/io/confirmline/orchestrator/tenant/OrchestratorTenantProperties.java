package io.confirmline.orchestrator.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The tenants as the orchestrator needs them, from the shared {@code confirmline.tenants} block (design.md §9). */
@Validated
@ConfigurationProperties("confirmline")
public record OrchestratorTenantProperties(@DefaultValue @NotNull List<@Valid Tenant> tenants) {

    /**
     * @param id the ConfirmLine tenant id
     * @param subaccountId the 8x8 voice subaccount calls are placed on
     * @param apiKey the 8x8 API key (a secret)
     * @param callerId the number guests see (an 8x8 virtual number or a whitelisted CLID)
     * @param timeZone the default zone for calling hours when a booking names none
     * @param leadTime how long before a booking the call is placed
     * @param minimumNotice a booking sooner than this is not called (SKIPPED)
     * @param callingOpens the first local time a call may start
     * @param callingCloses the last local time a call may start
     */
    public record Tenant(@NotBlank String id, @NotBlank String subaccountId, @NotBlank String apiKey,
            @NotBlank String callerId, @DefaultValue("UTC") @NotNull ZoneId timeZone,
            @DefaultValue("30m") @NotNull Duration leadTime, @DefaultValue("10m") @NotNull Duration minimumNotice,
            @DefaultValue("09:00") @NotNull LocalTime callingOpens, @DefaultValue("21:00") @NotNull LocalTime callingCloses) {

        @Override
        public String toString() {
            return "Tenant[id=" + id + ", subaccountId=" + subaccountId + ", apiKey=***]";
        }
    }
}
