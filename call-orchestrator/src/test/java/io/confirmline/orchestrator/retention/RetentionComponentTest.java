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
package io.confirmline.orchestrator.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.background.PollingLoop;
import io.confirmline.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Old sent outbox rows and old processed eventIds go, in batches of the configured size; recent ones and unsent
 * outbox rows (however old) stay. Real PostgreSQL; the rows are aged by writing their timestamps in the past.
 */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.retention.sent-outbox=7d",
            "confirmline.retention.processed-events=14d",
            "confirmline.retention.batch-size=2",
            "confirmline.retention.interval=1h"
        })
class RetentionComponentTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
    }

    @Autowired
    Retention retention;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("outboxRelayLoop")
    PollingLoop relayLoop;

    @Autowired
    @Qualifier("retentionLoop")
    PollingLoop retentionLoop;

    @BeforeEach
    void pauseTheLoops() {
        // The old unsent row below must stay unsent: the relay would publish it.
        relayLoop.stop();
        // The test prunes by hand: the loop's own first passes, run while the context starts, once overlapped the
        // test's inserts and removed the rows before the test's first pass could count them (CI: 0 instead of 4).
        retentionLoop.stop();
    }

    @AfterEach
    void resumeThem() {
        relayLoop.start();
        retentionLoop.start();
    }

    void outboxRow(String key, String createdAgo, String sentAgo) {
        db.sql("INSERT INTO outbox (topic, message_key, payload, created_at, sent_at) VALUES ('calls.status.v1', :key, "
                        + ":payload, now() - CAST(:created AS interval), now() - CAST(:sent AS interval))")
                .bind("key", key)
                .bind("payload", ByteBuffer.wrap(new byte[] {1}))
                .bind("created", createdAgo)
                .bind("sent", sentAgo)
                .then()
                .block();
    }

    void unsentOutboxRow(String key, String createdAgo) {
        db.sql(
                        "INSERT INTO outbox (topic, message_key, payload, created_at) VALUES ('calls.status.v1', :key, :payload, "
                                + "now() - CAST(:created AS interval))")
                .bind("key", key)
                .bind("payload", ByteBuffer.wrap(new byte[] {1}))
                .bind("created", createdAgo)
                .then()
                .block();
    }

    void processed(String eventId, String ago) {
        db.sql("INSERT INTO processed_event (event_id, topic, processed_at) VALUES (:id, 'platform.reservations.v1', "
                        + "now() - CAST(:ago AS interval))")
                .bind("id", eventId)
                .bind("ago", ago)
                .then()
                .block();
    }

    List<String> outboxSentAgo(String key) {
        return db.sql(
                        "SELECT CASE WHEN sent_at IS NULL THEN 'unsent' ELSE date_part('day', now() - sent_at)::int || 'd' END AS age "
                                + "FROM outbox WHERE message_key = :key ORDER BY id")
                .bind("key", key)
                .map(row -> row.get("age", String.class))
                .all()
                .collectList()
                .block();
    }

    long count(String sql, String value) {
        return db.sql(sql)
                .bind("v", value)
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }

    double removed(String table) {
        return meters.get("confirmline_orchestrator_retention_removed")
                .tag("table", table)
                .counter()
                .count();
    }

    @Test
    void oldRowsGoInBoundedBatchesAndUnsentOrRecentOnesStay() {
        String key = "r-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            outboxRow(key, "9 days", "8 days");
        }
        outboxRow(key, "2 days", "1 day");
        unsentOutboxRow(key, "30 days");
        String prefix = "e-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 3; i++) {
            processed(prefix + "old-" + i, "15 days");
        }
        processed(prefix + "new", "13 days");
        double outboxBefore = removed("outbox");
        double processedBefore = removed("processed_event");

        assertThat(retention.pruneOnce()).as("one batch of 2 per table").isEqualTo(4);
        assertThat(outboxSentAgo(key)).hasSize(3);

        int rounds = 1;
        while (retention.pruneOnce() > 0) {
            rounds++;
        }
        assertThat(rounds).isEqualTo(2);
        assertThat(outboxSentAgo(key))
                .as("sent a day ago, and never sent at all")
                .containsExactly("1d", "unsent");
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id LIKE :v", prefix + "%"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = :v", prefix + "new"))
                .isEqualTo(1);
        assertThat(removed("outbox") - outboxBefore).isEqualTo(3);
        assertThat(removed("processed_event") - processedBefore).isEqualTo(3);
    }
}
