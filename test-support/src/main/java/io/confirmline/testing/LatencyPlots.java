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
package io.confirmline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a benchmark's latencies as two SVG files next to docs/benchmarks.md, so a regression is seen rather than read
 * in a table: latency over the run (p50, p99 and max per time slice, one colour per series) and the latency
 * distribution (latency against percentile on a "nines" axis, as HdrHistogram plots it, where the tail is visible).
 * Plain SVG written by hand: no plotting library, no timestamps in the output, so an unchanged run diffs clean.
 */
public final class LatencyPlots {

    /** One request or event: when it happened, counted from the start of its run, and how long it took. */
    public record Sample(double secondsFromStart, double latencyMillis) {}

    /** The two files written. */
    public record Written(Path overTime, Path distribution) {}

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final int SLICES = 60;
    private static final double[] NINES = {0, 0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999};

    private LatencyPlots() {}

    /**
     * Writes {@code docs/benchmarks/<name>-over-time.svg} and {@code docs/benchmarks/<name>-distribution.svg} under
     * the project's root (the nearest directory upwards from the working directory that holds {@code mvnw}), or
     * under {@code -Dbench.plots} when set.
     */
    @SuppressWarnings("NonApiType") // a LinkedHashMap: the series' order is the legend's
    public static Written write(String name, String title, LinkedHashMap<String, List<Sample>> series) {
        Path dir = System.getProperty("bench.plots") != null
                ? Path.of(System.getProperty("bench.plots"))
                : projectRoot().resolve("docs").resolve("benchmarks");
        return write(dir, name, title, series);
    }

