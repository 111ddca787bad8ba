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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An append-only write-ahead log of the events {@link EventSpool} keeps (key presses, texts, receipts) on local
 * disk, in segments ({@code segment-<n>.log}, records {@code [int length][bytes]}). An event is appended before its
 * webhook is answered, by {@link JournalWriter} in batches (one write for the events that arrived together); a
 * segment is
 * deleted once it is full and every event in it was acknowledged by the broker. At start-up, the records of every
 * segment a previous process left are read back (a torn last record, written when the process died, is ignored:
 * its reply was never sent).
 *
 * <p>One file per event would cost a create, a rename and a delete per key press; appending costs one write. The
 * journal knows records only as bytes; {@link SpoolRecords} says what they hold.
 */
final class SpoolJournal {

    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".log";

    private final Path directory;
    private final boolean fsync;
    private final int recordsPerSegment;
    private final Map<Long, AtomicInteger> outstanding = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> full = new ConcurrentHashMap<>();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private long segment;
    private int recordsInSegment;
    private FileChannel channel;

    /** A record read back at start-up, with the segment that holds it. */
    record Recovered(long segment, byte[] bytes) {}

    SpoolJournal(Path directory, boolean fsync, int recordsPerSegment) {
        this.directory = directory;
        this.fsync = fsync;
        this.recordsPerSegment = recordsPerSegment;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the spool journal " + directory, e);
        }
    }

    /** Reads what earlier processes left; those segments are deleted once every record in them is acknowledged. */
    synchronized List<Recovered> recover() {
        List<Recovered> records = new ArrayList<>();
        for (Path file : segments()) {
            long number = number(file);
            segment = Math.max(segment, number);
            int count = 0;
            try {
                ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
                while (data.remaining() >= Integer.BYTES) {
                    int length = data.getInt();
                    if (length <= 0 || length > data.remaining()) {
                        break;
                    }
                    byte[] bytes = new byte[length];
                    data.get(bytes);
                    records.add(new Recovered(number, bytes));
                    count++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read journal segment " + file, e);
            }
            outstanding.put(number, new AtomicInteger(count));
            full.put(number, true);
            unacknowledged.addAndGet(count);
            deleteIfDone(number);
        }
        return records;
    }

    /** Appends one record without a bound; see {@link #append(byte[], int)}. */
    long append(byte[] bytes) {
        return append(bytes, Integer.MAX_VALUE);
    }

    /**
     * Appends one record and returns the segment that holds it; durable against a crash of this process. Returns
     * -1, writing nothing, when {@code maxUnacknowledged} records are already waiting.
     */
    long append(byte[] bytes, int maxUnacknowledged) {
        return appendAll(List.of(bytes), maxUnacknowledged)[0];
    }

    /**
     * Appends records in their order, with one write per segment they land in (and one flush when {@code fsync}),
     * and returns the segment of each; durable against a crash of this process once this returns. A record that
     * would exceed {@code maxUnacknowledged} waiting records is not written and gets -1, as does every record after
     * it in the batch, so that the journal keeps the order the records were given in.
     */
    synchronized long[] appendAll(List<byte[]> records, int maxUnacknowledged) {
        long[] segments = new long[records.size()];
        int next = 0;
        try {
            while (next < records.size()) {
                if (channel == null || recordsInSegment >= recordsPerSegment) {
                    roll();
                }
                int fits = Math.min(records.size() - next, recordsPerSegment - recordsInSegment);
                fits = Math.min(fits, Math.max(0, maxUnacknowledged - unacknowledged.get()));
                if (fits == 0) {
                    Arrays.fill(segments, next, segments.length, -1L);
                    break;
                }
                int bytes = 0;
                for (int i = next; i < next + fits; i++) {
                    bytes += Integer.BYTES + records.get(i).length;
                }
                ByteBuffer batch = ByteBuffer.allocate(bytes);
                for (int i = next; i < next + fits; i++) {
                    batch.putInt(records.get(i).length).put(records.get(i));
                    segments[i] = segment;
                }
                batch.flip();
                while (batch.hasRemaining()) {
                    channel.write(batch);
                }
                recordsInSegment += fits;
                outstanding.get(segment).addAndGet(fits);
                unacknowledged.addAndGet(fits);
                next += fits;
            }
            if (fsync && channel != null) {
                channel.force(false);
            }
            return segments;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the spool journal", e);
        }
    }

    /** The broker acknowledged a record of this segment. */
    void acknowledged(long segmentNumber) {
        AtomicInteger left = outstanding.get(segmentNumber);
        if (left != null) {
            left.decrementAndGet();
            unacknowledged.decrementAndGet();
            deleteIfDone(segmentNumber);
        }
    }

    /** Records appended or recovered and not yet acknowledged. */
    int unacknowledged() {
        return unacknowledged.get();
    }

    synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the data is written; closing is tidiness
            }
            full.put(segment, true);
            deleteIfDone(segment);
            channel = null;
        }
    }

    private void roll() throws IOException {
        if (channel != null) {
            if (fsync) {
                // A batch may go on in the next segment; what it wrote in this one must be on disk too.
                channel.force(false);
            }
            channel.close();
            full.put(segment, true);
            deleteIfDone(segment);
        }
        segment++;
        recordsInSegment = 0;
        outstanding.put(segment, new AtomicInteger());
        channel = FileChannel.open(file(segment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private void deleteIfDone(long number) {
        AtomicInteger left = outstanding.get(number);
        if (Boolean.TRUE.equals(full.get(number))
                && left != null
                && left.get() <= 0
                && outstanding.remove(number, left)) {
            full.remove(number);
            try {
                Files.deleteIfExists(file(number));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete journal segment " + number, e);
            }
        }
    }

    private Path file(long number) {
        return directory.resolve(String.format("%s%019d%s", PREFIX, number, SUFFIX));
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the journal " + directory, e);
        }
    }

    private static long number(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }
}
