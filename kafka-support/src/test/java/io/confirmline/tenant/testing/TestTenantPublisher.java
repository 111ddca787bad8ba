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
package io.confirmline.tenant.testing;

import io.confirmline.events.TenantConfigured;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.kafka.ConfirmLineKafkaProperties;
import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.TenantDirectoryProperties;
import io.confirmline.tenant.TenantRecords;
import io.confirmline.tenant.TenantSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Plays the owner console for a service's tests: publishes the tenants the test declares under
 * {@code confirmline.tenants[*]} (the YAML shape the console imports) to the context's tenant topic before the
 * {@code TenantDirectory} starts, and publishes changes a test makes while the service runs. The service under
 * test reads them the only way it can, from the topic.
 */
public class TestTenantPublisher implements AutoCloseable {

    private final String topic;
    private final SecretsCipher cipher;
    private final KafkaProducer<String, TenantConfigured> producer;
    private final AtomicLong revisions = new AtomicLong();

    public TestTenantPublisher(
            KafkaProperties kafka,
            ConfirmLineKafkaProperties confirmLine,
            TenantDirectoryProperties directory,
            SecretsCipher cipher,
            List<TenantSettings> declared) {
        this.topic = directory.topic();
        this.cipher = cipher;
        Map<String, Object> admin = new HashMap<>();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + topic, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create " + topic, e);
        }
        Map<String, Object> config = new HashMap<>(AvroSerdeSettings.producer(confirmLine.registryUrl(), true));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        this.producer = new KafkaProducer<>(config);
        declared.forEach(this::publish);
    }

    /** Publishes {@code settings} as the tenant's next revision and waits until the broker has it. */
    public void publish(TenantSettings settings) {
        publish(settings, TenantRecords.secretsOf(settings));
    }

    /** Publishes {@code settings} with secrets named by the test (to rotate one) and waits for the broker. */
    public void publish(TenantSettings settings, TenantRecords.Secrets secrets) {
        TenantConfigured event =
                TenantRecords.toEvent(settings, secrets, revisions.incrementAndGet(), Instant.now(), cipher);
        send(settings.id(), event);
    }

    /** Deletes the tenant: a tombstone. */
    public void remove(String tenantId) {
        send(tenantId, null);
    }

    private void send(String key, TenantConfigured value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish tenant " + key + " to " + topic, e);
        }
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close();
    }
}