    @SuppressWarnings("NonApiType") // a LinkedHashMap: the series' order is the legend's
    public static Written write(Path dir, String name, String title, LinkedHashMap<String, List<Sample>> series) {
        Map<String, List<Sample>> drawn = new LinkedHashMap<>();
        series.forEach((label, samples) -> {
            if (samples != null && !samples.isEmpty()) {
                drawn.put(label, samples);
            }
        });
        try {
            Files.createDirectories(dir);
            Path overTime = dir.resolve(name + "-over-time.svg");
            Path distribution = dir.resolve(name + "-distribution.svg");
            Files.writeString(overTime, overTime(title, drawn), StandardCharsets.UTF_8);
            Files.writeString(distribution, distribution(title, drawn), StandardCharsets.UTF_8);
            System.out.println("Plots: " + overTime + " and " + distribution);
            return new Written(overTime, distribution);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.exists(at.resolve("mvnw")) && Files.isDirectory(at.resolve("docs"))) {
                return at;
            }
        }
        return dir;
    }

    static String overTime(String title, Map<String, List<Sample>> series) {
        double end = 0;
        double top = 0;
        for (List<Sample> samples : series.values()) {
            for (Sample sample : samples) {
                end = Math.max(end, sample.secondsFromStart());
                top = Math.max(top, sample.latencyMillis());
            }
        }
        end = end <= 0 ? 1 : end;
        double yMax = niceCeiling(top);
        Canvas canvas = new Canvas(title + " — latency over the run");
        canvas.axes("seconds from the start of the run", "latency (ms)");
        double[] xTicks = ticks(end);
        for (double tick : xTicks) {
            canvas.xTick(tick / end, number(tick));
        }
        for (double tick : ticks(yMax)) {
            canvas.yTick(tick / yMax, number(tick));
        }
        int colour = 0;
        List<String> legend = new ArrayList<>();
        for (Map.Entry<String, List<Sample>> entry : series.entrySet()) {
            String stroke = COLOURS[colour++ % COLOURS.length];
            double slice = end / SLICES;
            List<List<Double>> slices = new ArrayList<>();
            for (int i = 0; i <= SLICES; i++) {
                slices.add(new ArrayList<>());
            }
            for (Sample sample : entry.getValue()) {
                int index = (int) Math.min(SLICES, Math.floor(sample.secondsFromStart() / slice));
                slices.get(Math.max(0, index)).add(sample.latencyMillis());
            }
            StringBuilder p50 = new StringBuilder();
            StringBuilder p99 = new StringBuilder();
            StringBuilder max = new StringBuilder();
            for (int i = 0; i <= SLICES; i++) {
                List<Double> values = slices.get(i);
                if (values.isEmpty()) {
                    continue;
                }
                double[] sorted = values.stream()
                        .mapToDouble(Double::doubleValue)
                        .sorted()
                        .toArray();
                double x = Math.min(1, (i + 0.5) * slice / end);
                p50.append(canvas.point(x, percentile(sorted, 0.5) / yMax));
                p99.append(canvas.point(x, percentile(sorted, 0.99) / yMax));
                max.append(canvas.point(x, sorted[sorted.length - 1] / yMax));
            }
            canvas.line(max.toString(), stroke, 0.8, "2,3", 0.5);
            canvas.line(p99.toString(), stroke, 2, null, 1);
            canvas.line(p50.toString(), stroke, 1.5, "6,3", 1);
            legend.add(
                    stroke + "\u0000" + entry.getKey() + " (" + entry.getValue().size() + ")");
        }
        canvas.legend(legend, "solid p99 · dashed p50 · dotted max, per " + number(end / SLICES) + " s");
        return canvas.end();
    }

    static String distribution(String title, Map<String, List<Sample>> series) {
        double top = 0;
        Map<String, double[]> sorted = new LinkedHashMap<>();
        for (Map.Entry<String, List<Sample>> entry : series.entrySet()) {
            double[] values = entry.getValue().stream()
                    .mapToDouble(Sample::latencyMillis)
                    .sorted()
                    .toArray();
            sorted.put(entry.getKey(), values);
            top = Math.max(top, values[values.length - 1]);
        }
        double yMax = niceCeiling(top);
        int count =
                sorted.values().stream().mapToInt(values -> values.length).max().orElse(1);
        // The axis goes as far as the data has nines: 1,000 samples reach 99.9 %, 100,000 reach 99.999 %.
        double lastNine = Math.max(2, Math.min(5, Math.log10(Math.max(10, count))));
        Canvas canvas = new Canvas(title + " — latency distribution");
        canvas.axes("percentile", "latency (ms)");
        for (double p : NINES) {
            double x = nines(p) / lastNine;
            if (x <= 1.0001) {
                canvas.xTick(x, percentLabel(p));
            }
        }
        for (double tick : ticks(yMax)) {
            canvas.yTick(tick / yMax, number(tick));
        }
        int colour = 0;
        List<String> legend = new ArrayList<>();
        for (Map.Entry<String, double[]> entry : sorted.entrySet()) {
            String stroke = COLOURS[colour++ % COLOURS.length];
            double[] values = entry.getValue();
            StringBuilder points = new StringBuilder();
            int steps = 400;
            for (int i = 0; i <= steps; i++) {
                double x = (double) i / steps;
                double p = 1 - Math.pow(10, -x * lastNine);
                points.append(canvas.point(x, percentile(values, p) / yMax));
            }
            canvas.line(points.toString(), stroke, 2, null, 1);
            legend.add(stroke + "\u0000" + entry.getKey()
                    + String.format(
                            Locale.ROOT,
                            " — p50 %s ms, p99 %s ms, max %s ms",
                            number(percentile(values, 0.5)),
                            number(percentile(values, 0.99)),
                            number(values[values.length - 1])));
        }
        canvas.legend(legend, null);
        return canvas.end();
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** How many nines a percentile has: 0.9 is 1, 0.99 is 2. */
    private static double nines(double p) {
        return p >= 1 ? 6 : -Math.log10(1 - p);
    }

    private static String percentLabel(double p) {
        String text = String.format(Locale.ROOT, "%.3f", p * 100)
                .replaceAll("0+$", "")
                .replaceAll("\\.$", "");
        return text + "%";
    }

    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static double[] ticks(double max) {
        double rough = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = Arrays.stream(new double[] {1, 2, 2.5, 5, 10})
                .map(s -> s * magnitude)
                .filter(s -> s >= rough)
                .findFirst()
                .orElse(10 * magnitude);
        int count = (int) Math.floor(max / step + 1e-9);
        double[] ticks = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            ticks[i] = i * step;
        }
        return ticks;
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.valueOf((long) value);
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** The frame shared by both charts; coordinates given as fractions of the plot area, 0..1 from the bottom left. */
    private static final class Canvas {

        private final StringBuilder svg = new StringBuilder();
        private final int plotWidth = WIDTH - LEFT - RIGHT;
        private final int plotHeight = HEIGHT - TOP - BOTTOM;

        Canvas(String title) {
            svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(WIDTH)
                    .append("\" height=\"")
                    .append(HEIGHT + 110)
                    .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                    .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                    .append("<text x=\"")
                    .append(WIDTH / 2)
                    .append("\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">")
                    .append(escape(title))
                    .append("</text>\n");
        }

        String point(double x, double y) {
            double clampedY = Math.max(0, Math.min(1.02, y));
            return String.format(
                    Locale.ROOT, "%.1f,%.1f ", LEFT + x * plotWidth, TOP + plotHeight - clampedY * plotHeight);
        }

        void axes(String xLabel, String yLabel) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n",
                    LEFT,
                    TOP,
                    plotWidth,
                    plotHeight));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    LEFT + plotWidth / 2,
                    TOP + plotHeight + 40,
                    escape(xLabel)));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
                    TOP + plotHeight / 2,
                    escape(yLabel)));
        }

        void xTick(double x, String label) {
            double at = LEFT + x * plotWidth;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    at,
                    TOP,
                    at,
                    TOP + plotHeight,
                    at,
                    TOP + plotHeight + 18,
                    escape(label)));
        }

        void yTick(double y, String label) {
            double at = TOP + plotHeight - y * plotHeight;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT,
                    at,
                    LEFT + plotWidth,
                    at,
                    LEFT - 6,
                    at + 4,
                    escape(label)));
        }

        void line(String points, String stroke, double width, String dash, double opacity) {
            if (points.isBlank()) {
                return;
            }
            svg.append("<polyline fill=\"none\" stroke=\"")
                    .append(stroke)
                    .append("\" stroke-width=\"")
                    .append(width)
                    .append("\" stroke-opacity=\"")
                    .append(opacity)
                    .append('"');
            if (dash != null) {
                svg.append(" stroke-dasharray=\"").append(dash).append('"');
            }
            svg.append(" points=\"").append(points.trim()).append("\"/>\n");
        }

        void legend(List<String> entries, String note) {
            int y = HEIGHT + 4;
            for (String entry : entries) {
                String[] parts = entry.split("\u0000", 2);
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                                + "<text x=\"%d\" y=\"%d\">%s</text>\n",
                        LEFT,
                        y - 4,
                        LEFT + 24,
                        y - 4,
                        parts[0],
                        LEFT + 30,
                        y,
                        escape(parts[1])));
                y += 18;
            }
            if (note != null) {
                svg.append(String.format(
                        Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">%s</text>\n", LEFT, y, escape(note)));
            }
        }

        String end() {
            return svg.append("</svg>\n").toString();
        }
    }
}
