package io.confirmline.console.outbox;

import io.confirmline.background.PollingLoop;
import io.confirmline.console.ConsoleProperties;
import io.confirmline.events.Topics;
import io.confirmline.kafka.ConfirmLineKafkaProperties;
import io.confirmline.tenant.TenantDirectoryProperties;
import java.time.Duration;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.config.TopicBuilder;

/** The relay's background thread, and the tenant topic when it is not the contract's (tests name their own). */
@Configuration
class OutboxConfiguration {

    @Bean
    PollingLoop tenantOutboxRelayLoop(OutboxRelay relay, ConsoleProperties properties) {
        return new PollingLoop("tenant-outbox-relay", relay::relayOnce, properties.outbox().pollInterval());
    }

    /** Published rows go after {@code retention}, a bounded batch at a time, then hourly. */
    @Bean
    PollingLoop tenantOutboxRetentionLoop(OutboxRelay relay, ConsoleProperties properties) {
        return new PollingLoop("tenant-outbox-retention", () -> relay.prune(properties.outbox().retention()),
                Duration.ofHours(1));
    }

    /** tenants.v1 itself is created with the contract's topics; another name (a test's) is created here alike. */
    @Bean
    KafkaAdmin.NewTopics tenantTopic(TenantDirectoryProperties directory, ConfirmLineKafkaProperties kafka) {
        if (directory.topic().equals(Topics.TENANTS.name())) {
            return new KafkaAdmin.NewTopics();
        }
        return new KafkaAdmin.NewTopics(TopicBuilder.name(directory.topic()).partitions(1)
                .replicas(kafka.replicationFactor()).compact()
                .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0").build());
    }
}
