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
package io.confirmline.ingress.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.Topic;
import io.confirmline.ingress.session.SessionView;
import io.confirmline.ingress.session.SessionViewProperties;
import io.confirmline.kafka.ConfirmLineKafkaProperties;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The follower on a real broker: when its view counts as caught up, which the ingress's readiness waits for. */
class CompactedTopicFollowerTest {

    @Test
    void anEmptyTopicIsCaughtUpAtOnceNotAfterAPollThatFindsNothing() throws Exception {
        String name = "sessions-empty-" + UUID.randomUUID();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        // A poll timeout far longer than the wait below: only a follower that checks before polling passes.
        Duration pollTimeout = Duration.ofSeconds(30);
        SessionView view = new SessionView(
                new SessionViewProperties(Duration.ofHours(6), Duration.ofMinutes(1), pollTimeout, Duration.ZERO, 0),
                Clock.systemUTC());
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(SharedKafka.bootstrapServers()));
        CompactedTopicFollower<CallSessionOpened> follower = new CompactedTopicFollower<>(
                new Topic<>(name, String.class, CallSessionOpened.class, true, 3, false),
                view,
                new CompactedTopicFollower.Settings(
                        "test-follower", "test.follower", "open", "open sessions", pollTimeout, Duration.ofMinutes(1)),
                kafka,
                new ConfirmLineKafkaProperties(
                        RegistryServer.shared().apiUrl(),
                        true,
                        false,
                        (short) 1,
                        new ConfirmLineKafkaProperties.DeadLetter(2, Duration.ofMillis(500)),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(1)),
                new SimpleMeterRegistry());
        follower.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(view::caughtUp);
            assertThat(view.size()).isZero();
        } finally {
            follower.stop();
        }
    }
}
