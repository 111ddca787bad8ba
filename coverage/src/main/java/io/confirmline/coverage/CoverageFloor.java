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
package io.confirmline.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Fails the build when the suite's coverage (JaCoCo's aggregate XML report) is below the floor set in
 * {@code coverage/pom.xml}, saying which figure fell and how to put it right.
 */
public final class CoverageFloor {

    /** Covered and missed counts of one kind (lines, branches) for the whole report. */
    record Counter(String type, long covered, long missed) {
        double ratio() {
            return covered + missed == 0 ? 1.0 : (double) covered / (covered + missed);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.1f %% (%d of %d)", type, 100 * ratio(), covered, covered + missed);
        }
    }

    /** The report's figures. */
    record Coverage(Counter lines, Counter branches) {}

    private CoverageFloor() {}

    /**
     * Arguments: the XML report, the line floor, the branch floor (ratios), then flags of which any one true means
     * no coverage was recorded ({@code skipTests}, {@code maven.test.skip}, {@code jacoco.skip}).
     */
    public static void main(String[] args) throws IOException {
        Path report = Path.of(args[0]);
        boolean testsSkipped = Arrays.stream(args, 3, args.length).anyMatch(Boolean::parseBoolean);
        // JaCoCo writes an aggregate report even without execution data (every line uncovered), and one left in
        // target/ by an earlier run is stale: with the tests skipped there is nothing to check either way.
        if (testsSkipped) {
            System.out.println("Coverage: tests or JaCoCo skipped, nothing to check");
            return;
        }
        if (!Files.exists(report)) {
            throw new IllegalStateException("Coverage: no report at " + report
                    + " although the tests ran; is JaCoCo's agent in the test JVMs (surefire's argLine @{argLine})?");
        }
        Coverage coverage = read(report);
        System.out.println("Coverage: " + coverage.lines() + ", " + coverage.branches() + " (report: "
                + report.resolveSibling("index.html") + ")");
        String problem = check(coverage, Double.parseDouble(args[1]), Double.parseDouble(args[2]));
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Null when both figures reach their floors; otherwise what fell and what to do. */
    static String check(Coverage coverage, double lineFloor, double branchFloor) {
        StringBuilder fell = new StringBuilder();
        below(coverage.lines(), lineFloor, fell);
        below(coverage.branches(), branchFloor, fell);
        if (fell.isEmpty()) {
            return null;
        }
        return "Coverage fell below the floor: " + fell
                + ". Add tests for the code your change adds or leaves untested (coverage/target/site/jacoco-aggregate/"
                + "index.html shows which lines); the floor in coverage/pom.xml only goes up.";
    }

    private static void below(Counter counter, double floor, StringBuilder fell) {
        if (counter.ratio() < floor) {
            fell.append(fell.isEmpty() ? "" : "; ")
                    .append(counter)
                    .append(String.format(Locale.ROOT, " < floor %.1f %%", 100 * floor));
        }
    }

    /** The report-wide line and branch counters (the root element's own, not a package's). */
    static Coverage read(Path report) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // JaCoCo's report names a DTD that is not shipped with it; nothing is fetched or resolved.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Element root = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
            return new Coverage(counter(root, "LINE"), counter(root, "BRANCH"));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Not a JaCoCo XML report: " + report, e);
        }
    }

    private static Counter counter(Element root, String type) {
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element e
                    && e.getTagName().equals("counter")
                    && e.getAttribute("type").equals(type)) {
                return new Counter(
                        type.equals("LINE") ? "lines" : "branches",
                        Long.parseLong(e.getAttribute("covered")),
                        Long.parseLong(e.getAttribute("missed")));
            }
        }
        throw new IllegalArgumentException("The report has no " + type + " figure: no module's coverage was found"
                + " (the report gathers the modules built with it: run ./mvnw verify from the project's root)");
    }
}
