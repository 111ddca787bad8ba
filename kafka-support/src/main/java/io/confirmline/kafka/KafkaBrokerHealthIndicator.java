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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * UP when the broker answers a cluster description within the timeout. Boot ships no Kafka health indicator; the
 * services add this one to their readiness group.
 */
public class KafkaBrokerHealthIndicator extends AbstractHealthIndicator
        implements SmartInitializingSingleton, DisposableBean {

    private final KafkaAdmin kafkaAdmin;
    private final Duration timeout;
    private volatile AdminClient client;

    public KafkaBrokerHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout) {
        super("Kafka broker unreachable");
        this.kafkaAdmin = kafkaAdmin;
        this.timeout = timeout;
    }

    /**
     * Creates the admin client and connects it while the rest of the context starts, off the main thread: left to
     * the first readiness probe, that work (about half a second on two cores) came after the service had started,
     * and every start was that much later ready.
     */
    @Override
    public void afterSingletonsInstantiated() {
        Thread warmUp = new Thread(
                () -> {
                    try {
                        client().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                                .clusterId()
                                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException stopping) {
                        Thread.currentThread().interrupt();
                    } catch (Exception unreachable) {
                        // the readiness probe reports it
                    }
                },
                "kafka-health-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster =
                client().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        int nodes =
                cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .withDetail("nodes", nodes);
    }

    private AdminClient client() {
        AdminClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
                    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    client = AdminClient.create(config);
                }
                current = client;
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        AdminClient current = client;
        if (current != null) {
            current.close(Duration.ofSeconds(1));
        }
    }
}
