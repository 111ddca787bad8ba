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

import io.confirmline.local.LocalStack;
import io.confirmline.local.PlatformClient;
import io.confirmline.testing.BenchmarkMain;
import io.confirmline.testing.LatencyPlots;
import io.confirmline.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #18 items 4 and 5: the whole suite as {@code ./run-local} runs it (every application in its own JVM, a real
 * broker, registry and PostgreSQL), the 8x8 sandbox in fast mode (speech and reaction times zero: every call is
 * answered after its ring — none unless {@code bench.ring} says — and the guest presses 1 at once), bookings published
 * so that calls fall due at a steady rate. The rate is stepped ({@code bench.rates}, {@code bench.seconds} each) until
 * a step is not sustained: its due → Send Callflow lag or its key press → platform lag grew over the step (median of
 * the last 10 s more than 250 ms above the first 10 s), or not every booking was confirmed within a minute of its last
 * due time.
 *
 * <p>Measured per call, all on this host's clock: (a) key press → platform: from the 8x8 sandbox's "pressed 1"
 * (taken just before the VCA request leaves it) to the platform sandbox's receipt of {@code reservation.confirmed};
 * (b) due → dial: from the call's due time (start − the 30-minute lead time) to the Send Callflow request arriving at
 * the sandbox ({@code placedAt}); (a) is also split into its hops ({@link KeyPressHops}). Baseline: an HTTP round trip
 * from this JVM to the platform sandbox, 10 per second during each step — the floor any hop pays. The resident memory
 * (VmRSS, VmHWM) of every JVM is read after start, after 30 s idle, and at the end.
 *
 * <p>With no ring the guest presses 1 the moment 8x8 has answered Send Callflow, before the orchestrator's record of
 * the session (written once that answer is back, then relayed) can have reached the ingress: the key press waits there
 * for it, and (a) includes the end of the dial. {@code bench.ring} (seconds, e.g. {@code 1}; a real phone rings for
 * longer) lets the session arrive first, as on a real call, so that (a) is the key press's own path.
 *
 * <p>Run: {@code ./mvnw -q -o -pl local-stack exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.confirmline.local.bench.WholeSuiteBenchmark} ({@code -Dbench.rates=25,50,75,100
 * -Dbench.seconds=60 -Dbench.ring=0}).
 */
