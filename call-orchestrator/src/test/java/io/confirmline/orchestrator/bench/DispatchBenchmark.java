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
package io.confirmline.orchestrator.bench;

import io.confirmline.callflow.Callflows;
import io.confirmline.callflow.CaptureSettings;
import io.confirmline.orchestrator.CallOrchestratorApplication;
import io.confirmline.orchestrator.TestTenant;
import io.confirmline.orchestrator.dialing.FakeEightByEight;
import io.confirmline.testing.BenchmarkMain;
import io.confirmline.testing.KafkaProcess;
import io.confirmline.testing.LatencyPlots;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * The dialer under a full schedule (docs/benchmarks.md): 100,000 scheduled bookings in PostgreSQL, of which 5,000
 * come due spread across one minute, then 5,000 more all at the same instant (every 20:30 booking of a busy
 * Friday), the other 90,000 days away. The real orchestrator (its production configuration, rate limits off)
 * places them against a local server speaking 8x8's Send Callflow. Dispatch lag is from a call's due time to
 * the server receiving its request. The baseline, in the same run, is the same 5,000 request bodies POSTed
 * straight to the same server with the dialer's concurrency: what the HTTP exchange alone costs.
 *
 * <p>Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl call-orchestrator exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.confirmline.orchestrator.bench.DispatchBenchmark}
 */
public final class DispatchBenchmark {

    private static final int BOOKINGS = Integer.getInteger("bench.bookings", 100_000);
    private static final int DUE_IN_ONE_MINUTE = Integer.getInteger("bench.due", 5_000);
    private static final int WARM_UP = 500;
    private static final int BASELINE_CONCURRENCY = 8;
    private static final Pattern DESTINATION = Pattern.compile("\"destination\":\"\\+346(\\d{8})\"");

