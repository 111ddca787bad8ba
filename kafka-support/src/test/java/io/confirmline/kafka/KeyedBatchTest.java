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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import reactor.core.publisher.Mono;

/** A poll's records applied concurrently across keys, in order within a key, failing at the right index. */
class KeyedBatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<String> applied = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @Test
    void recordsOfOneKeyAreAppliedInOrderAndOneAtATime() {
        List<ConsumerRecord<String, String>> records =
                records("a:1", "b:1", "a:2", "c:1", "a:3", "b:2", "a:4", "c:2", "b:3", "a:5");

        KeyedBatch.apply(records, 8, TIMEOUT, record -> slow(record, 20));

        assertThat(applied).hasSize(10);
        assertThat(applied.stream().filter(value -> value.startsWith("a:")))
                .containsExactly("a:1", "a:2", "a:3", "a:4", "a:5");
        assertThat(applied.stream().filter(value -> value.startsWith("b:"))).containsExactly("b:1", "b:2", "b:3");
        assertThat(applied.stream().filter(value -> value.startsWith("c:"))).containsExactly("c:1", "c:2");
        // Three keys: three records at once, never two of one key.
        assertThat(mostAtOnce).hasValue(3);
    }

    @Test
    void noMoreRecordsAtOnceThanAllowed() {
        List<ConsumerRecord<String, String>> records = records("a:1", "b:1", "c:1", "d:1", "e:1", "f:1");

        KeyedBatch.apply(records, 2, TIMEOUT, record -> slow(record, 30));

        assertThat(applied).hasSize(6);
        assertThat(mostAtOnce).hasValue(2);
    }

    @Test
    void recordsBeforeAFailureAreAppliedAndNoneAfterItIsStarted() {
        List<ConsumerRecord<String, String>> records = records("b:1", "c:1", "a:1", "b:2", "c:2", "a:2", "d:1");

        assertThatThrownBy(() -> KeyedBatch.apply(
                        records,
                        4,
                        TIMEOUT,
                        record -> "a:1".equals(record.value())
                                ? Mono.error(new IllegalStateException("no such call"))
                                : slow(record, 30)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(2);
                    assertThat(failed.getCause()).hasMessage("no such call");
                });
        // b:1 and c:1 come before the failure and are committed with it: they must have been applied. The rest come
        // again after the error handler is done with a:1 — a:2 must wait for it, and the others are not started
        // only to wait out their timeouts when the failure is the database's.
        assertThat(applied).containsExactlyInAnyOrder("b:1", "c:1");
    }

    @Test
    void theFirstFailureInTheTopicsOrderIsTheOneNamed() {
        List<ConsumerRecord<String, String>> records = records("a:1", "b:1", "c:1", "d:1");

        assertThatThrownBy(() -> KeyedBatch.apply(records, 4, TIMEOUT, record -> switch (record.value()) {
                    // d fails first in time, b first in the topic.
                    case "b:1" -> Mono.delay(Duration.ofMillis(50)).then(Mono.error(new IllegalStateException("b")));
                    case "d:1" -> Mono.error(new IllegalStateException("d"));
                    default -> slow(record, 5);
                }))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed.getCause()).hasMessage("b");
                });
        assertThat(applied).containsExactlyInAnyOrder("a:1", "c:1");
    }

    @Test
    void aThrowingOrHangingRecordFailsLikeAnyOther() {
        List<ConsumerRecord<String, String>> records = records("a:1", "b:1", "c:1");

        assertThatThrownBy(() ->
                        KeyedBatch.apply(records, 4, Duration.ofMillis(200), record -> switch (record.value()) {
                            case "a:1" -> Mono.never();
                            case "b:1" -> throw new IllegalArgumentException("invalid event");
                            default -> slow(record, 5);
                        }))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isZero();
                    assertThat(failed.getCause()).isInstanceOf(java.util.concurrent.TimeoutException.class);
                });
        // b:1 failed at once, before c:1's turn; a:1 failed later, but first in the topic.
        assertThat(applied).isEmpty();
    }

    @Test
    @SuppressWarnings("removal")
    void aRecordThatCouldNotBeReadIsNotHandedToTheWork() {
        List<ConsumerRecord<String, String>> records = records("a:1", "b:1");
        ConsumerRecord<String, String> unreadable = new ConsumerRecord<>(
                "topic",
                0,
                2,
                0L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0,
                0,
                "c",
                null,
                new RecordHeaders(),
                java.util.Optional.empty());
        SerializationUtils.deserializationException(
                unreadable.headers(),
                new byte[] {1, 2, 3},
                new DeserializationException("not Avro", new byte[] {1, 2, 3}, false, null),
                false);
        List<ConsumerRecord<String, String>> all = new ArrayList<>(records);
        all.add(unreadable);

        assertThatThrownBy(() -> KeyedBatch.apply(all, 4, TIMEOUT, record -> slow(record, 5)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(2);
                    assertThat(failed.getCause()).isInstanceOf(DeserializationException.class);
                });
        assertThat(applied).containsExactlyInAnyOrder("a:1", "b:1");
    }

    private Mono<Void> slow(ConsumerRecord<String, String> record, long millis) {
        return Mono.fromRunnable(() -> mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max))
                .then(Mono.delay(Duration.ofMillis(millis)))
                .doOnNext(done -> {
                    applied.add(record.value());
                    running.decrementAndGet();
                })
                .then();
    }

    /** Records "key:n", in this order, at offsets 0, 1, ... */
    private static List<ConsumerRecord<String, String>> records(String... values) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int offset = 0; offset < values.length; offset++) {
            String key = values[offset].substring(0, values[offset].indexOf(':'));
            records.add(new ConsumerRecord<>("topic", 0, offset, key, values[offset]));
        }
        return records;
    }
}
