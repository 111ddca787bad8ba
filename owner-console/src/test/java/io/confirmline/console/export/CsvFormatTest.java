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

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    @Test
    void plainFieldsAreWrittenAsTheyAreAndALineEndsInCrLf() {
        assertThat(CsvFormat.line(List.of("abc", "12", "hello world"))).isEqualTo("abc,12,hello world\r\n");
    }

    @Test
    void fieldsWithACommaQuoteCrOrLfAreQuotedWithTheirQuotesDoubled() {
        assertThat(CsvFormat.cell("Smith, John")).isEqualTo("\"Smith, John\"");
        assertThat(CsvFormat.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvFormat.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvFormat.cell("a\r\nb")).isEqualTo("\"a\r\nb\"");
        assertThat(CsvFormat.cell("\"")).isEqualTo("\"\"\"\"");
    }

    @Test
    void nullAndEmptyAreEmptyFields() {
        assertThat(CsvFormat.line(Arrays.asList(null, "", "x"))).isEqualTo(",,x\r\n");
    }

    @Test
    void cellsThatASpreadsheetWouldTakeForAFormulaGetALeadingQuote() {
        assertThat(CsvFormat.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(CsvFormat.cell("+34600111222")).isEqualTo("'+34600111222");
        assertThat(CsvFormat.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvFormat.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvFormat.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvFormat.cell("\r=1")).isEqualTo("\"'\r=1\"");
        // Only the first character matters.
        assertThat(CsvFormat.cell("a=b")).isEqualTo("a=b");
        assertThat(CsvFormat.cell("Ann-Marie")).isEqualTo("Ann-Marie");
    }

    @Test
    void unicodeIsKeptAsItIsAndTheFileStartsWithAUtf8ByteOrderMark() {
        assertThat(CsvFormat.cell("José Muñoz 山田 🍷")).isEqualTo("José Muñoz 山田 🍷");
        byte[] bytes = (CsvFormat.BOM + CsvFormat.line(List.of("Zoë"))).getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("Zoë\r\n");
    }

    @Test
    void anAttemptRowHasItsTimesInTheVenuesZoneAndItsPhoneNeutralised() {
        CallAttemptRow row = new CallAttemptRow(
                "r-1",
                Instant.parse("2026-07-01T18:30:00Z"),
                "=cmd|' /C calc'!A0",
                "+34600111222",
                4,
                2,
                "VOICE",
                "CONFIRMED",
                "The guest pressed 1",
                Instant.parse("2026-07-01T18:00:05Z"),
                null,
                Instant.parse("2026-07-01T18:00:40Z"),
                35,
                "COMPLETED",
                null);
        String line = CsvFormat.line(CallExportController.cells(row, ZoneId.of("Europe/Madrid")));
        assertThat(line)
                .isEqualTo("r-1,2026-07-01 20:30:00,'=cmd|' /C calc'!A0,'+34600111222,4,2,VOICE,CONFIRMED,"
                        + "The guest pressed 1,2026-07-01 20:00:05,,2026-07-01 20:00:40,35,COMPLETED,\r\n");
        assertThat(CallExportController.header(ZoneId.of("Europe/Madrid")))
                .hasSize(15)
                .contains("booking time (Europe/Madrid)");
    }
}
