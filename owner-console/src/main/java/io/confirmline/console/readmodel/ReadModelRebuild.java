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
package io.confirmline.console.readmodel;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Rebuilds the read model from the beginning of its topics ({@code POST /api/admin/read-model/rebuild}): stops
 * the read model's listeners, moves each consumer group back to the beginning of its topic, empties the read
 * tables and starts the listeners again, which then apply every record still on the topics.
 *
 * <p>The order is what makes a crash half-way harmless: with the offsets moved back but the tables still full, the
 * next start replays records the tables already hold ({@code read_event} skips them all); the tables are only
 * emptied once nothing can resume from the old offsets. Tenants, users, the audit log and the live feed are not
 * touched; a thread's {@code last_read_at} (an owner reading it, not a topic) is kept, so unread counts come back
 * the same.
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafkaAdmin;
    private final ReadModelTopics topics;
    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    ReadModelRebuild(
            KafkaListenerEndpointRegistry listeners,
            KafkaAdmin kafkaAdmin,
            ReadModelTopics topics,
            DatabaseClient db,
            ReactiveTransactionManager transactions) {
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.topics = topics;
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
    }

    /** Runs the rebuild up to the restart of the listeners (blocking); the replay itself goes on in the background. */
    public synchronized List<String> rebuild() {
        List<MessageListenerContainer> containers = listeners.getListenerContainers().stream()
                .filter(container -> container.getListenerId() != null
                        && container.getListenerId().startsWith(ReadModelListeners.ID_PREFIX))
                .toList();
        containers.forEach(MessageListenerContainer::stop);
        try {
            rewind();
            empty();
        } finally {
            containers.forEach(MessageListenerContainer::start);
        }
        log.info(
                "Read model emptied; replaying {} from the beginning",
                topics.groups().keySet());
        return List.copyOf(topics.groups().keySet());
    }

    private void rewind() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            for (Map.Entry<String, String> entry : topics.groups().entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> earliest = earliest(admin, entry.getKey());
                alter(admin, entry.getValue(), earliest);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rewinding the read model's consumer groups", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not rewind the read model's consumer groups: " + e.getMessage(), e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> earliest(Admin admin, String topic)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        int partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            request.put(new TopicPartition(topic, partition), OffsetSpec.earliest());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        admin.listOffsets(request)
                .all()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
        return offsets;
    }

    /** The group has just been left by its stopped consumer; the coordinator may take a moment to see it empty. */
    private static void alter(Admin admin, String group, Map<TopicPartition, OffsetAndMetadata> offsets)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        for (int attempt = 1; ; attempt++) {
            try {
                admin.alterConsumerGroupOffsets(group, offsets).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (attempt >= 20) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private void empty() {
        db.sql("TRUNCATE read_event, tenant_view, booking_view, call_status_view, conversation_message, guest_fact,"
                        + " text_receipt")
                .then()
                .then(db.sql("UPDATE conversation_thread SET last_body = NULL, unread = 0, taken_over_at = NULL,"
                                + " opted_out = false")
                        .then())
                .as(transaction::transactional)
                .block(WAIT);
    }
}
