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
package io.confirmline.database;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whether the service keeps its queue tables vacuumed and analyzed itself ({@code confirmline.database.upkeep.*};
 * {@link QueueTableUpkeep}).
 *
 * @param mode {@code auto}: when the server's autovacuum is off; {@code never}: leave it to the server or the
 *     operator
 * @param interval how often the tables' counters are looked at
 */
@Validated
@ConfigurationProperties("confirmline.database.upkeep")
public record TableUpkeepProperties(
        @DefaultValue("auto") @NotNull Mode mode,
        @DefaultValue("10s") @NotNull Duration interval) {

    /** When the service does autovacuum's work. */
    public enum Mode {
        AUTO,
        NEVER
    }
}
