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
package io.confirmline.ingress.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolJournalTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void whatAProcessLeftUnacknowledgedIsReadBackInOrderByTheNext() {
        SpoolJournal crashed = new SpoolJournal(dir, false, 100);
        crashed.recover();
        long segment = crashed.append(bytes("first"));
        crashed.append(bytes("second"));
        crashed.acknowledged(segment);
        // no close(): the process died

        SpoolJournal next = new SpoolJournal(dir, false, 100);
        List<SpoolJournal.Recovered> recovered = next.recover();

        assertThat(recovered)
                .extracting(r -> new String(r.bytes(), StandardCharsets.UTF_8))
                .as("acknowledgements are not journaled, so both come back; consumers drop the duplicate")
                .containsExactly("first", "second");
        assertThat(next.unacknowledged()).isEqualTo(2);
    }

    @Test
    void aTornLastRecordIsIgnored() throws Exception {
        SpoolJournal crashed = new SpoolJournal(dir, false, 100);
        crashed.recover();
        crashed.append(bytes("whole"));
        Path segment = dir.resolve(files().get(0));
        Files.write(segment, new byte[] {0, 0, 0, 50, 'h', 'a'}, StandardOpenOption.APPEND);

        List<SpoolJournal.Recovered> recovered = new SpoolJournal(dir, false, 100).recover();

        assertThat(recovered)
                .extracting(r -> new String(r.bytes(), StandardCharsets.UTF_8))
                .containsExactly("whole");
    }

    @Test
    void aFullSegmentWhoseRecordsWereAllAcknowledgedIsDeleted() throws Exception {
        SpoolJournal journal = new SpoolJournal(dir, true, 2);
        journal.recover();
        long first = journal.append(bytes("a"));
        journal.append(bytes("b"));
        long second = journal.append(bytes("c"));
        assertThat(second).isGreaterThan(first);
        assertThat(files()).hasSize(2);

        journal.acknowledged(first);
        assertThat(files()).hasSize(2);
        journal.acknowledged(first);
        assertThat(files()).as("full and acknowledged").hasSize(1);
        journal.acknowledged(second);
        assertThat(files()).as("the open segment stays until it is closed").hasSize(1);
        journal.close();
        assertThat(files()).isEmpty();
        assertThat(journal.unacknowledged()).isZero();
    }

    @Test
    void recoveredSegmentsAreDeletedOnceTheirRecordsAreAcknowledged() throws Exception {
        SpoolJournal crashed = new SpoolJournal(dir, false, 100);
        crashed.recover();
        crashed.append(bytes("x"));

        SpoolJournal next = new SpoolJournal(dir, false, 100);
        List<SpoolJournal.Recovered> recovered = next.recover();
        next.append(bytes("y"));
        next.acknowledged(recovered.get(0).segment());

        assertThat(files()).as("only the new process's open segment is left").hasSize(1);
    }

    @Test
    void noMoreThanTheLimitWaitsAndRoomComesBackWithAcknowledgements() throws Exception {
        SpoolJournal journal = new SpoolJournal(dir, false, 100);
        journal.recover();
        long segment = journal.append(bytes("a"), 2);
        journal.append(bytes("b"), 2);

        assertThat(journal.append(bytes("c"), 2)).as("full: refused").isEqualTo(-1);
        assertThat(journal.unacknowledged()).isEqualTo(2);
        journal.close();
        assertThat(new SpoolJournal(dir, false, 100).recover())
                .as("a refused record is not on disk either")
                .extracting(r -> new String(r.bytes(), StandardCharsets.UTF_8))
                .containsExactly("a", "b");

        SpoolJournal again = new SpoolJournal(dir, false, 100);
        List<SpoolJournal.Recovered> waiting = again.recover();
        assertThat(again.append(bytes("c"), 2))
                .as("recovered records count too")
                .isEqualTo(-1);
        again.acknowledged(waiting.get(0).segment());
        assertThat(again.append(bytes("c"), 2)).isPositive();
        assertThat(segment).isPositive();
    }
}
