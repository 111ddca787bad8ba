package io.confirmline.kafka;

/**
 * Headers on every dead-letter record, besides Spring Kafka's own {@code kafka_dlt-*} headers (original topic,
 * partition, offset, exception class, message and stack trace).
 */
public final class DeadLetterHeaders {

    /** Why the record was dead-lettered, in one line a person can act on (UTF-8). */
    public static final String REASON = "confirmline-dlt-reason";

    /** The service that dead-lettered it (its {@code spring.application.name}). */
    public static final String SERVICE = "confirmline-dlt-service";

    private DeadLetterHeaders() {
    }
}
