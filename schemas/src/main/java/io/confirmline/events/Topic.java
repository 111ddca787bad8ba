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
package io.confirmline.events;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka topic of the contract (design.md §3): its name and the types of its keys and values. Services refer to
 * topics only through {@link Topics}, so a renamed topic or a changed value type is a compile error, not a
 * silent mismatch at run time.
 *
 * @param name the topic name
 * @param keyType the record key type (always {@link String} here)
 * @param valueType the Avro value type
 * @param compacted whether the topic keeps only the latest value per key
 * @param partitions the partition count the services create it with
 * @param publicContract whether teams outside ConfirmLine produce or consume it: its schema is then checked
 *     FULL_TRANSITIVE from the baseline release (see {@code SchemaCompatibilityGate}), because we upgrade neither
 *     its other producers nor its other consumers
 */
public record Topic<V extends SpecificRecord>(
        String name,
        Class<String> keyType,
        Class<V> valueType,
        boolean compacted,
        int partitions,
        boolean publicContract) {

    /** Suffix of the dead-letter topic that receives this topic's records that could not be processed. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
    }

    /** The dead-letter topic of this topic: {@code <name>.DLT}. */
    public String deadLetterTopic() {
        return name + DEAD_LETTER_SUFFIX;
    }
}
