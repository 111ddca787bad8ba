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
package io.confirmline.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event in plain Avro binary, without the registry's framing: how events wait in a database row (the
 * orchestrator's outbox and parked events) or in the ingress's spool before they are published through the
 * registry. The schema is the one compiled into this build, so the bytes are only for this build's own readers.
 */
public final class AvroBinary {

    // Building a reader or writer is schema work that every event would otherwise repeat; both are thread-safe.
    private static final Map<Class<?>, SpecificDatumWriter<SpecificRecord>> WRITERS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, SpecificDatumReader<?>> READERS = new ConcurrentHashMap<>();

    private AvroBinary() {}

    public static byte[] encode(SpecificRecord event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            WRITERS.computeIfAbsent(event.getClass(), type -> new SpecificDatumWriter<>(event.getSchema()))
                    .write(event, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads bytes written by {@link #encode}; an {@link UncheckedIOException} when they are not such an event. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> T decode(Class<T> type, byte[] bytes) {
        SpecificDatumReader<T> reader = (SpecificDatumReader<T>)
                READERS.computeIfAbsent(type, recordClass -> new SpecificDatumReader<>(recordClass));
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, for a database column read as a buffer. */
    public static <T extends SpecificRecord> T decode(Class<T> type, ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return decode(type, copy);
    }
}
