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

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {

    @Test
    void theChartIsNamedForAScreenReaderAndEachBarHasItsValueInATitle() {
        String svg = BarChart.svg(
                "Confirmation rate by day",
                List.of(new BarChart.Bar("2026-11-29", 0.5, "50.0%"), new BarChart.Bar("2026-11-30", 1.0, "100.0%")),
                1.0);
        assertThat(svg)
                .startsWith("<svg")
                .contains("role=\"img\"")
                .contains("aria-label=\"Confirmation rate by day\"")
                .contains("<title>Confirmation rate by day</title>")
                .contains("<title>2026-11-29: 50.0%</title>")
                .contains("<title>2026-11-30: 100.0%</title>");
        // The full bar is the plot's height (180), the half one half of it.
        assertThat(svg).contains("height=\"180.0\"").contains("height=\"90.0\"");
    }

    @Test
    void theAxisCanCarryAShorterLabelThanTheTitle() {
        String svg = BarChart.svg("By day", List.of(new BarChart.Bar("2026-11-29", "11-29", 0.5, "50.0%")), 1.0);
        assertThat(svg)
                .contains("<title>2026-11-29: 50.0%</title>")
                .contains(">11-29</text>")
                .doesNotContain(">2026-11-29</text>");
    }

    @Test
    void textIsEscapedSoALabelCannotInjectMarkup() {
        String svg = BarChart.svg("a <b> & \"c\"", List.of(new BarChart.Bar("<script>", 1, "1")), 0);
        assertThat(svg)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;")
                .contains("a &lt;b&gt; &amp; &quot;c&quot;");
    }

    @Test
    void noBarsOrOnlyZerosDrawsAnEmptyChart() {
        assertThat(BarChart.svg("Empty", List.of(), 0))
                .contains("<title>Empty</title>")
                .doesNotContain("<rect");
        assertThat(BarChart.svg("Zeros", List.of(new BarChart.Bar("00", 0, "0")), 0))
                .contains("height=\"0.0\"");
    }
}
