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
package io.confirmline.console.outbox;

import io.confirmline.background.PollingLoop;
import io.confirmline.console.ConsoleProperties;
import io.confirmline.events.TenantConfigured;
import io.confirmline.events.Topics;
import io.confirmline.kafka.ConfirmLineKafkaProperties;
import io.confirmline.outbox.OutboxRelay;
import io.confirmline.outbox.OutboxSettings;
import io.confirmline.tenant.TenantDirectoryProperties;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * The shared outbox relay on the console's {@code outbox} table, publishing {@link TenantConfigured} records (and
 * tombstones) to the tenant topic; its background threads; and the tenant topic when it is not the contract's
 * (tests name their own). A crash between the broker's acknowledgement and the mark publishes a record again: the
 * services ignore a revision they already hold, and compaction keeps the last.
 */
@Configuration
class OutboxConfiguration {

    /** "tenant": serialises claims across console instances. */
    private static final long CLAIM_LOCK = 0x74656e616e74L;

    @Bean
    OutboxRelay tenantOutboxRelay(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            KafkaTemplate<String, SpecificRecord> kafka,
            ObjectProvider<Tracer> tracer,
            TenantDirectoryProperties directory) {
        return new OutboxRelay(
                db,
                transactions,
                kafka,
                tracer.getIfAvailable(),
                new OutboxSettings(
                        "outbox", CLAIM_LOCK, "tenant records", Map.of(directory.topic(), TenantConfigured.class)));
    }

    @Bean
    PollingLoop tenantOutboxRelayLoop(OutboxRelay relay, ConsoleProperties properties) {
        // Woken by every commit that writes a tenant record (TenantOutbox); the poll is the backstop.
        PollingLoop loop = new PollingLoop(
                "tenant-outbox-relay", relay::relayOnce, properties.outbox().pollInterval());
        relay.wakeWith(loop);
        return loop;
    }

    /** Sent rows go after {@code retention}, a bounded batch at a time, then hourly. */
    @Bean
    PollingLoop tenantOutboxRetentionLoop(OutboxRelay relay, ConsoleProperties properties) {
        return new PollingLoop(
                "tenant-outbox-retention", () -> relay.prune(properties.outbox().retention()), Duration.ofHours(1));
    }

    /** tenants.v1 itself is created with the contract's topics; another name (a test's) is created here alike. */
    @Bean
    KafkaAdmin.NewTopics tenantTopic(TenantDirectoryProperties directory, ConfirmLineKafkaProperties kafka) {
        if (directory.topic().equals(Topics.TENANTS.name())) {
            return new KafkaAdmin.NewTopics();
        }
        return new KafkaAdmin.NewTopics(TopicBuilder.name(directory.topic())
                .partitions(1)
                .replicas(kafka.replicationFactor())
                .compact()
                .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0")
                .build());
    }
}
