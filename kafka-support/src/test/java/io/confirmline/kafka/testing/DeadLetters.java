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
package io.confirmline.kafka.testing;

import io.confirmline.kafka.DeadLetterHeaders;
import io.confirmline.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a dead-letter topic holds for a key, read from its start with a group of the test's own. */
public final class DeadLetters {

    private DeadLetters() {}

    /** The reason the first dead-letter record with {@code key} carries, once it is there (or fails after 30 s). */
    public static String reason(String topic, String key) {
        List<String> reasons = reasons(topic, key, found -> !found.isEmpty());
        if (reasons.isEmpty()) {
            throw new AssertionError("No dead letter with key " + key + " on " + topic + " within 30 s");
        }
        return reasons.get(0);
    }

    /**
     * The reasons of the dead-letter records with {@code key}, in the topic's order, read until one containing
     * {@code last} has arrived (or for 30 s): whatever was dead-lettered before it is in the list.
     */
    public static List<String> reasonsUntil(String topic, String key, String last) {
        return reasons(topic, key, found -> found.stream().anyMatch(reason -> reason.contains(last)));
    }

    /**
     * The reasons of the dead-letter records with {@code key}, in the topic's order, read from the topic's start
     * until {@code enough} holds for them (or for 30 s).
     */
    public static List<String> reasons(String topic, String key, Predicate<List<String>> enough) {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlt-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            dlt.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!enough.test(reasons) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : dlt.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        reasons.add(new String(
                                record.headers()
                                        .lastHeader(DeadLetterHeaders.REASON)
                                        .value(),
                                StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return reasons;
    }
}
