package io.confirmline.events.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityGateTest {

    private static final Path FIXTURES = Path.of("src/test/resources/compat");
    private static final Path RELEASED = FIXTURES.resolve("released");

    @Test
    void anAddedOptionalFieldWithDefaultPasses() {
        SchemaCompatibilityGate.Report report = SchemaCompatibilityGate.check(FIXTURES.resolve("compatible"), RELEASED);

        assertThat(report.pairsChecked()).isEqualTo(1);
        assertThat(report.compatible()).isTrue();
    }

    @Test
    void aRequiredFieldWithoutDefaultAndAChangedTypeFailWithAvrosReasons() {
        SchemaCompatibilityGate.Report report = SchemaCompatibilityGate.check(FIXTURES.resolve("incompatible"), RELEASED);

        assertThat(report.compatible()).isFalse();
        assertThat(report.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.schema()).isEqualTo("Booking");
            assertThat(violation.releasedVersion()).isEqualTo("1.0.0");
            assertThat(violation.reason()).contains("READER_FIELD_MISSING_DEFAULT").contains("venue")
                    .contains("TYPE_MISMATCH").contains("/fields/1/type");
        });
    }

    @Test
    void theGateFailsTheBuildOnAnIncompatibleChange() {
        assertThatThrownBy(() -> SchemaCompatibilityGate.main(new String[] {
                        FIXTURES.resolve("incompatible").toString(), RELEASED.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Booking cannot read data written with released version 1.0.0");
    }

    @Test
    void theGatePassesOnACompatibleChange() {
        SchemaCompatibilityGate.main(new String[] {FIXTURES.resolve("compatible").toString(), RELEASED.toString()});
    }

    @Test
    void everyContractSchemaReadsEveryReleasedVersion() {
        SchemaCompatibilityGate.Report report =
                SchemaCompatibilityGate.check(Path.of("src/main/avro"), Path.of("src/main/avro-released"));

        assertThat(report.pairsChecked()).isGreaterThanOrEqualTo(6);
        assertThat(report.violations()).isEmpty();
    }
}
