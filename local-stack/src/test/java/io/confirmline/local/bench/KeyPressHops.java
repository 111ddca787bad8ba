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
package io.confirmline.local.bench;

import io.confirmline.testing.TestPostgres;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the time from a key press to the platform goes, hop by hop, from the timestamps the services already keep:
 * the key press record's create time on {@code voice.call-actions.v1} (set by the ingress's producer at {@code send};
 * found by the session of the booking's attempt with digits), the orchestrator's outbox row of the {@code CONFIRMED} change ({@code created_at} is the start of the transaction
 * that applied the key press — PostgreSQL's {@code now()}; {@code sent_at} when the relay had the broker's acknowledgement) and the notifier's delivery (created at intake) and its first attempt.
 * Every service runs on this host, so their clocks are one.
 */
final class KeyPressHops {

    // One hash join over the outbox, not a lookup per booking: no outbox index covers sent rows by key, and a
    // lateral lookup per booking scanned the whole table once each (millions of rows a step, in PostgreSQL's CPU).
    // The per-booking lookups run once per booking, after DISTINCT ON has picked its status row.
    private static final String SQL = """
            SELECT p.subject_id, p.committed, p.published, p.taken_in,
                   (SELECT min(a.started_at) FROM notifier.delivery_attempt a WHERE a.delivery_id = p.id) AS attempted,
                   (SELECT a.session_id FROM orchestrator.call c JOIN orchestrator.call_attempt a ON a.call_id = c.id
                    WHERE c.tenant_id = p.tenant_id AND c.subject_id = p.subject_id AND a.digits IS NOT NULL
                    ORDER BY a.attempt DESC LIMIT 1) AS session_id
            FROM (SELECT DISTINCT ON (d.subject_id)
                         d.id, d.tenant_id, d.subject_id, o.created_at AS committed, o.sent_at AS published,
                         d.created_at AS taken_in
                  FROM notifier.delivery d
                  JOIN orchestrator.outbox o ON o.topic = 'calls.status.v1' AND o.message_key = d.subject_id
                  WHERE d.type = 'reservation.confirmed' AND d.subject_id = ANY (?)
                  ORDER BY d.subject_id, abs(extract(epoch FROM o.created_at - d.occurred_at))) p""";

    /** The hops, in the order a key press passes them. */
    static final List<String> NAMES = List.of(
            "key press → the ingress hands it to its producer (8x8 sandbox's request, ingress, journal, spool)",
            "handed to the producer → the transaction that applies it starts (linger, broker, orchestrator's poll"
                    + " and queue)",
            "that transaction → on the broker (rest of the transaction, outbox relay)",
            "on the broker → notifier intake",
            "intake → first POST starts (notifier queue)",
            "POST starts → platform receives");

    private KeyPressHops() {}

    /**
     * Per hop (in {@link #NAMES}' order), its duration in milliseconds for each reservation that has a press, a
     * receipt and all its rows.
     */
    static Map<String, List<Double>> measure(
            TestPostgres.Database db,
            String kafkaBootstrap,
            Map<String, Instant> pressedAt,
            Map<String, Instant> receivedAt)
            throws SQLException {
        Map<String, Instant> handedOver = producedAt(kafkaBootstrap);
        Map<String, List<Double>> hops = new LinkedHashMap<>();
        NAMES.forEach(name -> hops.put(name, new ArrayList<>()));
        try (Connection connection = db.connect();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            Array ids = connection.createArrayOf("text", pressedAt.keySet().toArray());
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString("subject_id");
                    String session = rows.getString("session_id");
                    Instant[] at = {
                        pressedAt.get(id),
                        session == null ? null : handedOver.get(session),
                        instant(rows, "committed"),
                        instant(rows, "published"),
                        instant(rows, "taken_in"),
                        instant(rows, "attempted"),
                        receivedAt.get(id)
                    };
                    // A hop counts where both its ends are known: a key press missing from the topic's read
                    // leaves out its two hops only.
                    for (int i = 0; i < NAMES.size(); i++) {
                        if (at[i] != null && at[i + 1] != null) {
                            hops.get(NAMES.get(i))
                                    .add(Duration.between(at[i], at[i + 1]).toNanos() / 1e6);
                        }
                    }
                }
            }
        }
        return hops;
    }

    /**
     * When the ingress handed each key press to its Kafka producer, by session: the records' create time, which the
     * producer sets at {@code send} (the topics keep create time). The earliest record per session counts.
     */
    private static Map<String, Instant> producedAt(String kafkaBootstrap) {
        Map<String, Instant> at = new java.util.HashMap<>();
        java.util.Properties settings = new java.util.Properties();
        settings.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                        settings,
                        new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions =
                    consumer.partitionsFor(io.confirmline.events.Topics.CALL_ACTIONS.name()).stream()
                            .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                            .toList();
            if (partitions.isEmpty()) {
                System.out.println("  (no partitions of " + io.confirmline.events.Topics.CALL_ACTIONS.name()
                        + ": the key press's first two hops are not measured)");
                return at;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            java.util.function.BooleanSupplier behind =
                    () -> partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (behind.getAsBoolean() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500))
                        .forEach(record -> at.merge(
                                record.key(),
                                Instant.ofEpochMilli(record.timestamp()),
                                (a, b) -> a.isBefore(b) ? a : b));
            }
            if (behind.getAsBoolean()) {
                System.out.println("  (the key presses' topic was not read to its end within 30 s: the first two hops"
                        + " leave out the key presses not read)");
            }
        }
        return at;
    }

    /** A table row per hop: p50 / p99 / max in milliseconds. */
    static void print(int rate, Map<String, List<Double>> hops) {
        hops.forEach((name, values) -> {
            if (values.isEmpty()) {
                return;
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %s | %.1f | %.1f | %.1f |%n",
                    rate,
                    name,
                    WholeSuiteBenchmark.percentile(values, 50),
                    WholeSuiteBenchmark.percentile(values, 99),
                    WholeSuiteBenchmark.percentile(values, 100));
        });
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
