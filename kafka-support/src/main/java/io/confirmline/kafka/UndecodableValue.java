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

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Whether a consumed record's value could not be deserialized: Spring's {@code ErrorHandlingDeserializer} then hands
 * over a null value with the failure in a header, which must not be mistaken for a tombstone.
 */
// Spring Kafka 4.1 marks the header's name for removal and names no successor; this is the one place that uses it.
@SuppressWarnings("removal")
public final class UndecodableValue {

    private UndecodableValue() {}

    /** The failure to read {@code record}'s value, or null when it was read (a null value is then a tombstone). */
    public static DeserializationException of(ConsumerRecord<?, ?> record) {
        return SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
    }

    /** Whether {@code record} carries the failure header, whatever the type the header arrived as. */
    public static boolean isMarked(ConsumerRecord<?, ?> record) {
        return record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null;
    }
}
