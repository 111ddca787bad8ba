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
 */
public record Topic<V extends SpecificRecord>(
        String name, Class<String> keyType, Class<V> valueType, boolean compacted, int partitions) {

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