public final class WholeSuiteBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long before its due time a booking is published: the orchestrator must have it scheduled by then. */
    private static final Duration PUBLISH_AHEAD = Duration.ofSeconds(8);

    private static final Duration LEAD_TIME = Duration.ofMinutes(30);
    private static final Map<String, String> MAIN_CLASSES = Map.of(
            "webhook-ingress", "io.confirmline.ingress.WebhookIngressApplication",
            "call-orchestrator", "io.confirmline.orchestrator.CallOrchestratorApplication",
            "platform-notifier", "io.confirmline.notifier.PlatformNotifierApplication",
            "owner-console", "io.confirmline.console.OwnerConsoleApplication",
            "eightbyeight-sandbox", "io.confirmline.sandbox.eightbyeight.EightByEightSandboxApplication",
            "platform-sandbox", "io.confirmline.sandbox.platform.PlatformSandboxApplication",
            "kafka broker", "kafka.Kafka");

    private final List<Integer> rates = java.util.Arrays.stream(
                    System.getProperty("bench.rates", "25,50,75,100").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final Duration ring = ringTime(System.getProperty("bench.ring", "0"));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ExecutorService publishers = Executors.newFixedThreadPool(4);
    private final ServiceMemory memory = new ServiceMemory();
    private LocalStack stack;
    private TestPostgres.Database db;
    private PlatformClient platform;
    private int runCode = 10;

    /** One step's measurements. */
    record Step(
            int rate,
            int bookings,
            boolean sustained,
            String why,
            List<LatencyPlots.Sample> keyToPlatform,
            List<LatencyPlots.Sample> dueToDial,
            List<LatencyPlots.Sample> baseline,
            Duration confirmedWithin,
            Map<String, List<Double>> hops) {}

    /** {@code bench.ring}: seconds, a number such as {@code 1} or {@code 0.5}. */
    private static Duration ringTime(String seconds) {
        try {
            double value = Double.parseDouble(seconds.trim());
            if (value < 0 || value > 60) {
                throw new NumberFormatException("out of range");
            }
            return Duration.ofMillis(Math.round(value * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "bench.ring must be a number of seconds from 0 to 60, such as 1 or 0.5, not '" + seconds + "'");
        }
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(() -> new WholeSuiteBenchmark().run());
    }

    private void run() throws Exception {
        db = TestPostgres.freshDatabase();
        LocalStack.Timings fast = LocalStack.Timings.fast();
        // The sandbox's fast mode: no speech, no reaction time, no ring unless bench.ring says; every webhook once.
        LocalStack.Timings timings = new LocalStack.Timings(
                ring,
                Duration.ZERO,
                Duration.ZERO,
                fast.retryDelay(),
                fast.keyWait(),
                fast.summaryTimeout(),
                fast.notifierRetrySchedule(),
                fast.breakerOpenFor(),
                false,
                fast.dialTimeout());
        Path here = Path.of("").toAbsolutePath();
        Path repository = java.nio.file.Files.isDirectory(here.resolve("call-orchestrator")) ? here : here.getParent();
        Instant starting = Instant.now();
        stack = LocalStack.start(
                repository,
                LocalStack.Ports.free(),
                timings,
                new LocalStack.Database(db.jdbcUrl(), db.r2dbcUrl(), db.username(), db.password()),
                repository.resolve("local-stack/target/bench-logs"));
        try {
            System.out.printf(
                    Locale.ROOT,
                    "Stack up in %.1f s.%n",
                    Duration.between(starting, Instant.now()).toMillis() / 1e3);
            MAIN_CLASSES.forEach(memory::track);
            platform = new PlatformClient(stack.url("platform-sandbox"), stack.url("call-orchestrator"));
            platform.awaitBookingsFlow(Duration.ofMinutes(2));
            Map<String, Double> restStart = memory.cpuSeconds();
            Thread.sleep(30_000);
            // What the stack costs doing nothing (polling loops, consumers' fetches, heartbeats, metrics): the
            // floor every step pays on top of the calls.
            System.out.println("  CPU seconds in 30 s at rest:" + spent(restStart, memory.cpuSeconds(), "%.2f"));
            Map<String, ServiceMemory.Rss> atRest = memory.read();
            step(20, 10); // warm-up, unmeasured
            List<Step> steps = new ArrayList<>();
            for (int rate : rates) {
                Step step = step(rate, seconds);
                steps.add(step);
                print(step);
                if (!step.sustained()) {
                    break;
                }
            }
            report(steps, atRest, memory.read());
            TableUpkeep.print(db);
        } finally {
            stack.close();
            publishers.shutdownNow();
        }
    }

    private Step step(int rate, int stepSeconds) throws Exception {
        Map<String, Double> cpuBefore = memory.cpuSeconds();
        double benchCpuBefore = benchCpu();
        Instant stepStart = Instant.now();
        return measuredStep(rate, stepSeconds, () -> {
            double wall = Duration.between(stepStart, Instant.now()).toMillis() / 1e3;
            System.out.printf(
                    Locale.ROOT,
                    "  CPU seconds in the %d calls/s step (%.0f s wall, 2 cores = %.0f CPU s):%s this benchmark JVM"
                            + " %.1f%n",
                    rate,
                    wall,
                    2 * wall,
                    spent(cpuBefore, memory.cpuSeconds(), "%.1f"),
                    benchCpu() - benchCpuBefore);
        });
    }

    /** Each tracked process's CPU seconds between two readings, as " name seconds;" items. */
    private static String spent(Map<String, Double> before, Map<String, Double> after, String secondsFormat) {
        StringBuilder out = new StringBuilder();
        after.forEach((name, seconds) -> out.append(String.format(
                Locale.ROOT, " %s " + secondsFormat + ";", name, seconds - before.getOrDefault(name, 0.0))));
        return out.toString();
    }

    private static double benchCpu() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(d -> d.toMillis() / 1e3)
                .orElse(0.0);
    }

    /** Runs a step; {@code accountCpu} when its calls are done, before the hops are read (that is this JVM's work). */
    private Step measuredStep(int rate, int stepSeconds, Runnable accountCpu) throws Exception {
        int code = runCode++;
        int n = rate * stepSeconds;
        long intervalNanos = 1_000_000_000L / rate;
        Instant first = Instant.now().plus(PUBLISH_AHEAD).plusSeconds(2);
        Map<String, Instant> due = new LinkedHashMap<>(); // phone → due time
        Map<String, String> ids = new HashMap<>(); // reservationId → phone
        List<Future<?>> published = new ArrayList<>();
        List<LatencyPlots.Sample> baseline = new ArrayList<>();
        long nextProbe = 0;
        for (int i = 0; i < n; i++) {
            Instant dueAt = first.plusNanos(i * intervalNanos);
            String phone = String.format(Locale.ROOT, "+346%02d%05d1", code, i);
            String id = "bench-e2e-" + UUID.randomUUID();
            due.put(phone, dueAt);
            ids.put(id, phone);
            Instant publishAt = dueAt.minus(PUBLISH_AHEAD);
            while (Instant.now().isBefore(publishAt)) {
                if (System.nanoTime() >= nextProbe) {
                    nextProbe = System.nanoTime() + 100_000_000L;
                    baseline.add(probe(first));
                } else {
                    Thread.sleep(0, 200_000);
                }
            }
            published.add(publishers.submit(
                    () -> platform.publishReservation(id, "CREATED", 1, dueAt.plus(LEAD_TIME), phone, false)));
        }
        for (Future<?> f : published) {
            f.get();
        }
        Instant last = first.plusNanos((n - 1) * intervalNanos);
        while (Instant.now().isBefore(last)) {
            baseline.add(probe(first));
            Thread.sleep(100);
        }
        Map<String, Instant> confirmed = awaitConfirmed(ids.keySet(), Duration.ofSeconds(60));
        Duration confirmedWithin = Duration.between(last, Instant.now());
        Map<String, Instant[]> calls = calls(code);
        http.send(
                HttpRequest.newBuilder(URI.create(stack.url("platform-sandbox") + "/received"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        List<LatencyPlots.Sample> keys = new ArrayList<>();
        List<LatencyPlots.Sample> dial = new ArrayList<>();
        Map<String, Instant> pressed = new HashMap<>();
        for (Map.Entry<String, String> booking : ids.entrySet()) {
            String phone = booking.getValue();
            Instant[] call = calls.get(phone);
            double at = Duration.between(first, due.get(phone)).toNanos() / 1e9;
            if (call != null && call[1] != null) {
                pressed.put(booking.getKey(), call[1]);
            }
            if (call != null) {
                dial.add(new LatencyPlots.Sample(
                        at, Duration.between(due.get(phone), call[0]).toNanos() / 1e6));
                Instant done = confirmed.get(booking.getKey());
                if (call[1] != null && done != null) {
                    keys.add(new LatencyPlots.Sample(
                            at, Duration.between(call[1], done).toNanos() / 1e6));
                }
            }
        }
        keys.sort(java.util.Comparator.comparingDouble(LatencyPlots.Sample::secondsFromStart));
        dial.sort(java.util.Comparator.comparingDouble(LatencyPlots.Sample::secondsFromStart));
        String why = "";
        boolean sustained = true;
        if (confirmed.size() < n) {
            sustained = false;
            why = confirmed.size() + " of " + n + " confirmed within 60 s of the last due time";
        } else {
            // A backlog shows as a lag that grows over the step, whether the dialer or the key presses fall behind.
            String grew = dial.size() == n ? growth("due→dial lag", dial, stepSeconds) : "";
            if (grew.isEmpty()) {
                grew = growth("key press → platform", keys, stepSeconds);
            }
            if (!grew.isEmpty()) {
                sustained = false;
                why = grew;
            }
        }
        accountCpu.run();
        return new Step(
                rate,
                n,
                sustained,
                why,
                keys,
                dial,
                baseline,
                confirmedWithin,
                KeyPressHops.measure(db, stack.kafkaBootstrap(), pressed, confirmed));
    }

    /** Why a lag grew over the step (its median in the last 10 s more than 250 ms above the first 10 s); else "". */
    private static String growth(String name, List<LatencyPlots.Sample> samples, int stepSeconds) {
        if (samples.isEmpty()) {
            return "";
        }
        double early = median(samples, 0, 10);
        double late = median(samples, stepSeconds - 10, stepSeconds);
        return late > early + 250
                ? String.format(
                        Locale.ROOT,
                        "%s grew: median %.0f ms in the first 10 s, %.0f ms in the last",
                        name,
                        early,
                        late)
                : "";
    }

    private LatencyPlots.Sample probe(Instant first) throws Exception {
        long start = System.nanoTime();
        http.send(
                HttpRequest.newBuilder(URI.create(stack.url("platform-sandbox") + "/actuator/health"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return new LatencyPlots.Sample(
                Duration.between(first, Instant.now()).toNanos() / 1e9, (System.nanoTime() - start) / 1e6);
    }

    private Map<String, Instant> awaitConfirmed(java.util.Set<String> ids, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Map<String, Instant> at = new HashMap<>();
            for (PlatformClient.Received r : platform.received()) {
                if ("CONFIRMED".equals(r.status()) && ids.contains(r.subjectId()) && !r.completion()) {
                    at.putIfAbsent(r.subjectId(), r.receivedAt());
                }
            }
            if (at.size() == ids.size() || Instant.now().isAfter(deadline)) {
                return at;
            }
            Thread.sleep(2000);
        }
    }

    /** Per destination of this step: when Send Callflow arrived at the sandbox, and when the guest pressed 1. */
    private Map<String, Instant[]> calls(int code) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(stack.url("eightbyeight-sandbox") + "/sandbox/calls"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String prefix = String.format(Locale.ROOT, "+346%02d", code);
        Map<String, Instant[]> out = new HashMap<>();
        for (JsonNode call : JSON.readTree(response.body())) {
            String destination = call.path("destination").asString();
            if (!destination.startsWith(prefix)
                    || out.containsKey(destination)
                    || call.path("placedAt").isNull()) {
                continue;
            }
            Instant pressed = null;
            for (JsonNode event : call.path("events")) {
                String text = event.asString();
                if (text.contains(" pressed 1")) {
                    pressed = Instant.parse(text.substring(0, text.indexOf(' ')));
                    break;
                }
            }
            JsonNode placed = call.path("placedAt");
            Instant placedAt = placed.isNumber()
                    ? Instant.ofEpochMilli(Math.round(placed.asDouble() * 1000))
                    : Instant.parse(placed.asString());
            out.put(destination, new Instant[] {placedAt, pressed});
        }
        return out;
    }

    private static double median(List<LatencyPlots.Sample> samples, double from, double to) {
        List<Double> values = samples.stream()
                .filter(s -> s.secondsFromStart() >= from && s.secondsFromStart() < to)
                .map(LatencyPlots.Sample::latencyMillis)
                .toList();
        return values.isEmpty() ? 0 : percentile(values, 50);
    }

    private void print(Step step) {
        System.out.printf(
                Locale.ROOT,
                "%d calls/s: %d bookings, %s; last confirmed %.1f s after the last due time%n",
                step.rate(),
                step.bookings(),
                step.sustained() ? "sustained" : "NOT sustained: " + step.why(),
                step.confirmedWithin().toMillis() / 1e3);
        System.out.flush();
    }

    private void report(List<Step> steps, Map<String, ServiceMemory.Rss> atRest, Map<String, ServiceMemory.Rss> end) {
        System.out.println();
        System.out.println("| rate calls/s | bookings | sustained | measure | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Step s : steps) {
            row(s, "baseline: HTTP round trip to the platform sandbox", s.baseline());
            row(s, "(a) key press leaves 8x8 sandbox → platform receives confirmed", s.keyToPlatform());
            row(s, "(b) due → Send Callflow arrives at 8x8 sandbox", s.dueToDial());
            if (!s.baseline().isEmpty() && !s.keyToPlatform().isEmpty()) {
                System.out.printf(
                        Locale.ROOT,
                        "|   | | | ratio (a) / baseline | %.1f | %.1f | |%n",
                        p(s.keyToPlatform(), 50) / p(s.baseline(), 50),
                        p(s.keyToPlatform(), 99) / p(s.baseline(), 99));
            }
        }
        System.out.println();
        System.out.println("Where the key press's time goes (from the outbox's and the deliveries' timestamps):");
        System.out.println();
        System.out.println("| rate calls/s | hop | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        for (Step s : steps) {
            KeyPressHops.print(s.rate(), s.hops());
        }
        System.out.println();
        System.out.println("| JVM | RSS at rest MiB (30 s idle) | RSS at end MiB | peak RSS (VmHWM) MiB |");
        System.out.println("|---|---|---|---|");
        end.forEach((name, rss) -> System.out.printf(
                Locale.ROOT,
                "| %s | %.0f | %.0f | %.0f |%n",
                name,
                atRest.containsKey(name) ? atRest.get(name).nowMib() : -1,
                rss.nowMib(),
                rss.peakMib()));
        LinkedHashMap<String, List<LatencyPlots.Sample>> keySeries = new LinkedHashMap<>();
        LinkedHashMap<String, List<LatencyPlots.Sample>> dialSeries = new LinkedHashMap<>();
        for (Step s : steps) {
            keySeries.put(s.rate() + " calls/s", s.keyToPlatform());
            dialSeries.put(s.rate() + " calls/s", s.dueToDial());
        }
        if (!steps.isEmpty()) {
            keySeries.put(
                    "baseline: HTTP round trip (" + steps.get(0).rate() + " calls/s step)",
                    steps.get(0).baseline());
        }
        System.out.println(LatencyPlots.write(
                "whole-suite-key-press",
                "Key press (VCA leaves the 8x8 sandbox) → platform receives confirmed",
                keySeries));
        System.out.println(LatencyPlots.write(
                "whole-suite-due-to-dial", "Call due → Send Callflow arrives at the 8x8 sandbox", dialSeries));
    }

    private static void row(Step s, String name, List<LatencyPlots.Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "| %d | %d | %s | %s | %.1f | %.1f | %.1f |%n",
                s.rate(),
                s.bookings(),
                s.sustained() ? "yes" : "no",
                name,
                p(samples, 50),
                p(samples, 99),
                p(samples, 100));
    }

    private static double p(List<LatencyPlots.Sample> samples, double p) {
        return percentile(
                samples.stream().map(LatencyPlots.Sample::latencyMillis).toList(), p);
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
