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
package io.confirmline.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one service's {@link OutboxRelay} works on. The table has the one outbox shape: {@code id} (bigserial),
 * {@code topic}, {@code message_key}, {@code payload} (plain Avro binary, null for a tombstone),
 * {@code trace_parent}, {@code claimed_by}, {@code claimed_until}, {@code sent_at}.
 *
 * @param table the outbox table (a plain SQL name: it is written into the statements)
 * @param claimLock the advisory lock that serialises claims (not sends) across the service's instances
 * @param name what the rows are, for the error a failed round throws ("outbox rows", "tenant records")
 * @param lease how long a claim holds; longer than the producer may keep trying ({@code delivery.timeout.ms},
 *     2 minutes by default), so no other relay publishes a key while a pending record may still land
 * @param sendTimeout how long one round waits for the broker
 * @param batch how many rows one round claims at the most
 * @param events the Avro class each topic's payloads decode to; a row for another topic is not sent
 */
public record OutboxSettings(
        String table,
        long claimLock,
        String name,
        Duration lease,
        Duration sendTimeout,
        int batch,
        Map<String, Class<? extends SpecificRecord>> events) {

    public static final Duration LEASE = Duration.ofMinutes(3);
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    public static final int BATCH = 200;

    private static final Pattern SQL_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    public OutboxSettings {
        Objects.requireNonNull(table, "table");
        if (!SQL_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("The outbox table must be a plain SQL name, not " + table);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        if (lease.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("The outbox lease must outlast the send timeout");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("The outbox batch must be at least 1");
        }
        events = Map.copyOf(events);
    }

    /** The usual lease, send timeout and batch. */
    public OutboxSettings(
            String table, long claimLock, String name, Map<String, Class<? extends SpecificRecord>> events) {
        this(table, claimLock, name, LEASE, SEND_TIMEOUT, BATCH, events);
    }
}
