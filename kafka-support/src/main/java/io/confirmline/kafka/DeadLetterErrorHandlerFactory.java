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

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Builds the error handler every listener uses: a record that cannot be processed goes to {@code <topic>.DLT}
 * (same key, original bytes when it could not even be decoded) with the reason in {@link DeadLetterHeaders#REASON},
 * and the consumer goes on with the next record. Transient failures are retried in place a few times first;
 * invalid records are not.
 */
public final class DeadLetterErrorHandlerFactory {

    private DeadLetterErrorHandlerFactory() {}

    /**
     * @param avroTemplate publishes records that were decoded (their value is an Avro event)
     * @param bytesTemplate publishes records that could not be decoded (their original bytes)
     */
    public static DefaultErrorHandler create(
            KafkaOperations<?, ?> avroTemplate,
            KafkaOperations<?, ?> bytesTemplate,
            ConfirmLineKafkaProperties.DeadLetter settings,
            String serviceName) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, bytesTemplate);
        templates.put(SpecificRecord.class, avroTemplate);
        // A String or null value (a record whose value we never decoded) is also sent as bytes.
        templates.put(Object.class, bytesTemplate);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                templates, (record, exception) -> new TopicPartition(record.topic() + ".DLT", -1));
        recoverer.setHeadersFunction((record, exception) -> DeadLetterHeaders.of(reason(exception), serviceName));
        recoverer.setFailIfSendResultIsError(true);

        DefaultErrorHandler handler = new DefaultErrorHandler(
                recoverer, new FixedBackOff(settings.retryInterval().toMillis(), settings.retries()));
        handler.addNotRetryableExceptions(InvalidEventException.class, DeserializationException.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    /** One line that says why: the innermost message, without Spring's listener wrapping. */
    static String reason(Throwable exception) {
        Throwable cause = exception;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DeserializationException
                && cause.getMessage() != null
                && cause.getMessage().startsWith("Undecodable record")) {
            return cause.getMessage();
        }
        if (cause instanceof DeserializationException && cause.getCause() != null) {
            Throwable root = cause.getCause();
            return "Undecodable record: " + root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : message;
    }
}
