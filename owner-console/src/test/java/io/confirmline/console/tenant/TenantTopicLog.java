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
package io.confirmline.console.tenant;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.confirmline.events.TenantConfigured;
import io.confirmline.events.TrustedEventPackages;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of a tenant topic as the broker holds it — the raw value bytes, so a test can look for plaintext
 * in them — read from the beginning while the test runs; decoded through the registry on demand.
 */
public final class TenantTopicLog implements AutoCloseable {

    /** One record: key, raw value (null for a tombstone), offset. */
    public record Entry(String key, byte[] value, long offset) {}

    private final String topic;
    private final List<Entry> records = new CopyOnWriteArrayList<>();
    private final AvroKafkaDeserializer<TenantConfigured> decoder = new AvroKafkaDeserializer<>();
    private final Thread reader;
    private volatile boolean running = true;

    public TenantTopicLog(String topic) {
        this.topic = topic;
        TrustedEventPackages.install();
        decoder.configure(
                Map.of(
                        "apicurio.registry.url",
                        RegistryServer.shared().apiUrl(),
                        "apicurio.registry.use-specific-avro-reader",
                        true),
                false);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(topic, 0);
        reader = new Thread(
                () -> {
                    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
                        consumer.assign(List.of(partition));
                        consumer.seekToBeginning(List.of(partition));
                        while (running) {
                            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                                records.add(new Entry(r.key(), r.value(), r.offset()));
                            }
                        }
                    }
                },
                "tenant-topic-log");
        reader.setDaemon(true);
        reader.start();
    }

    public List<Entry> all() {
        return List.copyOf(records);
    }

    public List<Entry> of(String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    /** The newest record of the tenant decoded; null when it is a tombstone or there is none. */
    public TenantConfigured latest(String key) {
        List<Entry> entries = of(key);
        return entries.isEmpty() ? null : decode(entries.get(entries.size() - 1));
    }

    public TenantConfigured decode(Entry entry) {
        return entry.value() == null ? null : decoder.deserialize(topic, entry.value());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5000);
        decoder.close();
    }
}
