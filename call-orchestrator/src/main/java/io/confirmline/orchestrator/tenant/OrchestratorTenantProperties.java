package io.confirmline.orchestrator.tenant;

import io.confirmline.orchestrator.prompt.PromptCatalog;
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
     * @param platformApiKey the platform's Bearer key for {@code /api/**} (a secret); it also names the tenant
     * @param callerId the number guests see (an 8x8 virtual number or a whitelisted CLID)
     * @param timeZone the default zone for calling hours when a booking names none
     * @param leadTime how long before a booking the call is placed
     * @param minimumNotice a booking sooner than this is not called (SKIPPED)
     * @param callingOpens the first local time a call may start
     * @param callingCloses the last local time a call may start
     * @param voices the 8x8 speech profile per language (BCP 47 tag or language), e.g. {@code es: es-ES-Standard-A};
     *     {@code default} is used for any other language
     * @param confirmDigit the digit that confirms
     * @param cancelDigit the digit that cancels
     * @param maxReprompts how often an unknown digit or silence is asked again in one call
     * @param callsPerSecond the most Send Callflow requests per second for this tenant; 0 means unlimited
     * @param maxConcurrentCalls the most Send Callflow requests in flight at once for this tenant; 0 means
     *     unlimited
     * @param maxAttempts how many times a guest is called in all when nobody answers, the line is busy or nobody
     *     presses a key (never after the booking's last useful moment)
     * @param retryDelay the wait between attempts
     * @param prompts the tenant's words per BCP 47 tag or language (design.md §9's message templates), e.g.
     *     {@code es: {reservation-prompt: "Hola {name}... Pulse {confirmDigit}..."}}; any sentence left out is the
     *     shipped one. Placeholders are checked at start-up: an unknown one stops the service, naming the template.
     */
    public record Tenant(@NotBlank String id, @NotBlank String subaccountId, @NotBlank String apiKey, @NotBlank String platformApiKey,
            @NotBlank String callerId, @DefaultValue("UTC") @NotNull ZoneId timeZone,
            @DefaultValue("30m") @NotNull Duration leadTime, @DefaultValue("10m") @NotNull Duration minimumNotice,
            @DefaultValue("09:00") @NotNull LocalTime callingOpens, @DefaultValue("21:00") @NotNull LocalTime callingCloses,
            @DefaultValue({}) @NotNull java.util.Map<String, String> voices,
            @DefaultValue("1") @NotBlank String confirmDigit, @DefaultValue("0") @NotBlank String cancelDigit,
            @DefaultValue("2") int maxReprompts,
            @DefaultValue("0") double callsPerSecond, @DefaultValue("0") int maxConcurrentCalls,
            @DefaultValue("3") @jakarta.validation.constraints.Min(1) int maxAttempts,
            @DefaultValue("10m") @NotNull Duration retryDelay,
            @DefaultValue({}) @NotNull java.util.Map<String, PromptCatalog.Texts> prompts) {

        /** The speech profile for a language tag: the exact tag, its language, {@code default}, then en-US. */
        public String voiceFor(String languageTag) {
            String language = java.util.Locale.forLanguageTag(languageTag).getLanguage();
            return voices.getOrDefault(languageTag, voices.getOrDefault(language,
                    voices.getOrDefault("default", "en-US-Standard-C")));
        }

        @Override
        public String toString() {
            return "Tenant[id=" + id + ", subaccountId=" + subaccountId + ", apiKey=***, platformApiKey=***]";
        }
    }
}
