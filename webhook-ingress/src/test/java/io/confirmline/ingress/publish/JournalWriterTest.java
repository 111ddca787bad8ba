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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriterTest {

    @TempDir
    Path dir;

    @Test
    void everyRecordIsOnDiskInTheOrderItWasHandedOverWhenItsFutureCompletes() throws Exception {
        SpoolJournal journal = new SpoolJournal(dir, false, 7);
        journal.recover();
        JournalWriter writer = new JournalWriter(journal, Integer.MAX_VALUE);
        writer.start();
        List<CompletableFuture<Long>> written = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            written.add(writer.append(("event-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        for (CompletableFuture<Long> future : written) {
            assertThat(future.get(5, TimeUnit.SECONDS)).isPositive();
        }
        writer.stop();

        // Read back as the next process would, a crash right after the last reply.
        List<String> recovered = new SpoolJournal(dir, false, 7)
                .recover().stream()
                        .map(r -> new String(r.bytes(), StandardCharsets.UTF_8))
                        .toList();
        assertThat(recovered).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(recovered.get(i)).isEqualTo("event-" + i);
        }
    }

    @Test
    void aFullJournalRefusesTheRecordAndWritesNothingOfIt() throws Exception {
        SpoolJournal journal = new SpoolJournal(dir, false, 100);
        journal.recover();
        JournalWriter writer = new JournalWriter(journal, 2);
        writer.start();
        CompletableFuture<Long> first = writer.append(new byte[] {1});
        CompletableFuture<Long> second = writer.append(new byte[] {2});
        CompletableFuture<Long> third = writer.append(new byte[] {3});

        assertThat(first.get(5, TimeUnit.SECONDS)).isPositive();
        assertThat(second.get(5, TimeUnit.SECONDS)).isPositive();
        assertThat(third.get(5, TimeUnit.SECONDS)).as("full: refused").isEqualTo(-1L);
        assertThat(journal.unacknowledged()).isEqualTo(2);
        writer.stop();
    }

    @Test
    void aRecordHandedOverAfterStopIsStillWrittenBeforeItsFutureCompletes() throws Exception {
        SpoolJournal journal = new SpoolJournal(dir, false, 100);
        journal.recover();
        JournalWriter writer = new JournalWriter(journal, Integer.MAX_VALUE);
        writer.start();
        writer.stop();

        assertThat(writer.append(new byte[] {9}).getNow(null)).isPositive();
        assertThat(journal.unacknowledged()).isEqualTo(1);
    }
}
