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

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's datum provider, with its writers and readers found by the schema object rather than by the schema's
 * fingerprint. The default computes the fingerprint of the schema's parsing form for every record it writes or
 * reads, only to look up the writer or reader it already holds: in the notifier's benchmark profile that was about
 * a quarter of a consumer thread's CPU and as much of the producer's. Here a record's schema is its generated
 * class's one instance ({@code SCHEMA$}), and a read's is the one the serde's schema cache keeps per id, so the
 * lookup is an identity check and a cached hash code; an equal schema in another object finds the same entry.
 * Writers are per record class and schema, as in the default; readers follow the serde's settings (specific or
 * generic) through the default provider that builds them.
 */
public class SchemaKeyedDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** Far more than the contract's schemas; a registry serving ever-new ones cannot grow the caches without bound. */
    private static final int MAX_CACHED = 1000;

    private record WriterKey(Class<?> type, Schema schema) {}

    private final ConcurrentHashMap<WriterKey, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        WriterKey key = new WriterKey(data == null ? null : data.getClass(), schema);
        DatumWriter<T> writer = writers.get(key);
        if (writer == null) {
            writer = super.createDatumWriter(data, schema);
            bound(writers);
            writers.put(key, writer);
        }
        return writer;
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        DatumReader<T> reader = readers.get(schema);
        if (reader == null) {
            reader = super.createDatumReader(schema);
            bound(readers);
            readers.put(schema, reader);
        }
        return reader;
    }

    private static void bound(ConcurrentHashMap<?, ?> cache) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
    }
}
