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
package io.confirmline.notifier;

import static io.confirmline.notifier.NotifierTestSupport.change;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.Topics;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A failed delivery is tried again when its retry falls due, not at the worker's next idle poll: here the polls are
 * an hour apart and the retry is due 300 ms after the failure.
 */
@Tag("long") // a Spring context of its own (polls an hour apart): run by .ci/run after verify
@SpringBootTest
class RetryOnTimeComponentTest {

    static final PlatformStub platform = new PlatformStub();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        for (String property : NotifierTestSupport.properties(platform.url(), "0s,300ms,300ms")) {
            String[] kv = property.split("=", 2);
            if (!kv[0].equals("confirmline.notifier.poll-interval")) {
                registry.add(kv[0], () -> kv[1]);
            }
        }
        registry.add("confirmline.notifier.poll-interval", () -> "1h");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Test
    void aRetryGoesOutWhenItFallsDueThoughTheWorkerPollsOnlyHourly() throws Exception {
        String reservation = "r-" + UUID.randomUUID();
        platform.plan(reservation, PlatformStub.Plan.status(503));
        kafka.send(
                        Topics.CALL_STATUS.name(),
                        reservation,
                        change("luigis", reservation, CallStatus.SCHEDULED, CallStatus.DIALING))
                .get(10, TimeUnit.SECONDS);

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> platform.receivedFor(reservation).stream().anyMatch(r -> r.answered() == 200));
        List<PlatformStub.Received> received = platform.receivedFor(reservation);
        assertThat(received).extracting(PlatformStub.Received::answered).containsExactly(503, 200);
        assertThat(received.get(1).webhookId()).isEqualTo(received.get(0).webhookId());
        assertThat(Duration.between(received.get(0).at(), received.get(1).at()))
                .as("tried again once the 300 ms had passed, not before")
                .isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }
}
