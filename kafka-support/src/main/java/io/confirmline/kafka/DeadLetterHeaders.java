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

/**
 * Headers on every dead-letter record, besides Spring Kafka's own {@code kafka_dlt-*} headers (original topic,
 * partition, offset, exception class, message and stack trace).
 */
public final class DeadLetterHeaders {

    /** Why the record was dead-lettered, in one line a person can act on (UTF-8). */
    public static final String REASON = "confirmline-dlt-reason";

    /** The service that dead-lettered it (its {@code spring.application.name}). */
    public static final String SERVICE = "confirmline-dlt-service";

    /** What every header of ours on a dead-letter record starts with. */
    public static final String PREFIX = "confirmline-dlt-";

    private DeadLetterHeaders() {}

    /** The reason and service headers, for a dead-letter record a service produces itself. */
    public static org.apache.kafka.common.header.Headers of(String reason, String service) {
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add(REASON, reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add(SERVICE, service.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return headers;
    }
}
