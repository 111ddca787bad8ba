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
package io.confirmline.console.backend;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the console reaches the services it calls on a tenant's behalf ({@code confirmline.console.*}): the
 * orchestrator for owner actions (call again, cancel, reply, take over, alerts) and the notifier for the delivery
 * log.
 *
 * @param orchestratorUrl the call orchestrator's base URL (env {@code CONFIRMLINE_ORCHESTRATOR_URL})
 * @param notifierUrl the platform notifier's base URL (env {@code CONFIRMLINE_NOTIFIER_URL})
 * @param backendTimeout how long one request to either waits for its whole answer; an owner is waiting on it
 */
@Validated
@ConfigurationProperties("confirmline.console")
public record BackendProperties(
        @DefaultValue("http://127.0.0.1:8082") @NotNull URI orchestratorUrl,
        @DefaultValue("http://127.0.0.1:8083") @NotNull URI notifierUrl,
        @DefaultValue("5s") @NotNull Duration backendTimeout) {

    public BackendProperties {
        requireHttp(orchestratorUrl, "confirmline.console.orchestrator-url");
        requireHttp(notifierUrl, "confirmline.console.notifier-url");
        if (backendTimeout != null && (backendTimeout.isNegative() || backendTimeout.isZero())) {
            throw new IllegalArgumentException("confirmline.console.backend-timeout must be positive");
        }
    }

    private static void requireHttp(URI url, String setting) {
        if (url != null
                && ((!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) || url.getHost() == null)) {
            throw new IllegalArgumentException(setting + " must be an http(s) URL with a host");
        }
    }
}
