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
package io.confirmline.tenant;

import io.confirmline.events.TenantConfigured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every tenant, as the owner console last published it on {@code tenants.v1} — the one place a service reads
 * tenant settings from (design.md §10.2). It reads the compacted topic from the beginning with a consumer of its
 * own (no group: every instance needs every tenant), is not ready until it has caught up with the end offsets it
 * saw at start, and then applies each change as it arrives: a new tenant is served within a poll, a disabled
 * one is refused by the callers that ask {@link Tenant#enabled()}, a deleted one (tombstone) is unknown.
 *
 * <p>A record that cannot be applied — undecodable, a secret under a key this service does not hold, a field
 * that does not parse — is logged with the tenant id and skipped; the tenant keeps its previous settings. Start
 * waits for the catch-up (bounded by {@code startup-wait}), so a service that is up serves its tenants.
 */
public class TenantDirectory implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

    private final Supplier<org.apache.kafka.clients.consumer.Consumer<String, TenantConfigured>> consumers;
    private final SecretsCipher cipher;
    private final TenantDirectoryProperties properties;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final List<Consumer<Tenant>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Tenant> tenants = Map.of();
    private volatile org.apache.kafka.clients.consumer.Consumer<String, TenantConfigured> consumer;
    private volatile boolean running;
    private Thread loop;

    public TenantDirectory(
            Supplier<org.apache.kafka.clients.consumer.Consumer<String, TenantConfigured>> consumers,
            SecretsCipher cipher,
            TenantDirectoryProperties properties) {
        this.consumers = consumers;
        this.cipher = cipher;
        this.properties = properties;
    }

    /** The tenant with this id, enabled or not. */
    public Optional<Tenant> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tenants.get(id));
    }

    /** The tenant one of whose platform API keys this is; every key of every tenant is compared. */
    public Optional<Tenant> byPlatformKey(String key) {
        Tenant found = null;
        for (Tenant tenant : tenants.values()) {
            if (tenant.acceptsPlatformKey(key)) {
                found = tenant;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The tenants one of whose webhook tokens is this Authorization value; every token is compared. */
    public List<Tenant> byWebhookToken(String authorization) {
        List<Tenant> matches = new ArrayList<>(1);
        for (Tenant tenant : tenants.values()) {
            if (tenant.acceptsWebhookToken(authorization)) {
                matches.add(tenant);
            }
        }
        return matches;
    }

    /** The tenant whose voice or SMS virtual number this is (unique across tenants). */
    public Optional<Tenant> byNumber(String e164) {
        return tenants.values().stream().filter(t -> t.ownsNumber(e164)).findFirst();
    }

    /** Every tenant held now, enabled or not. */
    public Collection<Tenant> all() {
        return tenants.values();
    }

    /** Whether the directory has read the topic up to where it ended at start. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /**
     * Waits until caught up.
     *
     * @return whether it caught up within {@code timeout}
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Called on the directory's thread with each tenant applied (the new settings), after the catch-up too. */
    public void onChange(Consumer<Tenant> listener) {
        listeners.add(listener);
    }

    @Override
    public void start() {
        running = true;
        loop = new Thread(this::follow, "tenant-directory");
        loop.setDaemon(true);
        loop.start();
        try {
            if (!awaitCaughtUp(properties.startupWait())) {
                log.warn(
                        "Tenant directory has not caught up with {} after {}; readiness stays DOWN until it has",
                        properties.topic(),
                        properties.startupWait());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        org.apache.kafka.clients.consumer.Consumer<String, TenantConfigured> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (loop != null) {
            try {
                loop.join(properties.pollTimeout().multipliedBy(4).toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early: the services' own consumers and loops start only once tenants are known. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void follow() {
        while (running) {
            try (org.apache.kafka.clients.consumer.Consumer<String, TenantConfigured> c = consumers.get()) {
                consumer = c;
                List<TopicPartition> partitions = partitions(c);
                if (partitions.isEmpty()) {
                    continue;
                }
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                // Checked before the first poll too: with no tenants yet, a poll waits its whole timeout for nothing.
                markCaughtUpAtEnd(c, end);
                while (running) {
                    pollOnce(c);
                    markCaughtUpAtEnd(c, end);
                }
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                // The broker went away or the topic was recreated: start again from the beginning, keeping the
                // tenants held so far (they are replaced as the topic is read again).
                log.warn("Tenant directory lost {} ({}); reading it again", properties.topic(), e.toString());
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    private List<TopicPartition> partitions(org.apache.kafka.clients.consumer.Consumer<String, TenantConfigured> c) {
        List<PartitionInfo> infos =
                c.partitionsFor(properties.topic(), properties.pollTimeout().multipliedBy(10));
        if (infos == null || infos.isEmpty()) {
            log.info("Waiting for topic {} to exist", properties.topic());
            pause();
            return List.of();
        }
        return infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
    }

    private void pollOnce(org.apache.kafka.clients.consumer.Consumer<String, TenantConfigured> c) {
        ConsumerRecords<String, TenantConfigured> records;
        try {
            records = c.poll(properties.pollTimeout());
        } catch (RecordDeserializationException e) {
            log.error(
                    "Tenant record at {}@{} cannot be decoded and is skipped ({})",
                    e.topicPartition(),
                    e.offset(),
                    e.getClass().getSimpleName());
            c.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        for (ConsumerRecord<String, TenantConfigured> record : records) {
            apply(record.key(), record.value());
        }
    }

    private void markCaughtUpAtEnd(
            org.apache.kafka.clients.consumer.Consumer<String, TenantConfigured> c, Map<TopicPartition, Long> end) {
        if (!isCaughtUp() && reached(c, end)) {
            caughtUp.countDown();
            log.info("Tenant directory caught up with {}: {} tenants", properties.topic(), tenants.size());
        }
    }

    private boolean reached(
            org.apache.kafka.clients.consumer.Consumer<String, TenantConfigured> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (c.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Applies one record: a tombstone removes the tenant; an older revision than the one held is ignored. */
    void apply(String tenantId, TenantConfigured event) {
        if (tenantId == null) {
            return;
        }
        Map<String, Tenant> next = new HashMap<>(tenants);
        if (event == null) {
            if (next.remove(tenantId) != null) {
                log.info("Tenant {} removed", tenantId);
                tenants = Map.copyOf(next);
            }
            return;
        }
        Tenant held = next.get(tenantId);
        if (held != null && held.revision() >= event.getRevision()) {
            return;
        }
        Tenant tenant;
        try {
            tenant = TenantRecords.toTenant(event, cipher);
        } catch (RuntimeException e) {
            // The message names the tenant, the secret id and the key id, never a secret.
            log.error("Tenant {} revision {} is not applied: {}", tenantId, event.getRevision(), e.getMessage());
            return;
        }
        next.put(tenantId, tenant);
        tenants = Map.copyOf(next);
        log.info(
                "Tenant {} revision {} applied ({})",
                tenantId,
                tenant.revision(),
                tenant.enabled() ? "enabled" : "disabled");
        for (Consumer<Tenant> listener : listeners) {
            try {
                listener.accept(tenant);
            } catch (RuntimeException e) {
                log.warn("A tenant listener failed for tenant {}", tenantId, e);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.pollTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
