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

import io.confirmline.events.Topic;
import io.confirmline.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * The Spring Kafka configuration of every ConfirmLine service. Boot's Kafka auto-configuration builds the clients
 * from {@code spring.kafka.*}; this adds what the contract requires on top, whatever a service's yml says: Avro
 * through the registry, acks=all with idempotence, decoding errors caught, dead-lettering, and the topics.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(ConfirmLineKafkaProperties.class)
public class ConfirmLineKafkaAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer confirmLineProducerSettings(ConfirmLineKafkaProperties properties) {
        Map<String, Object> settings =
                AvroSerdeSettings.producer(properties.registryUrl(), properties.autoRegisterSchemas());
        return factory -> factory.updateConfigs(settings);
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer confirmLineConsumerSettings(ConfirmLineKafkaProperties properties) {
        Map<String, Object> settings = AvroSerdeSettings.consumer(properties.registryUrl());
        return factory -> {
            Map<String, Object> configs = new java.util.HashMap<>(settings);
            // An instance killed without leaving its group keeps its partitions until its session times out; Kafka's
            // 45 s default would hold a crashed orchestrator's key presses that long. 10 s (heartbeats every 3 s)
            // unless spring.kafka.consumer.properties says otherwise.
            if (!factory.getConfigurationProperties().containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
                configs.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
            }
            factory.updateConfigs(configs);
            if (!properties.offsetCommitInterval().isZero()) {
                commitForwardOnly(factory);
            }
        };
    }

    /**
     * Listeners commit what they have finished once per {@code offset-commit-interval} rather than after every poll.
     * At a few records a second each poll carries one or two records, and a commit per poll was a round trip, and a
     * write to the broker's offsets log, per record for every listener (docs/benchmarks.md, "offset commits").
     * Every consumer drops a redelivered event (by eventId, or by revision), so the only cost is that a crashed
     * instance's successor sees up to that much again; a rebalance or a graceful stop still commits at once.
     */
    @Bean
    @ConditionalOnMissingBean(ContainerCustomizer.class)
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
            offsetCommitsOncePerInterval(ConfirmLineKafkaProperties properties, KafkaProperties kafkaProperties) {
        long interval = properties.offsetCommitInterval().toMillis();
        KafkaProperties.Listener listener = kafkaProperties.getListener();
        return container -> {
            ContainerProperties settings = container.getContainerProperties();
            if (interval == 0 || listener.getAckMode() != null) {
                return; // Spring's own choice (commit after each poll), or the service's explicit one
            }
            settings.setAckMode(ContainerProperties.AckMode.TIME);
            settings.setAckTime(interval);
            if (listener.getPollTimeout() == null) {
                // An idle listener checks the interval only between polls: a poll no longer than it keeps the last
                // records' offsets from waiting for the next record (Spring's default poll is 5 s).
                // (Not below 100 ms: a tiny interval would have the listener spin.)
                settings.setPollTimeout(Math.max(100, Math.min(settings.getPollTimeout(), interval)));
            }
        };
    }

    /** See {@link ForwardOnlyCommits}: what the error handler committed is never taken back by a later commit. */
    private static <K, V> void commitForwardOnly(DefaultKafkaConsumerFactory<K, V> factory) {
        factory.addPostProcessor(ForwardOnlyCommits::wrap);
    }

    /**
     * The template services publish events with; keys are strings and values Avro events. (Declared here rather
     * than left to Boot so it is typed, and so the dead-letter byte template below does not replace it.)
     */
    @Bean
    @ConditionalOnMissingBean(KafkaTemplate.class)
    KafkaTemplate<String, SpecificRecord> kafkaTemplate(ProducerFactory<?, ?> producerFactory) {
        @SuppressWarnings("unchecked")
        ProducerFactory<String, SpecificRecord> events = (ProducerFactory<String, SpecificRecord>) producerFactory;
        KafkaTemplate<String, SpecificRecord> template = new KafkaTemplate<>(events);
        // A producer observation per record: with tracing on, its trace context travels in the record's headers.
        template.setObservationEnabled(true);
        template.setProducerListener(failuresWithoutContents());
        return template;
    }

    /**
     * Logs a failed send (topic, partition, the error) but never the record: an event's value can hold a guest's
     * name or a rendered prompt, which no log may show (Spring Kafka's default listener logs key and value).
     */
    static <K, V> LoggingProducerListener<K, V> failuresWithoutContents() {
        LoggingProducerListener<K, V> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler deadLetterErrorHandler(
            KafkaTemplate<String, SpecificRecord> kafkaTemplate,
            KafkaProperties kafkaProperties,
            ConfirmLineKafkaProperties properties,
            @Value("${spring.application.name:confirmline}") String serviceName) {
        return DeadLetterErrorHandlerFactory.create(
                kafkaTemplate, bytesTemplate(kafkaProperties), properties.deadLetter(), serviceName);
    }

    /** Publishes the original bytes of records that could not be decoded; not a bean, only the DLT uses it. */
    static KafkaTemplate<String, byte[]> bytesTemplate(KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        template.setProducerListener(failuresWithoutContents());
        return template;
    }

    /** Readiness includes the broker: a service that cannot reach Kafka should not get traffic. */
    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaBrokerHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, ConfirmLineKafkaProperties properties) {
        return new KafkaBrokerHealthIndicator(kafkaAdmin, properties.healthTimeout());
    }

    /** The contract's topics and their dead-letter topics, created if missing (never altered). */
    @Bean
    @ConditionalOnProperty(name = "confirmline.kafka.create-topics", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics confirmLineTopics(ConfirmLineKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?> topic : Topics.all()) {
            TopicBuilder builder = TopicBuilder.name(topic.name())
                    .partitions(topic.partitions())
                    .replicas(properties.replicationFactor());
            if (topic.compacted()) {
                builder.compact().config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");
            }
            topics.add(builder.build());
            topics.add(TopicBuilder.name(topic.deadLetterTopic())
                    .partitions(1)
                    .replicas(properties.replicationFactor())
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
