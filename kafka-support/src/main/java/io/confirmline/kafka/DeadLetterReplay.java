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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to the topic they came from, once the cause is fixed: every record of
 * {@code <topic>.DLT} from {@code fromOffset} on is produced to {@code <topic>} with its original key, value bytes
 * (the registry framing included) and headers other than the dead-letter ones. Consumers drop anything they already
 * applied by eventId, so replaying too much is safe.
 *
 * <pre>java -cp "kafka-support/target/classes:$(cat webhook-ingress/target/runtime-classpath.txt)" \
 *     io.confirmline.kafka.DeadLetterReplay localhost:9092 voice.call-actions.v1 0</pre>
 */
public final class DeadLetterReplay {

    private DeadLetterReplay() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DeadLetterReplay <bootstrap-servers> <topic> [from-offset]");
            System.exit(2);
        }
        int replayed = replay(args[0], args[1], args.length > 2 ? Long.parseLong(args[2]) : 0L);
        System.out.println("Replayed " + replayed + " record(s) from " + args[1] + ".DLT to " + args[1]);
    }

    /** Replays the dead letters of {@code topic} from {@code fromOffset} to the end as it is now; returns how many. */
    public static int replay(String bootstrapServers, String topic, long fromOffset) {
        String deadLetters = topic + io.confirmline.events.Topic.DEAD_LETTER_SUFFIX;
        Properties consumerConfig = new Properties();
        consumerConfig.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName()));
        Properties producerConfig = new Properties();
        producerConfig.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                "true",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName()));
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(deadLetters, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(deadLetters, p.partition())));
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            partitions.forEach(p -> consumer.seek(p, fromOffset));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() >= end.get(new TopicPartition(deadLetters, record.partition()))) {
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(topic, record.key(), record.value());
                    for (Header header : record.headers()) {
                        if (!header.key().startsWith(DeadLetterHeaders.PREFIX)
                                && !header.key().startsWith("kafka_dlt-")) {
                            again.headers().add(header);
                        }
                    }
                    sent.add(producer.send(again));
                }
            }
            producer.flush();
            // A replay the broker refused must not be counted, nor pass in silence: the operator reruns it.
            for (Future<RecordMetadata> send : sent) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("A dead letter could not be replayed to " + topic + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying to " + topic, e);
        }
        return sent.size();
    }
}
