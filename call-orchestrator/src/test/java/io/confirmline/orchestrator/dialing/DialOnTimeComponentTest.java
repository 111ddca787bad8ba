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
package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.background.PollingLoop;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.Topics;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A call is dialed when it falls due, not at the dialer's next poll: with polls an hour apart, a round that finds
 * nothing due yet has the loop wake at the next call's due time.
 */
@Tag("long") // a Spring context of its own (polls an hour apart): run by .ci/run after verify
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].calling-opens=00:00",
            "confirmline.tenants[0].calling-closes=23:59:59",
            "confirmline.tenants[0].voices.es=es-ES-Standard-A",
            "confirmline.tenants[0].minimum-notice=1m",
            "confirmline.dialing.poll-interval=1h"
        })
class DialOnTimeComponentTest {

    static final FakeEightByEight eightByEight = new FakeEightByEight();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", eightByEight::url);
    }

    @AfterAll
    static void stop() {
        eightByEight.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    DatabaseClient database;

    @Autowired
    @Qualifier("dialerLoop")
    PollingLoop dialerLoop;

    @Test
    void aCallNotYetDueWhenTheDialerLooksIsDialedWhenItFallsDueRatherThanAtTheNextPoll() throws Exception {
        // The loop's first round ran at start and it now idles for an hour. Stopped while the booking comes in and
        // started again once its call is scheduled (as after a restart), its first round finds the call not yet due.
        dialerLoop.stop();
        String id = "r-" + UUID.randomUUID();
        ReservationEvent booking = DialerComponentTest.dueSoon(id, "+34600111777", 1, ReservationEventType.CREATED)
                .setStartsAt(Instant.now()
                        .plus(30, ChronoUnit.MINUTES)
                        .plusSeconds(4)
                        .truncatedTo(ChronoUnit.MILLIS))
                .build();
        kafka.send(Topics.RESERVATIONS.name(), id, booking).get();
        Instant due = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> database.sql("SELECT due_at FROM call WHERE subject_id = :id AND status = 'SCHEDULED'")
                                .bind("id", id)
                                .map(row ->
                                        row.get("due_at", OffsetDateTime.class).toInstant())
                                .one()
                                .block(Duration.ofSeconds(5)),
                        java.util.Objects::nonNull);
        assertThat(due).as("scheduled, not yet due").isAfter(Instant.now());
        dialerLoop.start();

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> eightByEight.requestsTo("+34600111777").size() == 1);
        assertThat(eightByEight.requestsTo("+34600111777").get(0).at())
                .as("dialed once due, not before")
                .isAfterOrEqualTo(due);
    }
}
