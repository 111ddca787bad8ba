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
package io.confirmline.console.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the console and how its sessions behave ({@code confirmline.console.*}).
 *
 * @param adminToken the platform admin's bearer token for {@code /api/admin/**} (env {@code CONFIRMLINE_ADMIN_TOKEN});
 *                   blank switches bearer access off, so only signed-in users reach the API
 * @param secureCookies whether the session cookie carries {@code Secure}; only a plain-http local stack turns it off
 * @param trustForwarded whether the client address is read from {@code X-Forwarded-For} (behind our own proxy only:
 *                       a client can write that header itself)
 * @param publicUrl the console's address as users reach it, for the invitation links the admin API hands out; when
 *                  unset, the address the admin request came in on
 * @param login limits on failed sign-ins
 * @param invitationValidity how long an invitation link can be used
 */
@Validated
@ConfigurationProperties("confirmline.console")
public record ConsoleSecurityProperties(
        String adminToken,
        @DefaultValue("true") boolean secureCookies,
        @DefaultValue("false") boolean trustForwarded,
        URI publicUrl,
        @Valid @NotNull @DefaultValue Login login,
        @NotNull @DefaultValue("72h") Duration invitationValidity) {

    /** A token short enough to guess is refused at start rather than silently accepted. */
    static final int MIN_ADMIN_TOKEN_LENGTH = 24;

    public boolean adminTokenConfigured() {
        return adminToken != null && !adminToken.isBlank();
    }

    @AssertTrue(message = "confirmline.console.admin-token must be at least 24 characters when set")
    public boolean isAdminTokenLongEnough() {
        return !adminTokenConfigured() || adminToken.strip().length() >= MIN_ADMIN_TOKEN_LENGTH;
    }

    @AssertTrue(message = "confirmline.console.invitation-validity must be between 1 minute and 30 days")
    public boolean isInvitationValidityInRange() {
        return invitationValidity == null
                || (invitationValidity.compareTo(Duration.ofMinutes(1)) >= 0
                        && invitationValidity.compareTo(Duration.ofDays(30)) <= 0);
    }

    /**
     * Failed sign-ins allowed in a sliding window, per account and per client address; past either, an attempt is
     * refused before its password is even checked.
     */
    public record Login(
            @Min(1) @Max(1000) @DefaultValue("5") int maxFailuresPerAccount,
            @Min(1) @Max(100000) @DefaultValue("20") int maxFailuresPerAddress,
            @NotNull @DefaultValue("15m") Duration failureWindow) {

        @AssertTrue(message = "confirmline.console.login.failure-window must be between 1 second and 1 day")
        public boolean isFailureWindowInRange() {
            return failureWindow == null
                    || (failureWindow.compareTo(Duration.ofSeconds(1)) >= 0
                            && failureWindow.compareTo(Duration.ofDays(1)) <= 0);
        }
    }

    @Override
    public String toString() {
        // The admin token never reaches a log line, even through a debug dump of the configuration.
        return "ConsoleSecurityProperties[adminToken=" + (adminTokenConfigured() ? "***" : "<unset>")
                + ", secureCookies=" + secureCookies + ", trustForwarded=" + trustForwarded + ", publicUrl=" + publicUrl
                + ", login=" + login + ", invitationValidity=" + invitationValidity + "]";
    }
}
