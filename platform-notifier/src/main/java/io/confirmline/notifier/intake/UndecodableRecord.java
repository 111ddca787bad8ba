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
package io.confirmline.notifier.intake;

import io.confirmline.kafka.InvalidEventException;
import io.confirmline.kafka.UndecodableValue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * What the intakes' batch listeners do with a record the deserializer could not read: the error-handling
 * deserializer leaves the value null and the failure in a header; this turns it into the exception that sends the
 * record to the dead-letter topic with a one-line reason.
 */
public final class UndecodableRecord {

    private UndecodableRecord() {}

    /** The exception to dead-letter the record with, or null when its value was read. */
    public static RuntimeException problem(ConsumerRecord<?, ?> record) {
        DeserializationException undecodable = UndecodableValue.of(record);
        if (undecodable != null) {
            Throwable cause = undecodable.getCause() == null ? undecodable : undecodable.getCause();
            return new DeserializationException(
                    "Undecodable record: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                    undecodable.getData(),
                    false,
                    undecodable);
        }
        return record.value() == null ? new InvalidEventException("Undecodable record: no value") : null;
    }
}
