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
package io.confirmline.events.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.events.compat.SchemaCompatibilityGate.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityGateTest {

    private static final Path FIXTURES = Path.of("src/test/resources/compat");
    private static final Path RELEASED = FIXTURES.resolve("released");
    /** Booking 1.0.0 (enum without default) and the baseline 2.0.0 (the same enum with a default). */
    private static final Path BASELINE = FIXTURES.resolve("baseline");

    private static final Path BASELINE_RELEASED = BASELINE.resolve("released");
    private static final Path CONTRACT = Path.of("src/main/avro");
    private static final Path CONTRACT_RELEASED = Path.of("src/main/avro-released");

    @Test
    void anAddedOptionalFieldWithDefaultPasses() {
        SchemaCompatibilityGate.Report report = SchemaCompatibilityGate.check(FIXTURES.resolve("compatible"), RELEASED);

        assertThat(report.pairsChecked()).isEqualTo(1);
        assertThat(report.compatible()).isTrue();
    }

    @Test
    void aRequiredFieldWithoutDefaultAndAChangedTypeFailWithAvrosReasons() {
        SchemaCompatibilityGate.Report report =
                SchemaCompatibilityGate.check(FIXTURES.resolve("incompatible"), RELEASED);

        assertThat(report.compatible()).isFalse();
        assertThat(report.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.schema()).isEqualTo("Booking");
            assertThat(violation.releasedVersion()).isEqualTo("1.0.0");
            assertThat(violation.reason())
                    .contains("READER_FIELD_MISSING_DEFAULT")
                    .contains("venue")
                    .contains("TYPE_MISMATCH")
                    .contains("/fields/1/type");
        });
    }

    @Test
    void theGateFailsTheBuildOnAnIncompatibleChange() {
        assertThatThrownBy(() -> SchemaCompatibilityGate.main(
                        new String[] {FIXTURES.resolve("incompatible").toString(), RELEASED.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Booking cannot read data written with released version 1.0.0");
    }

    @Test
    void theGatePassesOnACompatibleChange() {
        SchemaCompatibilityGate.main(
                new String[] {FIXTURES.resolve("compatible").toString(), RELEASED.toString()});
    }

    @Test
    void aPublicSchemaThatTheBaselineReaderCannotReadIsRejected() {
        SchemaCompatibilityGate.Report report =
                SchemaCompatibilityGate.check(BASELINE.resolve("droppedField"), BASELINE_RELEASED, Set.of("Booking"));

        assertThat(report.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.releasedVersion()).isEqualTo("2.0.0");
            assertThat(violation.direction()).isEqualTo(Direction.RELEASED_READS_NEW);
            assertThat(violation.reason())
                    .contains("READER_FIELD_MISSING_DEFAULT")
                    .contains("guests");
            assertThat(violation.toString())
                    .startsWith("released version 2.0.0 of Booking cannot read data written with the new schema");
        });
    }

    @Test
    void theSameChangeToAnInternalSchemaIsOnlyCheckedBackward() {
        SchemaCompatibilityGate.Report report =
                SchemaCompatibilityGate.check(BASELINE.resolve("droppedField"), BASELINE_RELEASED, Set.of());

        assertThat(report.pairsChecked()).isEqualTo(2);
        assertThat(report.compatible()).isTrue();
    }

    @Test
    void aNewEnumSymbolPassesOnceTheBaselineHasADefaultAndReleasesBeforeItAreCheckedBackwardOnly() {
        // 1.0.0's enum has no default, so a 1.0.0 reader could not read NO_SHOW: releases before the baseline are
        // not asked to read new data, the baseline (2.0.0) reads it as UNKNOWN.
        SchemaCompatibilityGate.Report report =
                SchemaCompatibilityGate.check(BASELINE.resolve("newSymbol"), BASELINE_RELEASED, Set.of("Booking"));

        assertThat(report.pairsChecked()).isEqualTo(3);
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void releaseVersionsCompareAsNumbers() {
        assertThat(SchemaCompatibilityGate.Version.parse("0.10.0"))
                .isGreaterThan(SchemaCompatibilityGate.Version.parse("0.2.0"));
        assertThat(SchemaCompatibilityGate.Version.parse("0.2.0"))
                .isEqualByComparingTo(SchemaCompatibilityGate.Version.parse("0.2.0"));
        assertThatThrownBy(() -> SchemaCompatibilityGate.Version.parse("latest"))
                .hasMessageContaining("Not a release version");
    }

    @Test
    void theContractsPublicTopicsAreCheckedBothWaysFromTheBaseline() throws IOException {
        assertThat(Files.readString(CONTRACT_RELEASED.resolve(SchemaCompatibilityGate.BASELINE_FILE))
                        .trim())
                .isEqualTo("0.2.0");
        assertThat(SchemaCompatibilityGate.publicSchemas())
                .containsExactlyInAnyOrder(
                        "ReservationEvent", "VoiceMessageRequested", "CallStatusChanged", "ConversationEvent");

        SchemaCompatibilityGate.Report report = SchemaCompatibilityGate.check(CONTRACT, CONTRACT_RELEASED);

        // Six schemas with two releases each, read backward, plus the three public ones read forward by 0.2.0.
        assertThat(report.pairsChecked()).isGreaterThanOrEqualTo(6 * 2 + 3);
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void everyEnumOfAPublicSchemaHasADefaultFromTheBaselineOn() throws IOException {
        List<String> withoutDefault = new ArrayList<>();
        for (String name : SchemaCompatibilityGate.publicSchemas()) {
            Path baselineFile = CONTRACT_RELEASED.resolve(name).resolve("0.2.0.avsc");
            if (Files.exists(baselineFile)) { // a public schema born after the baseline has only its current version
                collectEnumsWithoutDefault(
                        new Schema.Parser().parse(baselineFile.toFile()), new ArrayList<>(), withoutDefault);
            }
            Schema current =
                    new Schema.Parser().parse(CONTRACT.resolve(name + ".avsc").toFile());
            collectEnumsWithoutDefault(current, new ArrayList<>(), withoutDefault);
        }
        assertThat(withoutDefault).isEmpty();
    }

    private static void collectEnumsWithoutDefault(Schema schema, List<String> seen, List<String> withoutDefault) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.contains(schema.getFullName())) {
                    return;
                }
                seen.add(schema.getFullName());
                schema.getFields().forEach(field -> collectEnumsWithoutDefault(field.schema(), seen, withoutDefault));
            }
            case ENUM -> {
                if (schema.getEnumDefault() == null) {
                    withoutDefault.add(schema.getFullName());
                }
            }
            case UNION -> schema.getTypes().forEach(s -> collectEnumsWithoutDefault(s, seen, withoutDefault));
            case ARRAY -> collectEnumsWithoutDefault(schema.getElementType(), seen, withoutDefault);
            case MAP -> collectEnumsWithoutDefault(schema.getValueType(), seen, withoutDefault);
            default -> {}
        }
    }
}
