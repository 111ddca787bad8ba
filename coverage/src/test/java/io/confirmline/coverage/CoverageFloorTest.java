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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageFloorTest {

    // The shape JaCoCo writes: a DOCTYPE naming its DTD, package counters first, the report-wide ones last.
    static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
            <report name="ConfirmLine">
              <sessioninfo id="a" start="1" dump="2"/>
              <group name="call-orchestrator">
                <counter type="LINE" missed="1" covered="99"/>
              </group>
              <counter type="INSTRUCTION" missed="300" covered="700"/>
              <counter type="BRANCH" missed="40" covered="60"/>
              <counter type="LINE" missed="25" covered="75"/>
            </report>
            """;

    @TempDir
    Path dir;

    @Test
    void readsTheReportWideFiguresNotAGroups() throws Exception {
        CoverageFloor.Coverage coverage = CoverageFloor.read(write(REPORT));

        assertThat(coverage.lines().ratio()).isEqualTo(0.75);
        assertThat(coverage.branches().ratio()).isEqualTo(0.60);
    }

    @Test
    void passesAtOrAboveTheFloor() throws Exception {
        CoverageFloor.Coverage coverage = CoverageFloor.read(write(REPORT));

        assertThat(CoverageFloor.check(coverage, 0.75, 0.60)).isNull();
    }

    @Test
    void aFigureBelowTheFloorNamesItAndSaysHowToFixIt() throws Exception {
        CoverageFloor.Coverage coverage = CoverageFloor.read(write(REPORT));

        String problem = CoverageFloor.check(coverage, 0.70, 0.61);

        assertThat(problem)
                .contains("branches 60.0 % (60 of 100) < floor 61.0 %")
                .doesNotContain("lines 75")
                .contains("Add tests")
                .contains("jacoco-aggregate/index.html");
    }

    @Test
    void theBuildFailsWhenTheTestsRanButLeftNoReport() {
        String missing = dir.resolve("jacoco.xml").toString();

        assertThatThrownBy(() -> CoverageFloor.main(new String[] {missing, "0.5", "0.5", "false", "false"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no report");
    }

    @Test
    void skippedTestsLeaveNothingToCheck() throws Exception {
        String missing = dir.resolve("jacoco.xml").toString();

        assertThatCode(() -> CoverageFloor.main(new String[] {missing, "0.5", "0.5", "true", "false"}))
                .doesNotThrowAnyException();
    }

    @Test
    void skippedTestsIgnoreAnEmptyOrStaleReport() throws Exception {
        // What report-aggregate writes on a fresh clone built with -DskipTests: a report with nothing covered.
        String report = write(REPORT).toString();

        assertThatCode(() -> CoverageFloor.main(new String[] {report, "0.99", "0.99", "true", "false"}))
                .doesNotThrowAnyException();
    }

    @Test
    void theMainFailsTheBuildBelowTheFloor() throws Exception {
        String report = write(REPORT).toString();

        assertThatThrownBy(() -> CoverageFloor.main(new String[] {report, "0.80", "0.50", "false", "false"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Coverage fell below the floor: lines 75.0 %");
    }

    private Path write(String xml) throws Exception {
        return Files.writeString(dir.resolve("jacoco.xml"), xml);
    }
}
