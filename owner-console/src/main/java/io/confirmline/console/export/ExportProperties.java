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
package io.confirmline.console.export;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CSV export ({@code confirmline.console.export.*}).
 *
 * @param fetchSize rows PostgreSQL sends per round trip while the download is read; at most this many (and the
 *     rows of one write) are in the console's memory at once, however many the export has
 * @param statementTimeout how long one export may take, the slowest client's reading included (the database's
 *     default statement timeout is meant for page queries and would cut a long download short)
 */
@Validated
@ConfigurationProperties("confirmline.console.export")
public record ExportProperties(
        @DefaultValue("500") @Min(1) @Max(10_000) int fetchSize,
        @DefaultValue("30m") @NotNull Duration statementTimeout) {

    public ExportProperties {
        if (statementTimeout != null && (statementTimeout.isNegative() || statementTimeout.isZero())) {
            throw new IllegalArgumentException("confirmline.console.export.statement-timeout must be positive");
        }
    }
}
