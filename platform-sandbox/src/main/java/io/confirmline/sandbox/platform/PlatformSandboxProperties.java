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
package io.confirmline.sandbox.platform;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform sandbox ({@code platform-sandbox.*}).
 *
 * @param signingSecrets the {@code whsec_} secrets webhooks must be signed with (any one verifies)
 * @param tolerance how far a webhook's timestamp may be from now (the Standard Webhooks replay window)
 * @param timeZone the venue's zone: the availability endpoint's dates and times are local to it, its slots carry
 *     its offset
 * @param acceptChangeRequests whether a {@code reservation.change_requested} is answered by moving the booking
 *     (an UPDATED event), for the demo; also {@code PUT /sandbox/change-requests}
 */
@Validated
@ConfigurationProperties("platform-sandbox")
public record PlatformSandboxProperties(
        @NotEmpty List<String> signingSecrets,
        @DefaultValue("5m") @NotNull Duration tolerance,
        @DefaultValue("Europe/Madrid") @NotNull ZoneId timeZone,
        @DefaultValue("false") boolean acceptChangeRequests) {

    @Override
    public String toString() {
        return "PlatformSandboxProperties[signingSecrets=***, tolerance=" + tolerance + ", timeZone=" + timeZone
                + ", acceptChangeRequests=" + acceptChangeRequests + "]";
    }
}
