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
package io.confirmline.orchestrator.call;

import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;

/** Everything published on calls.status.v1 while a test runs, read by a consumer of its own. */
final class StatusLog implements AutoCloseable {

    private final List<CallStatusChanged> changes = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    StatusLog() {
        Map<String, Object> config =
                new HashMap<>(AvroSerdeSettings.consumer(RegistryServer.shared().apiUrl()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "status-log-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Start reading at once even if the topic is only being created now.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        reader = new Thread(
                () -> {
                    try (KafkaConsumer<String, CallStatusChanged> consumer = new KafkaConsumer<>(config)) {
                        consumer.subscribe(List.of(Topics.CALL_STATUS.name()));
                        while (running) {
                            consumer.poll(Duration.ofMillis(100)).forEach(r -> changes.add(r.value()));
                        }
                    }
                },
                "status-log");
        reader.setDaemon(true);
        reader.start();
    }

    /** The status changes of one subject (call.completed events, which carry a summary, left out). */
    List<CallStatusChanged> of(String subjectId) {
        return changes.stream()
                .filter(c -> c.getSubjectId().equals(subjectId) && c.getCallSummary() == null)
                .toList();
    }

    /**
     * Everything published about one subject, in the topic's order, each as its status, with " completed" after
     * the status of a call.completed event.
     */
    List<String> sequence(String subjectId) {
        return changes.stream()
                .filter(c -> c.getSubjectId().equals(subjectId))
                .map(c -> c.getStatus().name() + (c.getCallSummary() == null ? "" : " completed"))
                .toList();
    }

    /** The call.completed events of one subject: one per finished call session. */
    List<CallStatusChanged> completions(String subjectId) {
        return changes.stream()
                .filter(c -> c.getSubjectId().equals(subjectId) && c.getCallSummary() != null)
                .toList();
    }

    CallStatusChanged await(String subjectId, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(40))
                .until(() -> of(subjectId).stream()
                        .anyMatch(c -> c.getStatus().name().equals(status)));
        return of(subjectId).stream()
                .filter(c -> c.getStatus().name().equals(status))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5000);
    }
}
