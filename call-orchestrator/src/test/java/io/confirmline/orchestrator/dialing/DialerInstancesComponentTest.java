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

import io.confirmline.orchestrator.CallOrchestratorApplication;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import io.confirmline.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Several orchestrator instances on one database place each due call exactly once. */
@Tag("long") // starts whole applications of its own (several instances, restarts): run by .ci/run after verify
// (README "Tests")
class DialerInstancesComponentTest {

    private final FakeEightByEight eightByEight = new FakeEightByEight();
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        eightByEight.close();
    }

    private void start(TestPostgres.Database db) {
        List<String> args = List.of(
                "server.port=0",
                "spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "confirmline.kafka.registry-url=" + RegistryServer.shared().apiUrl(),
                "spring.kafka.consumer.group-id=orchestrator-" + db.name(),
                "spring.r2dbc.url=" + db.r2dbcUrl(),
                "spring.r2dbc.username=" + db.username(),
                "spring.r2dbc.password=" + db.password(),
                "spring.flyway.url=" + db.jdbcUrl(),
                "spring.flyway.user=" + db.username(),
                "spring.flyway.password=" + db.password(),
                "confirmline.tenants[0].id=luigis",
                "confirmline.tenants[0].subaccount-id=luigis_voice",
                "confirmline.tenants[0].api-key=test-8x8-key",
                "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
                "confirmline.tenants[0].caller-id=+34910000000",
                "confirmline.dialing.base-url=" + eightByEight.url(),
                "confirmline.dialing.batch-size=25",
                "logging.level.root=WARN");
        instances.add(new SpringApplicationBuilder(CallOrchestratorApplication.class)
                .run(args.stream().map(a -> "--" + a).toArray(String[]::new)));
    }

    /** Due calls written straight into the schedule, as the intake would have left them. */
    private static List<String> dueCalls(
            TestPostgres.Database db, int first, int count, String status, String leaseUntil) throws Exception {
        List<String> phones = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement booking = c.prepareStatement("""
                    INSERT INTO orchestrator.booking (tenant_id, reservation_id, version, kind, cancelled, starts_at,
                        time_zone, guest_name, guest_phone, guest_locale, venue_name, party_size)
                    VALUES ('luigis', ?, 1, 'RESERVATION', false, now() + interval '30 minutes', 'Europe/Madrid',
                        'Ana', ?, 'en-GB', 'Luigi''s', 2)""");
                    PreparedStatement call = c.prepareStatement("""
                    INSERT INTO orchestrator.call (id, tenant_id, subject_type, subject_id, booking_version, status,
                        due_at, valid_until, lease_until)
                    VALUES (?, 'luigis', 'RESERVATION', ?, 1, ?, now() - interval '1 second',
                        now() + interval '25 minutes', """ + leaseUntil + ")")) {
                for (int i = first; i < first + count; i++) {
                    String reservation = "r-" + UUID.randomUUID();
                    String phone = String.format("+3460%07d", i * 10 + 1);
                    phones.add(phone);
                    booking.setString(1, reservation);
                    booking.setString(2, phone);
                    booking.addBatch();
                    call.setObject(1, UUID.randomUUID());
                    call.setString(2, reservation);
                    call.setString(3, status);
                    call.addBatch();
                }
                booking.executeBatch();
                call.executeBatch();
            }
            c.commit();
        }
        return phones;
    }

    /**
     * How often each of these numbers was dialed. The instances read the shared test broker's topics from the
     * beginning, so calls requested by other test classes may reach this fake too; only ours are counted.
     */
    private Map<String, Long> dialedOf(List<String> phones) {
        return eightByEight.requests().stream()
                .map(r -> r.body().replaceAll("(?s).*\"destination\":\"([^\"]+)\".*", "$1"))
                .filter(phones::contains)
                .collect(Collectors.groupingBy(phone -> phone, Collectors.counting()));
    }

    /** Statuses of the calls to these numbers. */
    private static Map<String, Long> statuses(TestPostgres.Database db, List<String> phones) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("""
                SELECT c.status, count(*) FROM orchestrator.call c
                JOIN orchestrator.booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
                WHERE b.guest_phone = ANY (?) GROUP BY c.status""")) {
            s.setArray(1, c.createArrayOf("text", phones.toArray()));
            Map<String, Long> counts = new java.util.HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        }
    }

    @Test
    void twoInstancesDialEachOfAThousandDueCallsExactlyOnce() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        start(db);
        List<String> phones = dueCalls(db, 0, 1000, "SCHEDULED", "NULL");
        start(db);

        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .until(() -> dialedOf(phones).size() >= 1000);
        Thread.sleep(2000);

        Map<String, Long> perPhone = dialedOf(phones);
        assertThat(perPhone.keySet()).containsExactlyInAnyOrderElementsOf(phones);
        assertThat(perPhone.values()).allMatch(n -> n == 1);
        assertThat(statuses(db, phones)).containsExactly(Map.entry("DIALING", 1000L));
    }

    @Test
    void anExpiredLeaseIsRecoveredButACallAlreadyMarkedDialingIsNeverDialedAgain() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        start(db);
        // Claimed by an instance that died before asking 8x8: the lease expired, the call is still SCHEDULED.
        List<String> claimedThenDied = dueCalls(db, 0, 5, "SCHEDULED", "now() - interval '1 second'");
        // Marked DIALING by an instance that died while asking 8x8: 8x8 may have placed it.
        List<String> diedWhileDialing = dueCalls(db, 100, 5, "DIALING", "now() - interval '1 second'");

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> dialedOf(claimedThenDied).size() >= 5);
        Thread.sleep(2000);

        List<String> ours = new ArrayList<>(claimedThenDied);
        ours.addAll(diedWhileDialing);
        Map<String, Long> perPhone = dialedOf(ours);
        assertThat(perPhone.keySet())
                .containsExactlyInAnyOrderElementsOf(claimedThenDied)
                .doesNotContainAnyElementsOf(diedWhileDialing);
        assertThat(perPhone.values()).allMatch(n -> n == 1);
    }
}
