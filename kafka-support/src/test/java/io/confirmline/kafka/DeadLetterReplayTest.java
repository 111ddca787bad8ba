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

import io.confirmline.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Dead letters go back to their topic with their key, bytes and own headers, on a real broker. */
class DeadLetterReplayTest {

    @Test
    void replaysFromTheGivenOffsetKeepingKeyValueAndHeadersButNotTheDeadLetterOnes() throws Exception {
        String topic = "replay-" + UUID.randomUUID();
        String bootstrap = SharedKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".DLT", 1, (short) 1)))
                    .all()
                    .get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            for (int i = 0; i < 3; i++) {
                ProducerRecord<String, String> dead = new ProducerRecord<>(topic + ".DLT", "key-" + i, "value-" + i);
                dead.headers().add(DeadLetterHeaders.REASON, "broken".getBytes(StandardCharsets.UTF_8));
                dead.headers().add("kafka_dlt-original-topic", topic.getBytes(StandardCharsets.UTF_8));
                dead.headers().add("traceparent", ("00-trace-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(dead).get();
            }
        }

        assertThat(DeadLetterReplay.replay(bootstrap, topic, 1)).isEqualTo(2);

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "replay-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> replayed = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(replayed::add);
                return replayed.size() >= 2;
            });
            assertThat(replayed).extracting(ConsumerRecord::key).containsExactly("key-1", "key-2");
            assertThat(replayed).extracting(ConsumerRecord::value).containsExactly("value-1", "value-2");
            assertThat(replayed.get(0).headers().lastHeader("traceparent").value())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("00-trace-1");
            assertThat(replayed.get(0).headers().lastHeader(DeadLetterHeaders.REASON))
                    .isNull();
            assertThat(replayed.get(0).headers().lastHeader("kafka_dlt-original-topic"))
                    .isNull();
        }
    }
}