    private DispatchBenchmark() {}

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(DispatchBenchmark::run);
    }

    /** {@code samples}: each call's lag against when its request arrived, from the phase's first due time. */
    record Phase(
            String name,
            int calls,
            Histogram lag,
            double placementsPerSecond,
            int dialedTwice,
            List<LatencyPlots.Sample> samples) {}

    private static void run() throws Exception {
        KafkaProcess broker = KafkaProcess.start();
        FakeEightByEight eightByEight = new FakeEightByEight();
        TestPostgres.Database db = TestPostgres.freshDatabase();
        List<String> properties = List.of(
                "server.port=0",
                "spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "confirmline.kafka.registry-url=" + RegistryServer.shared().apiUrl(),
                "spring.r2dbc.url=" + db.r2dbcUrl(),
                "spring.r2dbc.username=" + db.username(),
                "spring.r2dbc.password=" + db.password(),
                "spring.flyway.url=" + db.jdbcUrl(),
                "spring.flyway.user=" + db.username(),
                "spring.flyway.password=" + db.password(),
                "confirmline.dialing.base-url=" + eightByEight.url(),
                "confirmline.tenants[0].id=luigis",
                "confirmline.tenants[0].subaccount-id=luigis_voice",
                "confirmline.tenants[0].api-key=bench-8x8-key",
                "confirmline.tenants[0].platform-api-key=" + TestTenant.PLATFORM_KEY,
                "confirmline.tenants[0].caller-id=+34910000000",
                "confirmline.tenants[0].calling-opens=00:00",
                "confirmline.tenants[0].calling-closes=23:59:59",
                "confirmline.tenants[0].voices.es=es-ES-Standard-A",
                "logging.level.root=WARN",
                "logging.level.io.confirmline=WARN");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CallOrchestratorApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        try (Connection sql = db.connect()) {
            sql.setAutoCommit(true);
            Instant loaded = Instant.now();
            // Numbers 1..500 warm up (due now); 1,001..6,000 are due spread across one minute; 10,001..15,000 all at
            // one instant two minutes later; the rest are days away and must not be dialed.
            Instant warmUpDue = loaded;
            insert(sql, 1, WARM_UP, warmUpDue, Duration.ZERO);
            Instant spreadStart = loaded.plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
            insert(sql, 1_001, DUE_IN_ONE_MINUTE, spreadStart, Duration.ofMinutes(1));
            Instant burstAt = spreadStart.plus(Duration.ofMinutes(2));
            insert(sql, 10_001, DUE_IN_ONE_MINUTE, burstAt, Duration.ZERO);
            int farAway = BOOKINGS - 2 * DUE_IN_ONE_MINUTE;
            insertFarAway(sql, 100_001, farAway, loaded.plus(Duration.ofHours(2)));
            try (Statement st = sql.createStatement();
                    ResultSet r = st.executeQuery(
                            "SELECT count(*) FROM orchestrator.call WHERE status = 'SCHEDULED' OR status = 'DIALING'")) {
                r.next();
                System.out.printf(
                        Locale.ROOT,
                        "Loaded %d scheduled calls in %d s%n",
                        r.getLong(1),
                        Duration.between(loaded, Instant.now()).toSeconds());
            }
            await(eightByEight, 1, WARM_UP, Duration.ofMinutes(2));

            Phase baseline = baseline(eightByEight);
            Phase spread = measure(
                    eightByEight,
                    "orchestrator: 5,000 due spread across one minute",
                    1_001,
                    DUE_IN_ONE_MINUTE,
                    spreadStart,
                    Duration.ofMinutes(1));
            Phase burst = measure(
                    eightByEight,
                    "orchestrator: 5,000 due at the same instant",
                    10_001,
                    DUE_IN_ONE_MINUTE,
                    burstAt,
                    Duration.ZERO);
            long farDialed = eightByEight.requests().stream()
                    .filter(r -> number(r.body()) > 100_000)
                    .count();

            System.out.println();
            System.out.println("| run | calls | p50 lag ms | p99 lag ms | max lag ms | placements/s | dialed twice |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Phase p : List.of(baseline, spread, burst)) {
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %s | %s | %s | %.0f | %s |%n",
                        p.name(),
                        p.calls(),
                        p.lag() == null ? "–" : ms(p.lag().getValueAtPercentile(50)),
                        p.lag() == null ? "–" : ms(p.lag().getValueAtPercentile(99)),
                        p.lag() == null ? "–" : ms(p.lag().getMaxValue()),
                        p.placementsPerSecond(),
                        p.lag() == null ? "–" : Integer.toString(p.dialedTwice()));
            }
            System.out.printf(
                    Locale.ROOT,
                    "%nBurst placements/s vs direct POSTs/s: %.0f / %.0f = %.2f%n",
                    burst.placementsPerSecond(),
                    baseline.placementsPerSecond(),
                    burst.placementsPerSecond() / baseline.placementsPerSecond());
            System.out.printf(Locale.ROOT, "Calls days away that were dialed: %d (of %d)%n", farDialed, farAway);
            LinkedHashMap<String, List<LatencyPlots.Sample>> series = new LinkedHashMap<>();
            series.put("5,000 due across one minute", spread.samples());
            series.put("5,000 due at one instant", burst.samples());
            LatencyPlots.write("dispatch", "Dispatch lag: due time to Send Callflow request", series);
        } finally {
            app.close();
            eightByEight.close();
            broker.close();
        }
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** Bookings {@code first..first+count-1}, their calls due from {@code due} spread evenly over {@code across}. */
    private static void insert(Connection sql, int first, int count, Instant due, Duration across) throws Exception {
        insert(sql, first, count, due, across.toNanos() / 1000 / count);
    }

    /** Bookings days away: one due every five seconds from {@code from}. */
    private static void insertFarAway(Connection sql, int first, int count, Instant from) throws Exception {
        insert(sql, first, count, from, Duration.ofSeconds(5).toNanos() / 1000);
    }

    private static void insert(Connection sql, int first, int count, Instant due, long stepMicros) throws Exception {
        try (PreparedStatement st = sql.prepareStatement(BOOKINGS_AND_CALLS)) {
            st.setInt(1, first);
            st.setInt(2, first + count - 1);
            st.setTimestamp(3, Timestamp.from(due));
            st.setInt(4, first);
            st.setLong(5, stepMicros);
            st.execute();
        }
    }

    /** One booking and its SCHEDULED call per number n, as the intake would have written them. */
    private static final String BOOKINGS_AND_CALLS = """
                WITH numbers AS (SELECT n FROM generate_series(?, ?) AS n),
                due AS (SELECT n, ?::timestamptz + (n - ?) * ? * interval '1 microsecond' AS due_at FROM numbers),
                bookings AS (
                    INSERT INTO orchestrator.booking (tenant_id, reservation_id, version, kind, cancelled, starts_at,
                        time_zone, guest_name, guest_phone, guest_locale, venue_name, party_size)
                    SELECT 'luigis', 'bench-' || n, 1, 'RESERVATION', false, due_at + interval '30 minutes',
                           'Europe/Madrid', 'Guest ' || n, '+346' || lpad(n::text, 8, '0'), 'es-ES', 'Luigi''s', 2
                    FROM due RETURNING 1)
                INSERT INTO orchestrator.call (id, tenant_id, subject_type, subject_id, booking_version, status, due_at,
                    valid_until)
                SELECT gen_random_uuid(), 'luigis', 'RESERVATION', 'bench-' || n, 1, 'SCHEDULED', due_at,
                       due_at + interval '25 minutes'
                FROM due""";

    private static int number(String body) {
        Matcher m = DESTINATION.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * Waits until every number in the range has been dialed. Only the requests that arrived since the last look are
     * read (each body's number parsed once): re-reading every request so far at each look took a tenth of the
     * machine during the burst, CPU the orchestrator then lacked and the direct-POST baseline never paid.
     */
    private static Map<Integer, List<FakeEightByEight.Request>> await(
            FakeEightByEight eightByEight, int first, int count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        Map<Integer, List<FakeEightByEight.Request>> dialed = new HashMap<>();
        int read = 0;
        while (true) {
            List<FakeEightByEight.Request> arrived = eightByEight.requestsAfter(read);
            read += arrived.size();
            for (FakeEightByEight.Request r : arrived) {
                int n = number(r.body());
                if (n >= first && n < first + count) {
                    dialed.computeIfAbsent(n, k -> new java.util.ArrayList<>()).add(r);
                }
            }
            if (dialed.size() == count) {
                return dialed;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + dialed.size() + " of " + count + " calls from " + first
                        + " were dialed within " + atMost);
            }
            Thread.sleep(200);
        }
    }

    private static Phase measure(
            FakeEightByEight eightByEight, String name, int first, int count, Instant due, Duration across)
            throws InterruptedException {
        Map<Integer, List<FakeEightByEight.Request>> dialed = await(
                eightByEight,
                first,
                count,
                Duration.between(Instant.now(), due).plus(across).plus(Duration.ofMinutes(5)));
        Histogram lag = new Histogram(Duration.ofMinutes(10).toNanos(), 3);
        Instant last = Instant.MIN;
        int twice = 0;
        List<LatencyPlots.Sample> samples = new java.util.ArrayList<>(count);
        for (Map.Entry<Integer, List<FakeEightByEight.Request>> e : dialed.entrySet()) {
            int index = e.getKey() - first;
            Instant dueAt = due.plusNanos(across.toNanos() / count * index);
            Instant at = e.getValue().get(0).at();
            long nanos = Math.max(0, Duration.between(dueAt, at).toNanos());
            lag.recordValue(nanos);
            samples.add(new LatencyPlots.Sample(Duration.between(due, at).toNanos() / 1e9, nanos / 1e6));
            last = at.isAfter(last) ? at : last;
            twice += e.getValue().size() > 1 ? 1 : 0;
        }
        double seconds = Duration.between(due, last).toNanos() / 1e9;
        samples.sort(java.util.Comparator.comparingDouble(LatencyPlots.Sample::secondsFromStart));
        return new Phase(name, count, lag, count / seconds, twice, samples);
    }

    /** The same request bodies POSTed straight to the server, as many at a time as the dialer sends. */
    private static Phase baseline(FakeEightByEight eightByEight) {
        WebClient client = WebClient.builder().baseUrl(eightByEight.url()).build();
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < DUE_IN_ONE_MINUTE; i++) {
            String phone = "+347" + String.format(Locale.ROOT, "%08d", i);
            bodies.add(Callflows.confirmationCall(
                    "+34910000000",
                    phone,
                    "Hola Guest " + i + ", le llamamos de Luigi's "
                            + "para confirmar su reserva para 2 personas hoy a las 20:30. Pulse 1 para confirmar o 0 para cancelar.",
                    "es-ES-Standard-A",
                    CaptureSettings.DEFAULT,
                    Instant.now().plusSeconds(600),
                    "baseline-" + i));
        }
        long start = System.nanoTime();
        Flux.fromIterable(bodies)
                .flatMap(
                        body -> client.post()
                                .uri("/api/v1/subaccounts/luigis_voice/callflows")
                                .header("Authorization", "Bearer bench-8x8-key")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchangeToMono(response -> response.releaseBody()),
                        BASELINE_CONCURRENCY)
                .blockLast(Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase(
                "baseline: direct POSTs, " + BASELINE_CONCURRENCY + " at a time",
                DUE_IN_ONE_MINUTE,
                null,
                DUE_IN_ONE_MINUTE / seconds,
                0,
                List.of());
    }
}
