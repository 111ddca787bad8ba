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
package io.confirmline.orchestrator.erasure;

import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Every record of some topics (tombstones included) while a test runs, read from the start by a consumer of its own. */
public final class TopicLog implements AutoCloseable {

    private final List<ConsumerRecord<String, Object>> records = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    public TopicLog(List<String> topics) {
        Map<String, Object> config =
                new HashMap<>(AvroSerdeSettings.consumer(RegistryServer.shared().apiUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "erasure-log-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        reader = new Thread(
                () -> {
                    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
                        consumer.subscribe(topics);
                        while (running) {
                            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                        }
                    }
                },
                "erasure-topic-log");
        reader.setDaemon(true);
        reader.start();
    }

    public List<ConsumerRecord<String, Object>> of(String topic, String key) {
        return records.stream()
                .filter(r -> r.topic().equals(topic) && key.equals(r.key()))
                .toList();
    }

    public List<ConsumerRecord<String, Object>> of(String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5000);
    }
}
