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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Appends to the {@link SpoolJournal} on a thread of its own, so that no web server thread waits on the disk: a
 * webhook hands its record over and is answered when the returned future completes, that is once the record is
 * written (the journal's promise, a reply is never sent for an event not kept, is unchanged). The records that
 * arrive while a write is under way go to disk together in the next one (group commit): one system call, and one
 * flush with {@code spool-fsync}, for a whole batch instead of one per event.
 */
final class JournalWriter {

    /** Enough to take every request in flight at once; a bound keeps one write from growing without end. */
    private static final int MAX_BATCH = 1024;

    private record Append(byte[] bytes, CompletableFuture<Long> segment) {}

    private final SpoolJournal journal;
    private final int maxUnacknowledged;
    private final BlockingQueue<Append> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;

    JournalWriter(SpoolJournal journal, int maxUnacknowledged) {
        this.journal = journal;
        this.maxUnacknowledged = maxUnacknowledged;
    }

    /**
     * Completes with the segment that holds the record once it is written, with -1 when the journal is full and the
     * record was not kept, or exceptionally when the disk failed.
     */
    CompletableFuture<Long> append(byte[] bytes) {
        Append append = new Append(bytes, new CompletableFuture<>());
        // Checked and queued under the same lock stop() takes to end the writer: a record is either queued before
        // stop() drains the queue, or written here, never left in a queue nobody reads.
        synchronized (this) {
            if (running) {
                queue.add(append);
                return append.segment();
            }
        }
        // Before start or after stop (a request still in flight at shutdown): written by the caller.
        write(List.of(append));
        return append.segment();
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::run, "spool-journal-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes what was handed over before it returns. */
    void stop() throws InterruptedException {
        synchronized (this) {
            running = false;
        }
        if (thread != null) {
            thread.join(5_000);
        }
        List<Append> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            write(left);
        }
    }

    private void run() {
        List<Append> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Append first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Append> batch) {
        List<byte[]> records = new ArrayList<>(batch.size());
        for (Append append : batch) {
            records.add(append.bytes());
        }
        long[] segments;
        try {
            segments = journal.appendAll(records, maxUnacknowledged);
        } catch (RuntimeException e) {
            batch.forEach(append -> append.segment().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).segment().complete(segments[i]);
        }
    }
}
