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

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LatencyPlotsTest {

    @TempDir
    Path dir;

    @Test
    void writesTwoWellFormedChartsWithOneLinePerSeriesAndTheTailInTheLegend() throws Exception {
        List<LatencyPlots.Sample> fast = new ArrayList<>();
        List<LatencyPlots.Sample> slow = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            fast.add(new LatencyPlots.Sample(i / 1000.0, 1 + (i % 100) / 100.0));
            slow.add(new LatencyPlots.Sample(i / 1000.0, i == 9_999 ? 500 : 10));
        }
        LinkedHashMap<String, List<LatencyPlots.Sample>> series = new LinkedHashMap<>();
        series.put("baseline", fast);
        series.put("service <under test>", slow);
        series.put("empty run", List.of());

        LatencyPlots.Written written = LatencyPlots.write(dir, "demo", "Demo & co", series);

        Document overTime = parse(written.overTime());
        Document distribution = parse(written.distribution());
        // p99, p50 and max per series over time; one curve per series for the distribution; empty runs are left out.
        assertThat(overTime.getElementsByTagName("polyline").getLength()).isEqualTo(6);
        assertThat(distribution.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(texts(distribution))
                .anyMatch(text -> text.startsWith("service <under test> — p50 10 ms, p99 10 ms, max 500 ms"))
                .anyMatch(text -> text.equals("99.99%"))
                .noneMatch(text -> text.startsWith("empty run"));
        assertThat(texts(overTime)).contains("Demo & co — latency over the run");
    }

    @Test
    void theSameRunDrawsTheSameBytes() throws Exception {
        LinkedHashMap<String, List<LatencyPlots.Sample>> series = new LinkedHashMap<>();
        series.put("run", List.of(new LatencyPlots.Sample(0, 3), new LatencyPlots.Sample(2, 7)));
        LatencyPlots.Written first = LatencyPlots.write(dir.resolve("a"), "x", "X", series);
        LatencyPlots.Written second = LatencyPlots.write(dir.resolve("b"), "x", "X", series);
        assertThat(Files.readString(first.overTime())).isEqualTo(Files.readString(second.overTime()));
        assertThat(Files.readString(first.distribution())).isEqualTo(Files.readString(second.distribution()));
    }

    @Test
    void percentilesAreNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(LatencyPlots.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(LatencyPlots.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(LatencyPlots.percentile(sorted, 0)).isEqualTo(1);
        assertThat(LatencyPlots.niceCeiling(237)).isEqualTo(250);
        assertThat(LatencyPlots.ticks(250)).containsExactly(0, 50, 100, 150, 200, 250);
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> texts(Document document) {
        NodeList nodes = document.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(((Element) nodes.item(i)).getTextContent());
        }
        return texts;
    }
}
