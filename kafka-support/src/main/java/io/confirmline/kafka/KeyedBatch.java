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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies a poll's records the way a record listener would — each on its own, in order per key — but records with
 * different keys at the same time, up to {@code inFlight} of them. One consumer thread applying one record at a time
 * spends most of its time waiting for the database; the key is what the topic's order is about (a booking's events,
 * a call session's), so only records sharing a key need to wait for each other.
 *
 * <p>Once a record fails (or its value could not be read), no record after it in the poll is started — those of its
 * key among them, which must wait for it; the ones before it are still applied. When those in flight have finished,
 * the batch fails at the first failed record's index, so the shared dead-letter error handler commits the records
 * before it, retries or dead-letters that one, and hands the rest back. Records after the index that were applied
 * already (started before the failure) come again: the work must be idempotent (every consumer here claims the
 * record's eventId).
 */
public final class KeyedBatch {

    private KeyedBatch() {}

    /**
     * @param records a poll's records, in the order the consumer read them
     * @param inFlight how many records (of as many keys) are applied at once
     * @param timeout how long one record may take; a record that takes longer fails
     * @param work applies one record
     * @throws BatchListenerFailedException naming the first record that failed
     */
    public static <K, V> void apply(
            List<ConsumerRecord<K, V>> records,
            int inFlight,
            Duration timeout,
            Function<ConsumerRecord<K, V>, Mono<?>> work) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, not " + inFlight);
        }
        Map<Object, List<Integer>> byKey = new LinkedHashMap<>();
        for (int index = 0; index < records.size(); index++) {
            Object key = records.get(index).key();
            // Records without a key promise no order but their topic's: they wait for each other.
            byKey.computeIfAbsent(key == null ? NoKey.INSTANCE : key, k -> new ArrayList<>())
                    .add(index);
        }
        Map<Integer, Throwable> failed = new ConcurrentSkipListMap<>();
        // The first failure's index in the topic's order so far. A record after it is not started: it comes again
        // anyway, and with the database away each would wait out its timeout while the poll's time runs.
        AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        Flux.fromIterable(byKey.values())
                .flatMap(
                        indexes -> Flux.fromIterable(indexes)
                                // Decided when the record's turn comes, not when the batch is laid out.
                                .concatMap(index -> Mono.defer(() -> index > firstFailed.get()
                                        ? Mono.<Void>empty()
                                        : one(records.get(index), timeout, work).onErrorResume(failure -> {
                                            failed.put(index, failure);
                                            firstFailed.accumulateAndGet(index, Math::min);
                                            return Mono.empty();
                                        }))),
                        inFlight)
                .blockLast();
        if (!failed.isEmpty()) {
            Map.Entry<Integer, Throwable> first = failed.entrySet().iterator().next();
            Throwable cause = first.getValue();
            throw new BatchListenerFailedException(
                    cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage(),
                    cause,
                    first.getKey());
        }
    }

    private static <K, V> Mono<Void> one(
            ConsumerRecord<K, V> record, Duration timeout, Function<ConsumerRecord<K, V>, Mono<?>> work) {
        return Mono.defer(() -> {
                    DeserializationException undecodable = UndecodableValue.of(record);
                    if (undecodable != null) {
                        return Mono.error(undecodable);
                    }
                    return work.apply(record);
                })
                .timeout(timeout)
                .then();
    }

    /** The group of records that have no key. */
    private enum NoKey {
        INSTANCE
    }
}
