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
package io.confirmline.console.readmodel;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The pages' live feed ({@code confirmline.console.live.*}).
 *
 * @param heartbeat how often an idle Server-Sent Events stream carries a comment, so proxies keep it open and a
 *     browser notices a dead connection
 * @param retention live changes older than this are deleted; a browser away longer reloads the page instead
 * @param maxStream how long one stream lasts before the server ends it; the browser reconnects at once with
 *     Last-Event-ID, so the resume path is exercised every day, not only when a network fails
 * @param reconnect the {@code retry:} a browser waits before reconnecting after a stream ended or dropped
 */
@Validated
@ConfigurationProperties("confirmline.console.live")
public record LiveProperties(
        @DefaultValue("15s") @NotNull Duration heartbeat,
        @DefaultValue("1d") @NotNull Duration retention,
        @DefaultValue("10m") @NotNull Duration maxStream,
        @DefaultValue("1s") @NotNull Duration reconnect) {

    public LiveProperties {
        positive(heartbeat, "heartbeat");
        positive(retention, "retention");
        positive(maxStream, "max-stream");
        positive(reconnect, "reconnect");
    }

    private static void positive(Duration value, String name) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("confirmline.console.live." + name + " must be positive");
        }
    }
}
