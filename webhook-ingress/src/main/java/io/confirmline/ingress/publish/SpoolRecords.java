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

import io.confirmline.events.CallActionReceived;
import io.confirmline.kafka.AvroBinary;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;

/**
 * The format of one journal record: {@code [0x01][kind code][event in plain Avro binary]} (no registry needed to
 * read it back).
 *
 * <p>Journals written before texts were spooled hold bare {@link CallActionReceived} records, and a journal
 * outlives an upgrade. Those are told apart by their first byte: a {@code CallActionReceived} starts with its
 * eventId, whose Avro length is a zig-zag varint of a non-negative number, so its first byte is even; the marker
 * {@code 0x01} is odd, so it never starts an old record.
 */
final class SpoolRecords {

    private static final byte TYPED = 0x01;

    /** A record read back: its kind and event. */
    record Decoded(SpooledKind<?> kind, SpecificRecord event) {}

    private SpoolRecords() {}

    static <T extends SpecificRecord> byte[] encode(SpooledKind<T> kind, T event) {
        byte[] avro = AvroBinary.encode(event);
        return ByteBuffer.allocate(2 + avro.length)
                .put(TYPED)
                .put(kind.code())
                .put(avro)
                .array();
    }

    /** The kind and event of a record; throws when it cannot be read (unknown kind, not Avro of that kind). */
    static Decoded decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != TYPED) {
            return new Decoded(SpooledKind.CALL_ACTION, AvroBinary.decode(CallActionReceived.class, bytes));
        }
        if (bytes.length < 2) {
            throw new IllegalArgumentException("A spool record without its kind");
        }
        SpooledKind<?> kind = SpooledKind.byCode(bytes[1]);
        if (kind == null) {
            throw new IllegalArgumentException("A spool record of unknown kind " + bytes[1]);
        }
        return new Decoded(
                kind, AvroBinary.decode(kind.topic().valueType(), Arrays.copyOfRange(bytes, 2, bytes.length)));
    }
}
