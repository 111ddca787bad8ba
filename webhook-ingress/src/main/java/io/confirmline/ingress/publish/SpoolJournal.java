package io.confirmline.ingress.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An append-only write-ahead log of the events {@link EventSpool} keeps (key presses, texts, receipts) on local
 * disk, in segments ({@code segment-<n>.log}, records {@code [int length][bytes]}). An event is appended, with one
 * write, before its webhook is answered; a segment is
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
    record Recovered(long segment, byte[] bytes) {
    }

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
    synchronized long append(byte[] bytes, int maxUnacknowledged) {
        if (unacknowledged.get() >= maxUnacknowledged) {
            return -1;
        }
        try {
            if (channel == null || recordsInSegment >= recordsPerSegment) {
                roll();
            }
            ByteBuffer record = ByteBuffer.allocate(Integer.BYTES + bytes.length).putInt(bytes.length).put(bytes).flip();
            while (record.hasRemaining()) {
                channel.write(record);
            }
            if (fsync) {
                channel.force(false);
            }
            recordsInSegment++;
            outstanding.get(segment).incrementAndGet();
            unacknowledged.incrementAndGet();
            return segment;
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
        if (Boolean.TRUE.equals(full.get(number)) && left != null && left.get() <= 0
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
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the journal " + directory, e);
        }
    }

    private static long number(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }
}
