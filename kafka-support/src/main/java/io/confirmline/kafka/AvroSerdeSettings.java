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

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.confirmline.events.TrustedEventPackages;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The client settings of the event contract: string keys, Avro values through the Apicurio serde with Confluent's
 * framing (magic byte 0, 4-byte schema id, Avro binary), so any Confluent-compatible tool can read our topics.
 * Used by the auto-configuration and by anything that builds a raw client (tests, benchmarks, the local stack).
 */
public final class AvroSerdeSettings {

    private AvroSerdeSettings() {}

    /** Producer settings: acks=all and idempotence, so a record acknowledged is a record that survives. */
    public static Map<String, Object> producer(String registryUrl, boolean autoRegister) {
        Map<String, Object> config = new HashMap<>(registry(registryUrl));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put("apicurio.registry.auto-register", autoRegister);
        // Register the generated class's schema as written, so consumers see the docs and defaults.
        config.put("apicurio.registry.find-latest", false);
        return config;
    }

    /**
     * Consumer settings. Both deserializers are wrapped in {@link ErrorHandlingDeserializer}: bytes that are not
     * our Avro reach the error handler (and the dead-letter topic) instead of failing the poll loop forever.
     */
    public static Map<String, Object> consumer(String registryUrl) {
        TrustedEventPackages.install();
        Map<String, Object> config = new HashMap<>(registry(registryUrl));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.KEY_DESERIALIZER_CLASS, StringDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, AvroKafkaDeserializer.class);
        config.put("apicurio.registry.use-specific-avro-reader", true);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private static Map<String, Object> registry(String registryUrl) {
        // Writers and readers found by the schema object, not by a fingerprint computed for every record.
        return Map.of(
                "apicurio.registry.url",
                registryUrl,
                "apicurio.registry.avro-datum-provider",
                SchemaKeyedDatumProvider.class);
    }
}
