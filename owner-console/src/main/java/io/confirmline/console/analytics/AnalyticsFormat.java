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
package io.confirmline.console.analytics;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The figures as a reader sees them, in their language's way of writing numbers ("66.7%", "66,7 %"); the page
 * ({@code ${@analyticsFormat.percent(x, #locale)}}), the charts and the PDF all write them through here. A figure
 * that does not exist (nothing to divide by) is "—".
 */
@Component("analyticsFormat")
public class AnalyticsFormat {

    public static final String NONE = "—";

    public String percent(Double ratio, Locale locale) {
        if (ratio == null) {
            return NONE;
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(ratio);
    }

    public String decimal(Double value, Locale locale) {
        if (value == null) {
            return NONE;
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(value);
    }

    public String count(long value, Locale locale) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** A duration in whole seconds: "42 s", "3 min 05 s", "2 h 07 min". */
    public String duration(Double seconds, Locale locale) {
        if (seconds == null) {
            return NONE;
        }
        long total = Math.round(seconds);
        if (total < 60) {
            return total + " s";
        }
        if (total < 3600) {
            return "%d min %02d s".formatted(total / 60, total % 60);
        }
        return "%d h %02d min".formatted(total / 3600, (total % 3600) / 60);
    }

    /** An amount of a currency, with as many decimals as 8x8's prices have (fractions of a cent), e.g. "0.0425 EUR". */
    public String money(BigDecimal amount, String currency, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(4);
        return format.format(amount) + " " + currency;
    }
}
