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
package io.confirmline.testing;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real KRaft broker (controller and broker in one process, spring-kafka-test's {@link EmbeddedKafkaKraftBroker})
 * per test JVM. Started on first use, stopped when the JVM exits; every test class of a module shares it, so tests
 * use their own topic names or consumer groups where they must not see each other's records.
 */
public final class SharedKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private SharedKafka() {}

    /** The broker's bootstrap servers, starting it if needed. */
    public static synchronized String bootstrapServers() {
        return broker().getBrokersAsString();
    }

    /** The running broker, for tests that create topics or stop and restart it. */
    public static synchronized EmbeddedKafkaKraftBroker broker() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
            started.brokerProperties(Map.of(
                    "auto.create.topics.enable", "true",
                    "group.initial.rebalance.delay.ms", "0",
                    "log.cleaner.backoff.ms", "1000"));
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "shared-kafka-shutdown"));
            broker = started;
        }
        return broker;
    }
}
