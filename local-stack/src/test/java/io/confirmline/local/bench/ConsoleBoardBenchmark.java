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

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.Topics;
import io.confirmline.kafka.AvroSerdeSettings;
import io.confirmline.local.ConsoleSignIn;
import io.confirmline.local.DemoOwner;
import io.confirmline.local.LocalStack;
import io.confirmline.testing.BenchmarkMain;
import io.confirmline.testing.KafkaProcess;
import io.confirmline.testing.MachineCpu;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.ServiceProcess;
import io.confirmline.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Issue #16's "done when": 200 open boards, 200 status changes per second, p99 from the Kafka record to the
 * browser's event within 500 ms, and the console's memory.
 *
 * <p><b>What runs.</b> The owner console alone, in a JVM of its own as the local stack starts it (its settings from
 * {@link LocalStack#consoleSettings}), on a KRaft broker and the Apicurio registry in JVMs of their own and
 * PostgreSQL. The demo owner signs in {@code bench.sessions} times (each a session of its own; the boards share
 * them round-robin) and {@code bench.boards} Server-Sent Events streams are opened on {@code /live}, each as the
 * board's script opens it (JDK HTTP client, HTTP/1.1, the session cookie).
 *
 * <p><b>Load.</b> {@code BookingSnapshot} records on {@code bookings.v1}, paced at {@code bench.rate} a second for
 * {@code bench.seconds}, over {@code bench.bookings} bookings of the demo tenant due in the next hours, each record
 * the booking's next version with the next status (SCHEDULED, DIALING, CONFIRMED, ...). The guest's name carries
 * the record's sequence number ({@code Bench 1234}), which the board's event shows, so every event is matched to
 * the instant just before its record was handed to the producer.
 *
 * <p><b>Measured</b> at every board: record sent → event line read; events lost (a record whose event a board never
 * got). <b>Baseline, same run:</b> a plain {@code KafkaConsumer} in this JVM reading the same records (record sent →
 * record polled). The console's resident memory ({@code VmRSS} of its JVM) and heap (its {@code /actuator/prometheus})
 * at rest, with the boards open, and at the peak under load.
 *
 * <p>Run: {@code ./mvnw -q -pl local-stack exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.confirmline.local.bench.ConsoleBoardBenchmark} ({@code -Dbench.boards=200 -Dbench.rate=200
 * -Dbench.seconds=60}).
 */
public final class ConsoleBoardBenchmark {

    private static final Pattern SEQUENCE = Pattern.compile("Bench (\\d+)");
    private static final String[] STATUSES = {
        "SCHEDULED",
        "DIALING",
        "CONFIRMED",
        "SCHEDULED",
        "DIALING",
        "IN_PROGRESS",
        "CANCELLED_BY_GUEST",
        "SCHEDULED",
        "DIALING",
        "TEXTED"
    };

    private final int boards = Integer.getInteger("bench.boards", 200);
    private final int rate = Integer.getInteger("bench.rate", 200);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int warmUpSeconds = Integer.getInteger("bench.warmup", 10);
    private final int sessions = Integer.getInteger("bench.sessions", boards);
    private final int bookings = Integer.getInteger("bench.bookings", 1000);
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    /**
     * How the console's JVM runs: {@code production} (default) as the image runs it — the full JIT and the default
     * collector — with a 1 GiB heap; {@code test} as the local stack and the end-to-end tests start it (ServiceProcess:
     * C1 only, SerialGC, 384 MiB: quick to start, slower under load).
     */
    private final String jvm = System.getProperty("bench.jvm", PRODUCTION_JVM);

    private static final String PRODUCTION_JVM = "production";

    /** Send instants (System.nanoTime) by sequence number; warm-up records first. */
    private long[] sent;

    private final List<Board> open = new ArrayList<>();
    private long[] consumed;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Cores busy on average while the measured records were sent: the console's JVM, and this one (the boards). */
    private double consoleCpu;

    private double ownCpu;

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(() -> new ConsoleBoardBenchmark().run());
    }

    private void run() throws Exception {
        int warmUp = rate * warmUpSeconds;
        int total = warmUp + rate * seconds;
        sent = new long[total];
        consumed = new long[total];
        Path here = Path.of("").toAbsolutePath();
        Path repository = Files.isDirectory(here.resolve("owner-console")) ? here : here.getParent();
        // -Dbench.builds=DIR: the console's build copied there (owner-console/target/...), safe from a rebuild
        // meanwhile.
        Path builds = Path.of(System.getProperty("bench.builds", repository.toString()));
        TestPostgres.Database db = TestPostgres.freshDatabase();
        LocalStack.Ports ports = LocalStack.Ports.free();
        try (KafkaProcess kafka = KafkaProcess.start(ports.kafka())) {
            RegistryServer registry = RegistryServer.start(RegistryServer.locateZip(), ports.registry());
            Map<String, String> settings = LocalStack.consoleSettings(
                    kafka.bootstrapServers(),
                    registry.apiUrl(),
                    new LocalStack.Database(db.jdbcUrl(), db.r2dbcUrl(), db.username(), db.password()),
                    ports,
                    LocalStack.Timings.fast());
            Path logs = repository.resolve("local-stack/target/bench-logs");
            AutoCloseable console;
            String url = "http://127.0.0.1:" + ports.console();
            if (PRODUCTION_JVM.equals(jvm)) {
                console = productionJvm(builds.resolve("owner-console"), ports.console(), settings, logs);
            } else {
                ServiceProcess process = ServiceProcess.start(
                        "owner-console",
                        builds.resolve("owner-console"),
                        "io.confirmline.console.OwnerConsoleApplication",
                        ports.console(),
                        settings,
                        logs);
                process.awaitHealthy(Duration.ofMinutes(3));
                console = process;
            }
            try {
                measure(kafka.bootstrapServers(), registry.apiUrl(), url, warmUp, total);
            } finally {
                stopping.set(true);
                open.forEach(Board::close);
                console.close();
                registry.stop();
            }
        }
    }

    private void measure(String bootstrap, String registryUrl, String console, int warmUp, int total) throws Exception {
        long pid = consolePid(console);
        System.out.printf(Locale.ROOT, "Console up (pid %d). Demo owner: %s.%n", pid, new DemoOwner(console).ensure());
        ensureTopic(bootstrap);
        List<String> cookies = signIn(console);
        Thread baseline = startBaseline(bootstrap, registryUrl);
        Memory beforeBoards = Memory.of(pid, console);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        for (int i = 0; i < boards; i++) {
            open.add(new Board(http, console, cookies.get(i % cookies.size()), total));
        }
        CompletableFuture.allOf(open.stream().map(board -> board.connected).toArray(CompletableFuture[]::new))
                .get(2, java.util.concurrent.TimeUnit.MINUTES);
        System.out.printf(Locale.ROOT, "%d boards open on /live (%d sessions).%n", boards, cookies.size());
        Thread.sleep(3000);
        Memory atRest = Memory.of(pid, console);

        try (KafkaProducer<String, BookingSnapshot> producer = producer(bootstrap, registryUrl)) {
            publish(producer, 0, warmUp);
            Thread.sleep(5000);
            System.out.println("Warm-up done (" + warmUp + " records).");
            MemoryPeak peak = new MemoryPeak(pid, console);
            peak.start();
            long own = ProcessHandle.current().pid();
            double consoleCpuBefore = MachineCpu.processSeconds(pid).orElse(0);
            double ownCpuBefore = MachineCpu.processSeconds(own).orElse(0);
            long wallBefore = System.nanoTime();
            publish(producer, warmUp, total);
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            consoleCpu = (MachineCpu.processSeconds(pid).orElse(0) - consoleCpuBefore) / wall;
            ownCpu = (MachineCpu.processSeconds(own).orElse(0) - ownCpuBefore) / wall;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !allArrived(warmUp, total)) {
                Thread.sleep(200);
            }
            Thread.sleep(2000);
            peak.stopAndJoin();
            report(warmUp, total, beforeBoards, atRest, peak.peak);
        } finally {
            stopping.set(true);
            baseline.join(10_000);
        }
    }

    /** Sends records {@code from} (inclusive) to {@code to}, paced at the rate; each send's instant kept. */
    private void publish(KafkaProducer<String, BookingSnapshot> producer, int from, int to) {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        Instant startsAt = Instant.now().plus(Duration.ofHours(2));
        for (int seq = from; seq < to; seq++) {
            long due = start + (seq - from) * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int booking = seq % bookings;
            int version = seq / bookings + 1;
            BookingSnapshot snapshot = BookingSnapshot.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setOccurredAt(Instant.now())
                    .setTenantId(LocalStack.TENANT)
                    .setReservationId("bench-" + run + "-" + booking)
                    .setVersion(version)
                    .setKind("RESERVATION")
                    .setStartsAt(startsAt.plusSeconds(booking * 7L))
                    .setTimeZone("Europe/Madrid")
                    .setGuestName("Bench " + seq)
                    .setGuestPhone("+34600" + String.format(Locale.ROOT, "%06d", booking))
                    .setGuestLocale("es-ES")
                    .setVenueName("Demo venue")
                    .setPartySize(2)
                    .setStatus(STATUSES[(version - 1) % STATUSES.length])
                    .setAttempt(1)
                    .build();
            ProducerRecord<String, BookingSnapshot> record =
                    new ProducerRecord<>(Topics.BOOKINGS.name(), snapshot.getReservationId(), snapshot);
            sent[seq] = System.nanoTime();
            producer.send(record);
        }
        producer.flush();
    }

    private boolean allArrived(int from, int to) {
        for (Board board : open) {
            for (int seq = from; seq < to; seq++) {
                if (board.received[seq] == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private void report(int from, int to, Memory beforeBoards, Memory atRest, Memory peak) {
        int records = to - from;
        long[] boardLatencies = new long[records * boards];
        int n = 0;
        long lost = 0;
        java.util.SortedSet<Integer> lostRecords = new java.util.TreeSet<>();
        java.util.Set<Board> lostBoards = new java.util.HashSet<>();
        long superseded = 0;
        long duplicates = 0;
        for (Board board : open) {
            duplicates += board.duplicates.get();
            for (int seq = from; seq < to; seq++) {
                if (board.received[seq] == 0) {
                    // The row showed a newer version of the booking when its change was read (the board never shows a
                    // stale state, but this record's own event was never seen) - or nothing came at all.
                    boolean newer = false;
                    for (int later = seq + bookings; later < to && !newer; later += bookings) {
                        newer = board.received[later] != 0;
                    }
                    if (newer) {
                        superseded++;
                    } else {
                        lost++;
                        lostRecords.add(seq);
                        lostBoards.add(board);
                    }
                } else {
                    boardLatencies[n++] = board.received[seq] - sent[seq];
                }
            }
        }
        long[] baseline = new long[records];
        int m = 0;
        for (int seq = from; seq < to; seq++) {
            if (consumed[seq] != 0) {
                baseline[m++] = consumed[seq] - sent[seq];
            }
        }
        Stats board = Stats.of(Arrays.copyOf(boardLatencies, n));
        Stats plain = Stats.of(Arrays.copyOf(baseline, m));
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "%d boards, %d records at %d/s for %d s (after %d s warm-up), %d bookings, " + "console JVM: %s%n",
                boards,
                records,
                rate,
                seconds,
                warmUpSeconds,
                bookings,
                jvm);
        System.out.println("| path | events | superseded | lost | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.printf(
                Locale.ROOT,
                "| baseline: KafkaConsumer, record → poll | %d | – | %d | %s |%n",
                m,
                records - m,
                plain.row());
        System.out.printf(
                Locale.ROOT,
                "| console: record → board's SSE event (%d boards) | %d | %d | %d | %s |%n",
                boards,
                n,
                superseded,
                lost,
                board.row());
        System.out.printf(
                Locale.ROOT,
                "ratio console/baseline: p50 %.1f, p99 %.1f; duplicate events %d%n",
                board.p50 / plain.p50,
                board.p99 / plain.p99,
                duplicates);
        if (lost > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "lost: %d records at %d boards, e.g. %s%n",
                    lostRecords.size(),
                    lostBoards.size(),
                    lostRecords.stream().limit(10).toList());
        }
        System.out.printf(
                Locale.ROOT,
                "cores busy while measured: console %.2f, load generator and its %d boards %.2f " + "(of %d)%n",
                consoleCpu,
                boards,
                ownCpu,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| console memory | RSS MiB | heap used MiB |");
        System.out.println("|---|---|---|");
        System.out.println("| started, no board open | " + beforeBoards.row() + " |");
        System.out.println("| " + boards + " boards open, at rest | " + atRest.row() + " |");
        System.out.println("| peak under load | " + peak.row() + " |");
    }

    private List<String> signIn(String console) {
        List<String> cookies = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            Optional<String> cookie = new ConsoleSignIn(console).signIn(DemoOwner.EMAIL, DemoOwner.PASSWORD);
            cookies.add(cookie.orElseThrow(() -> new IllegalStateException("The demo owner could not sign in")));
        }
        System.out.printf(
                Locale.ROOT, "%d sessions signed in in %.1f s.%n", sessions, (System.nanoTime() - start) / 1e9);
        return cookies;
    }

    /** A plain consumer of bookings.v1 from its end: when each record of this run is polled. */
    private Thread startBaseline(String bootstrap, String registryUrl) throws InterruptedException {
        Map<String, Object> config = AvroSerdeSettings.consumer(registryUrl);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + run);
        CompletableFuture<Void> assigned = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
                        List<TopicPartition> partitions = consumer.partitionsFor(Topics.BOOKINGS.name()).stream()
                                .map(p -> new TopicPartition(p.topic(), p.partition()))
                                .toList();
                        consumer.assign(partitions);
                        consumer.seekToEnd(partitions);
                        partitions.forEach(consumer::position);
                        assigned.complete(null);
                        while (!stopping.get()) {
                            for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(100))) {
                                long now = System.nanoTime();
                                if (record.value() instanceof BookingSnapshot snapshot) {
                                    Matcher seq = SEQUENCE.matcher(String.valueOf(snapshot.getGuestName()));
                                    if (seq.matches()
                                            && snapshot.getReservationId().startsWith("bench-" + run)) {
                                        consumed[Integer.parseInt(seq.group(1))] = now;
                                    }
                                }
                            }
                        }
                    } catch (RuntimeException e) {
                        assigned.completeExceptionally(e);
                        throw e;
                    }
                },
                "baseline-consumer");
        thread.start();
        try {
            assigned.get(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The baseline consumer did not start", e);
        }
        return thread;
    }

    private static KafkaProducer<String, BookingSnapshot> producer(String bootstrap, String registryUrl) {
        Map<String, Object> config = AvroSerdeSettings.producer(registryUrl, true);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config);
    }

    /** bookings.v1 as the contract has it (compacted, its partitions), if the console has not made it yet. */
    private static void ensureTopic(String bootstrap) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics().names().get().contains(Topics.BOOKINGS.name())) {
                admin.createTopics(List.of(new NewTopic(Topics.BOOKINGS.name(), Topics.BOOKINGS.partitions(), (short) 1)
                                .configs(
                                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all()
                        .get();
            }
        }
    }

    /** The console's JVM: the descendant of this one started with its main class and port. */
    private static long consolePid(String console) {
        String port = "--server.port=" + URI.create(console).getPort();
        return ProcessHandle.current()
                .descendants()
                .filter(p -> {
                    String command = commandLine(p.pid());
                    // The JVM itself, not the watchdog shell whose script holds the same command line.
                    return !command.startsWith("sh ")
                            && command.contains("OwnerConsoleApplication")
                            && command.contains(port);
                })
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No console JVM found"))
                .pid();
    }

    /** The console in a JVM of its own with production's JIT and collector; closing it ends the JVM. */
    private static AutoCloseable productionJvm(Path module, int port, Map<String, String> settings, Path logs)
            throws Exception {
        String classpath = module.resolve("target/classes")
                + java.io.File.pathSeparator
                + Files.readString(module.resolve("target/runtime-classpath.txt"))
                        .trim();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                classpath,
                "io.confirmline.console.OwnerConsoleApplication",
                "--server.port=" + port));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(logs);
        Process process = new ProcessBuilder(command)
                .directory(module.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("owner-console.log").toFile())
                .start();
        Thread reaper = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(reaper);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The console exited during start-up; see " + logs.resolve("owner-console.log"));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("The console was not healthy within 3 minutes");
            }
            Thread.sleep(500);
        }
        return () -> {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        };
    }

    /** The whole command line (ProcessHandle.Info cuts a long one, and the console's class path is long). */
    private static String commandLine(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                            java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** One open board: a /live stream, and when each record's event arrived. */
    private final class Board implements Flow.Subscriber<String> {

        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final long[] received;
        final AtomicInteger duplicates = new AtomicInteger();
        private Flow.Subscription subscription;

        Board(HttpClient http, String console, String cookie, int total) {
            this.received = new long[total];
            HttpRequest request = HttpRequest.newBuilder(URI.create(console + "/live"))
                    .header("Accept", "text/event-stream")
                    .header("Cookie", ConsoleSignIn.SESSION_COOKIE + "=" + cookie)
                    .GET()
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(this))
                    .whenComplete((response, failure) -> {
                        if (!stopping.get()) {
                            System.out.println("A board's stream ended: "
                                    + (failure != null ? failure : "status " + response.statusCode()));
                        }
                        connected.completeExceptionally(new IllegalStateException("stream ended before it opened"));
                    });
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
            connected.complete(null);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (!line.startsWith("data:")) {
                return;
            }
            Matcher seq = SEQUENCE.matcher(line);
            while (seq.find()) {
                int i = Integer.parseInt(seq.group(1));
                if (i < received.length) {
                    if (received[i] == 0) {
                        received[i] = now;
                    } else {
                        duplicates.incrementAndGet();
                    }
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}

        void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /** Latency figures in milliseconds. */
    private record Stats(double p50, double p95, double p99, double max) {

        static Stats of(long[] nanos) {
            if (nanos.length == 0) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            Arrays.sort(nanos);
            return new Stats(at(nanos, 0.50), at(nanos, 0.95), at(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
        }

        private static double at(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }

        String row() {
            return String.format(Locale.ROOT, "%.1f | %.1f | %.1f | %.1f", p50, p95, p99, max);
        }
    }

    /** The console JVM's resident memory and used heap. */
    private record Memory(long rssKib, double heapMib) {

        static Memory of(long pid, String console) {
            return new Memory(rss(pid), heap(console));
        }

        static long rss(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
            return -1;
        }

        static double heap(String console) {
            try {
                HttpResponse<String> metrics = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(console + "/actuator/prometheus"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                double bytes = 0;
                for (String line : metrics.body().split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                return bytes / (1024 * 1024);
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
        }

        String row() {
            return String.format(Locale.ROOT, "%.0f | %.0f", rssKib / 1024.0, heapMib);
        }
    }

    /** Samples the console's memory every second while the load runs; keeps the highest RSS and heap. */
    private static final class MemoryPeak extends Thread {

        private final long pid;
        private final String console;
        private final AtomicBoolean done = new AtomicBoolean();
        volatile Memory peak = new Memory(0, 0);

        MemoryPeak(long pid, String console) {
            super("memory-peak");
            this.pid = pid;
            this.console = console;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!done.get()) {
                Memory now = Memory.of(pid, console);
                peak = new Memory(Math.max(peak.rssKib(), now.rssKib()), Math.max(peak.heapMib(), now.heapMib()));
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }

        void stopAndJoin() throws InterruptedException {
            done.set(true);
            join(5000);
        }
    }
}
