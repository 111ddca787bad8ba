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
package io.confirmline.console.startup;

import io.confirmline.console.tenant.TenantService;
import io.confirmline.console.tenant.TenantStore;
import io.confirmline.tenant.TenantDirectoryProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The database is the authority and the topic its copy: when the tenant topic holds no record at all at start
 * (a new broker — the local stack starts one each run — or a topic that was lost and recreated) while the
 * database holds tenants, every tenant is published again, so the services are never left without tenants that
 * exist. A topic with records is left alone: it already carries every change through the outbox.
 */
@Component
class EmptyTopicRepublish implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EmptyTopicRepublish.class);

    private final KafkaAdmin kafkaAdmin;
    private final TenantDirectoryProperties directory;
    private final TenantStore store;
    private final TenantService tenants;

    EmptyTopicRepublish(
            KafkaAdmin kafkaAdmin, TenantDirectoryProperties directory, TenantStore store, TenantService tenants) {
        this.kafkaAdmin = kafkaAdmin;
        this.directory = directory;
        this.store = store;
        this.tenants = tenants;
    }

    /** After the re-seal (100) and the YAML import (200): whatever they published is in the outbox already. */
    @Override
    public int getOrder() {
        return 300;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (holdsRecords()) {
            return;
        }
        // A tenant with a record still in the outbox reaches the topic anyway (the YAML import of a first start).
        List<String> ids = store.idsWithoutUnsentRecord().collectList().block(Duration.ofSeconds(30));
        if (ids == null || ids.isEmpty()) {
            return;
        }
        for (String id : ids) {
            tenants.republish(id).block(Duration.ofSeconds(30));
        }
        log.info(
                "{} held no tenant records: {} tenants published again from the database",
                directory.topic(),
                ids.size());
    }

    private boolean holdsRecords() throws Exception {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            TopicDescription description;
            try {
                description = admin.describeTopics(List.of(directory.topic()))
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .get(directory.topic());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return false;
                }
                throw e;
            }
            List<TopicPartition> partitions = description.partitions().stream()
                    .map(p -> new TopicPartition(directory.topic(), p.partition()))
                    .toList();
            Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
            return partitions.stream().anyMatch(p -> latest.get(p) > earliest.get(p));
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        return admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .all()
                .get(30, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
