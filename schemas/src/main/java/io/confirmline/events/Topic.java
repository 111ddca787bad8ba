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
        String name, Class<String> keyType, Class<V> valueType, boolean compacted, int partitions,
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
