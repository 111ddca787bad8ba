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
import io.confirmline.testing.BenchmarkMain;
import io.confirmline.testing.JvmOptions;
import io.confirmline.testing.ServiceProcess;
import io.confirmline.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #18 item 5: how fast each service is ready and how much memory it holds at rest. The whole stack is started
 * once (broker, registry, PostgreSQL, sandboxes: what a service needs to be ready); then each service in turn is
 * stopped and started fresh {@code bench.starts} times with each JVM configuration, the configurations taking turns:
 * the baseline (the launcher's options before issue #18, no CDS, no AOT), the tuned one ({@code bench.tuned}, with
 * AppCDS and Spring AOT, as {@code ./run-local} starts it; its archive is made by a training start before the measured
 * starts) and any variants of it ({@code bench.variants}). Ready time: from the JVM's process start (the kernel's start time) to
 * the first 200 from {@code /actuator/health/readiness} (or {@code /actuator/health} where probes are off), polled
 * every 20 ms. RSS (VmRSS) after the last start of each configuration, 30 s idle.
 *
 * <p>Run: {@code ./mvnw -q -o -pl local-stack exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.confirmline.local.bench.StartupAndMemoryBenchmark} ({@code -Dbench.starts=3}).
 */
public final class StartupAndMemoryBenchmark {

    private static final List<String> SERVICES =
            List.of("webhook-ingress", "call-orchestrator", "platform-notifier", "owner-console");
    private static final Map<String, String> MAIN_CLASSES = Map.of(
            "webhook-ingress", "io.confirmline.ingress.WebhookIngressApplication",
            "call-orchestrator", "io.confirmline.orchestrator.CallOrchestratorApplication",
            "platform-notifier", "io.confirmline.notifier.PlatformNotifierApplication",
            "owner-console", "io.confirmline.console.OwnerConsoleApplication");

    private final int starts = Integer.getInteger("bench.starts", 3);
    /** Which services to start again (comma-separated names); all four by default. */
    private final List<String> services = Arrays.asList(
            System.getProperty("bench.services", String.join(",", SERVICES)).split(","));

    private static final String BASELINE = "baseline";

    /**
     * The baseline (the launcher's options before issue #18: no CDS, no AOT), the tuned options with AppCDS and Spring
     * AOT ({@code bench.tuned}: what {@code ./run-local} starts), and any variants of the tuned start ({@code
     * bench.variants}, {@code name=options;name=options}: the tuned options plus these, AppCDS and AOT kept; an option
     * {@code -Dspring.aot.enabled=false} among them starts without AOT, as a JVM's last option of a name wins).
     */
    private final Map<String, JvmOptions> configurations = configurations();

