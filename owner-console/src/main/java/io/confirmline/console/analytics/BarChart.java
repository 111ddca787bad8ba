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

import java.util.List;
import java.util.Locale;

/**
 * Draws a bar chart as SVG markup, on the server: no script, no library, and readable without the picture (the
 * chart has a title and an aria-label, each bar a {@code <title>} with its label and value; the page also has a
 * table with the same numbers). Every text is escaped, so a label cannot inject markup.
 */
public final class BarChart {

    /**
     * One bar: what it is (in its title), the shorter label under the axis, its value (its height), and the value as
     * the reader should see it.
     */
    public record Bar(String label, String axisLabel, double value, String valueText) {

        public Bar(String label, double value, String valueText) {
            this(label, label, value, valueText);
        }
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 240;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;
    private static final int LEFT = 10;
    private static final int RIGHT = 10;

    private BarChart() {}

    /**
     * The chart as an {@code <svg>} element.
     *
     * @param title what it shows (its {@code <title>} and aria-label)
     * @param max the value of a full-height bar; at most 0 means the largest bar's value
     */
    public static String svg(String title, List<Bar> bars, double max) {
        double top = max > 0 ? max : bars.stream().mapToDouble(Bar::value).max().orElse(0);
        StringBuilder svg = new StringBuilder(512 + bars.size() * 256);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" aria-label=\"")
                .append(escape(title))
                .append("\">")
                .append("<title>")
                .append(escape(title))
                .append("</title>");
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int baseline = HEIGHT - BOTTOM;
        svg.append("<line class=\"axis\" x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(baseline)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y2=\"")
                .append(baseline)
                .append("\"/>");
        if (!bars.isEmpty()) {
            double slot = (double) (WIDTH - LEFT - RIGHT) / bars.size();
            double barWidth = Math.max(1, slot * 0.7);
            // Labels would overlap when there are many bars: then every n-th one only (the titles still name all).
            int labelEvery = Math.max(1, (int) Math.ceil(bars.size() / 16.0));
            for (int i = 0; i < bars.size(); i++) {
                Bar bar = bars.get(i);
                double height = top <= 0 ? 0 : Math.max(0, Math.min(1, bar.value() / top)) * plotHeight;
                double x = LEFT + i * slot + (slot - barWidth) / 2;
                svg.append("<g class=\"bar\"><title>")
                        .append(escape(bar.label()))
                        .append(": ")
                        .append(escape(bar.valueText()))
                        .append("</title>")
                        .append("<rect x=\"")
                        .append(number(x))
                        .append("\" y=\"")
                        .append(number(baseline - height))
                        .append("\" width=\"")
                        .append(number(barWidth))
                        .append("\" height=\"")
                        .append(number(height))
                        .append("\"/>");
                if (i % labelEvery == 0) {
                    svg.append("<text class=\"label\" x=\"")
                            .append(number(LEFT + i * slot + slot / 2))
                            .append("\" y=\"")
                            .append(baseline + 16)
                            .append("\" text-anchor=\"middle\">")
                            .append(escape(bar.axisLabel()))
                            .append("</text>");
                }
                if (height > 0 && bars.size() <= 31) {
                    svg.append("<text class=\"value\" x=\"")
                            .append(number(LEFT + i * slot + slot / 2))
                            .append("\" y=\"")
                            .append(number(baseline - height - 4))
                            .append("\" text-anchor=\"middle\">")
                            .append(escape(bar.valueText()))
                            .append("</text>");
                }
                svg.append("</g>");
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