    private static Map<String, JvmOptions> configurations() {
        Map<String, JvmOptions> all = new LinkedHashMap<>();
        all.put(
                BASELINE,
                new JvmOptions(
                        Arrays.asList(System.getProperty(
                                        "bench.baseline", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k")
                                .split("\\s+")),
                        false,
                        false));
        List<String> tuned = Arrays.asList(System.getProperty("bench.tuned", String.join(" ", JvmOptions.DEFAULTS))
                .split("\\s+"));
        all.put("tuned + AppCDS + AOT", new JvmOptions(tuned, true, true));
        for (String variant : System.getProperty("bench.variants", "").split(";")) {
            if (!variant.isBlank()) {
                String[] nameAndOptions = variant.split("=", 2);
                List<String> options = new ArrayList<>(tuned);
                options.addAll(Arrays.asList(nameAndOptions[1].trim().split("\\s+")));
                all.put(nameAndOptions[0].trim(), new JvmOptions(options, true, true));
            }
        }
        return all;
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    record Result(String service, String configuration, List<Double> readySeconds, double restRssMib) {}

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(() -> new StartupAndMemoryBenchmark().run());
    }

    private void run() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        Path here = Path.of("").toAbsolutePath();
        Path repository = java.nio.file.Files.isDirectory(here.resolve("call-orchestrator")) ? here : here.getParent();
        LocalStack stack = LocalStack.start(
                repository,
                LocalStack.Ports.free(),
                LocalStack.Timings.fast(),
                new LocalStack.Database(db.jdbcUrl(), db.r2dbcUrl(), db.username(), db.password()),
                repository.resolve("local-stack/target/bench-logs/startup"));
        List<Result> results = new ArrayList<>();
        try {
            System.out.println("Configurations: " + configurations);
            for (String name : SERVICES.stream().filter(services::contains).toList()) {
                ServiceProcess current = stack.services().stream()
                        .filter(s -> s.name().equals(name))
                        .findFirst()
                        .orElseThrow();
                // Each configuration's archive is made before any start is measured, so that no measured start
                // pays a training start's work or finds the page cache cold for its archive alone.
                for (Map.Entry<String, JvmOptions> configuration : configurations.entrySet()) {
                    if (configuration.getValue().cds()) {
                        current.close();
                        current = current.startAgain(configuration.getValue());
                        secondsToReady(current, MAIN_CLASSES.get(name));
                    }
                }
                // The configurations take turns, start by start, so an hour's slowness of this machine falls on
                // each of them alike instead of on whichever ran last; and each round begins one further along, so
                // that no configuration always follows the baseline's slow start and whatever it leaves behind.
                Map<String, List<Double>> ready = new LinkedHashMap<>();
                Map<String, Double> rss = new LinkedHashMap<>();
                List<Map.Entry<String, JvmOptions>> order = new ArrayList<>(configurations.entrySet());
                for (int i = 0; i < starts; i++) {
                    for (Map.Entry<String, JvmOptions> configuration : order) {
                        current.close();
                        current = current.startAgain(configuration.getValue());
                        double seconds = secondsToReady(current, MAIN_CLASSES.get(name));
                        ready.computeIfAbsent(configuration.getKey(), k -> new ArrayList<>())
                                .add(seconds);
                        System.out.printf(
                                Locale.ROOT,
                                "%s, %s, start %d: ready in %.2f s%n",
                                name,
                                configuration.getKey(),
                                i + 1,
                                seconds);
                        System.out.flush();
                        if (i == starts - 1) {
                            Thread.sleep(30_000);
                            long pid =
                                    ServiceMemory.pidOf(MAIN_CLASSES.get(name)).orElseThrow();
                            rss.put(
                                    configuration.getKey(),
                                    ServiceMemory.rss(pid)
                                            .map(ServiceMemory.Rss::nowMib)
                                            .orElse(-1.0));
                        }
                    }
                    Collections.rotate(order, -1);
                }
                for (String configuration : configurations.keySet()) {
                    results.add(new Result(name, configuration, ready.get(configuration), rss.get(configuration)));
                }
                current.close();
            }
        } finally {
            stack.close();
        }
        System.out.println();
        System.out.println("| service | configuration | ready s (median of " + starts
                + ") | all starts s | RSS at rest MiB (30 s idle) |");
        System.out.println("|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.2f | %s | %.0f |%n",
                    r.service(),
                    r.configuration(),
                    median(r.readySeconds()),
                    r.readySeconds().stream()
                            .map(s -> String.format(Locale.ROOT, "%.2f", s))
                            .toList(),
                    r.restRssMib());
        }
        for (Result base : results) {
            if (!base.configuration().equals(BASELINE)) {
                continue;
            }
            for (Result other : results) {
                if (other.service().equals(base.service())
                        && !other.configuration().equals(BASELINE)) {
                    System.out.printf(
                            Locale.ROOT,
                            "%s: ready %s/baseline %.2f, RSS %s/baseline %.2f%n",
                            base.service(),
                            other.configuration(),
                            median(other.readySeconds()) / median(base.readySeconds()),
                            other.configuration(),
                            other.restRssMib() / base.restRssMib());
                }
            }
        }
    }

    /** From the JVM's process start to the first 200 from its readiness (or health) endpoint. */
    private double secondsToReady(ServiceProcess service, String mainClass) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Instant started = null;
        Instant firstAnswer = null;
        String probe = service.url() + "/actuator/health/readiness";
        while (Instant.now().isBefore(deadline)) {
            if (started == null) {
                started = ServiceMemory.pidOf(mainClass)
                        .flatMap(pid -> ProcessHandle.of(pid))
                        .flatMap(p -> p.info().startInstant())
                        .orElse(null);
            }
            try {
                int status = http.send(
                                HttpRequest.newBuilder(URI.create(probe))
                                        .timeout(Duration.ofSeconds(1))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (started != null && firstAnswer == null) {
                    firstAnswer = Instant.now();
                    System.out.printf(
                            Locale.ROOT,
                            "  %s answered %d at %.2f s%n",
                            service.name(),
                            status,
                            Duration.between(started, firstAnswer).toMillis() / 1e3);
                }
                if (status == 404) {
                    probe = service.url() + "/actuator/health";
                } else if (status == 200 && started != null) {
                    return Duration.between(started, Instant.now()).toMillis() / 1e3;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(service.name() + " not ready within 3 minutes; see " + service.logFile());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
