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
package io.confirmline.notifier.bench;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Topics;
import io.confirmline.notifier.NotifierTestSupport;
import io.confirmline.notifier.PlatformNotifierApplication;
import io.confirmline.notifier.PlatformStub;
import io.confirmline.notifier.intake.StatusWebhookBody;
import io.confirmline.testing.BenchmarkMain;
import io.confirmline.testing.KafkaProcess;
import io.confirmline.testing.LatencyPlots;
import io.confirmline.testing.MachineCpu;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.TestPostgres;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * 20,000 status events through the notifier to a local receiver (docs/benchmarks.md), three times: a backlog to a
 * healthy receiver (produced while the intake is paused, then released: the notifier alone, as after an outage),
 * the same delivered while it is being produced, and a backlog to a receiver failing 30% of requests. Latency is to
 * the receiver getting the request that succeeded, from the release (a backlog) or from the Kafka record's
 * timestamp. The baseline, in the same run, is the same number of bodies POSTed straight to the same receiver with
 * the same concurrency: what the HTTP exchange alone costs. Each phase also reports how busy the machine was and
 * the CPU it spent per event ({@link MachineCpu}): on two shared cores that separates work done from waiting.
 *
 * <p>Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl platform-notifier exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.confirmline.notifier.bench.DeliveryBenchmark}
 */
public final class DeliveryBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    private static final int PER_RESERVATION = 10;
    /** The baseline's requests in flight: the notifier's default concurrency. */
    private static final int CONCURRENCY = 64;

    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmUpRounds", 16);

    private DeliveryBenchmark() {}

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(DeliveryBenchmark::run);
    }

    record Phase(
            String name,
            int events,
            double seconds,
            Histogram latency,
            int requests,
            boolean ordered,
            int foreignDuplicates,
            List<LatencyPlots.Sample> samples,
            MachineCpu.Usage cpu) {

        double perSecond() {
            return events / seconds;
        }
    }

    private static void run() throws Exception {
        KafkaProcess broker = KafkaProcess.start();
        PlatformStub receiver = new PlatformStub();
        TestPostgres.Database db = TestPostgres.freshDatabase();
        if (Boolean.getBoolean("bench.asyncCommit")) {
            // Diagnosis only: is the run bound by commit flushes?
            try (var c = db.connect();
                    var st = c.createStatement()) {
                st.execute("ALTER DATABASE " + db.name() + " SET synchronous_commit = off");
            }
        }
        List<String> properties = new ArrayList<>(NotifierTestSupport.properties(
                receiver.url(), "0s,100ms,200ms,400ms,800ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s"));
        properties.removeIf(
                p -> p.startsWith("confirmline.notifier.jitter=") || p.startsWith("confirmline.notifier.timeout="));
        properties.addAll(List.of(
                "server.port=0",
                "spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "confirmline.kafka.registry-url=" + RegistryServer.shared().apiUrl(),
                "confirmline.notifier.jitter=0.2",
                "confirmline.notifier.timeout=5s",
                "spring.r2dbc.url=" + db.r2dbcUrl(),
                "spring.r2dbc.username=" + db.username(),
                "spring.r2dbc.password=" + db.password(),
                "spring.flyway.url=" + db.jdbcUrl(),
                "spring.flyway.user=" + db.username(),
                "spring.flyway.password=" + db.password(),
                "logging.level.root=WARN",
                "logging.level.io.confirmline=WARN"));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PlatformNotifierApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        try {
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, SpecificRecord> kafka = app.getBean(KafkaTemplate.class);
            // Warm-up, long enough for the JIT's optimising compiler to have compiled the hot paths of both JVMs: both
            // ways of delivering, and the baseline's client. Code that runs once per event reaches the optimising
            // compiler's thresholds only after some 15,000 events; after 3 rounds (12,000 events) the compiler threads
            // still took 0.42 ms of CPU per event in the first measured phase, nearly half of this JVM's; 0.17-0.21 ms
            // after 8 rounds, 0.03-0.07 ms after 16 (the column "of which its JIT compiler" shows it for each run).
            KafkaListenerEndpointRegistry listeners = app.getBean(KafkaListenerEndpointRegistry.class);
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                deliver(kafka, receiver, 2_000, "warm-up", null);
                deliver(kafka, receiver, 2_000, "warm-up", listeners);
                baseline(receiver, 2_000);
                receiver.clear();
            }

            Phase baseline = baseline(receiver, EVENTS);
            receiver.clear();
            Phase healthy = deliver(kafka, receiver, EVENTS, "healthy receiver, a backlog", listeners);
            receiver.clear();
            Phase live = deliver(kafka, receiver, EVENTS, "healthy receiver, produced meanwhile", null);
            receiver.clear();
            receiver.failRandomly(0.3);
            Phase failing = deliver(kafka, receiver, EVENTS, "receiver failing 30%, a backlog", listeners);

            System.out.println();
            System.out.println(
                    "| run | events | seconds | deliveries/s | HTTP requests | p50 ms | p99 ms | max ms | in order per reservation | duplicates other than same-id retries | machine busy | busy CPU ms per event | of which this JVM | of which its JIT compiler |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (Phase p : List.of(baseline, healthy, live, failing)) {
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %.1f | %.0f | %d | %s | %s | %s | %s | %s | %.0f %% | %.2f | %.2f | %.2f |%n",
                        p.name(),
                        p.events(),
                        p.seconds(),
                        p.perSecond(),
                        p.requests(),
                        p.latency() == null
                                ? "–"
                                : String.format(Locale.ROOT, "%.1f", p.latency().getValueAtPercentile(50) / 1e6),
                        p.latency() == null
                                ? "–"
                                : String.format(Locale.ROOT, "%.1f", p.latency().getValueAtPercentile(99) / 1e6),
                        p.latency() == null
                                ? "–"
                                : String.format(Locale.ROOT, "%.1f", p.latency().getMaxValue() / 1e6),
                        p.latency() == null ? "–" : (p.ordered() ? "yes" : "NO"),
                        p.latency() == null ? "–" : Integer.toString(p.foreignDuplicates()),
                        p.cpu().busyShare() * 100,
                        p.cpu().busyMillisPer(p.events()),
                        p.cpu().thisJvmMillisPer(p.events()),
                        p.cpu().jitMillisPer(p.events()));
            }
            LinkedHashMap<String, List<LatencyPlots.Sample>> series = new LinkedHashMap<>();
            series.put("healthy receiver, a backlog", healthy.samples());
            series.put("healthy receiver, produced meanwhile", live.samples());
            series.put("receiver failing 30%, a backlog", failing.samples());
            LatencyPlots.Written plots = LatencyPlots.write(
                    "notifier-delivery",
                    "platform-notifier: Kafka record to the platform receiving its webhook",
                    series);
            System.out.println("Plots: " + plots.overTime() + ", " + plots.distribution());
            System.out.printf(
                    Locale.ROOT,
                    "%nNotifier deliveries/s vs direct POSTs/s (healthy, a backlog): %.0f / %.0f = %.2f"
                            + " (produced meanwhile: %.0f / %.0f = %.2f)%n",
                    healthy.perSecond(),
                    baseline.perSecond(),
                    healthy.perSecond() / baseline.perSecond(),
                    live.perSecond(),
                    baseline.perSecond(),
                    live.perSecond() / baseline.perSecond());
        } finally {
            app.close();
            receiver.close();
            broker.close();
        }
    }

    /** The same bodies POSTed straight to the receiver, {@value #CONCURRENCY} at a time. */
    private static Phase baseline(PlatformStub receiver, int events) {
        HttpClient client = HttpClient.create().headers(h -> h.set("Content-Type", "application/json"));
        String body = StatusWebhookBody.of(
                        NotifierTestSupport.change("luigis", "baseline", CallStatus.DIALING, CallStatus.CONFIRMED))
                .json();
        MachineCpu.Reading cpu = MachineCpu.read();
        long start = System.nanoTime();
        Flux.range(0, events)
                .flatMap(
                        i -> client.post()
                                .uri(receiver.url())
                                .send(ByteBufFlux.fromInbound(
                                        Mono.just(Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)))))
                                .responseSingle(
                                        (r, c) -> c.then(Mono.just(r.status().code()))),
                        CONCURRENCY)
                .blockLast(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase(
                "baseline: direct POSTs, " + CONCURRENCY + " at a time",
                events,
                seconds,
                null,
                receiver.received().size(),
                true,
                0,
                List.of(),
                MachineCpu.read().since(cpu));
    }

    /**
     * Produces {@code events} status changes and waits until each was delivered. With {@code paused} (the notifier's
     * listeners) the intake is paused while they are produced and resumed once all are in the topic, so the run
     * measures the notifier alone draining a backlog — as after an outage — and not the producer sharing its cores;
     * the clock and each latency then start at the resume. Without it they are delivered while being produced, and
     * latency starts at each record's timestamp.
     */
    private static Phase deliver(
            KafkaTemplate<String, SpecificRecord> kafka,
            PlatformStub receiver,
            int events,
            String name,
            KafkaListenerEndpointRegistry paused)
            throws Exception {
        if (paused != null) {
            pause(paused);
        }
        Map<String, List<String>> expectedOrder = new LinkedHashMap<>();
        Map<String, Long> producedAt = new HashMap<>();
        CallStatus[] statuses = CallStatus.values();
        MachineCpu.Reading cpuBeforeProducing = MachineCpu.read();
        Instant producing = Instant.now();
        for (int i = 0; i < events / PER_RESERVATION; i++) {
            String reservation = "bench-" + UUID.randomUUID();
            List<String> ids = new ArrayList<>();
            for (int c = 0; c < PER_RESERVATION; c++) {
                CallStatusChanged change = NotifierTestSupport.change(
                        "luigis", reservation, statuses[c % statuses.length], statuses[(c + 1) % statuses.length]);
                ids.add(change.getEventId());
                long now = System.currentTimeMillis();
                producedAt.put(change.getEventId(), now);
                kafka.send(new ProducerRecord<>(Topics.CALL_STATUS.name(), null, now, reservation, change));
            }
            expectedOrder.put(reservation, ids);
        }
        kafka.flush();
        System.out.printf(
                Locale.ROOT,
                "%s: %d events produced in %.2f s%n",
                name,
                events,
                Duration.between(producing, Instant.now()).toNanos() / 1e9);
        Instant wallStart = paused == null ? producing : Instant.now();
        MachineCpu.Reading cpu = paused == null ? cpuBeforeProducing : MachineCpu.read();
        if (paused != null) {
            long released = wallStart.toEpochMilli();
            producedAt.replaceAll((id, at) -> released);
            paused.getListenerContainers().forEach(MessageListenerContainer::resume);
        }
        // Looks only at what arrived since the last look: the receiver shares the machine's two cores with the
        // notifier, and re-reading every receipt five times a second took a sizeable share of them.
        Map<String, Instant> firstSuccess = new HashMap<>();
        int looked = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<PlatformStub.Received> arrived = receiver.receivedFrom(looked);
            looked += arrived.size();
            for (PlatformStub.Received r : arrived) {
                if (r.answered() == 200) {
                    firstSuccess.putIfAbsent(eventIdOf(r.body()), r.at());
                }
            }
            if (firstSuccess.size() >= producedAt.size()
                    && firstSuccess.keySet().containsAll(producedAt.keySet())) {
                break;
            }
            Thread.sleep(200);
        }
        MachineCpu.Usage cpuUsed = MachineCpu.read().since(cpu);
        Instant last = firstSuccess.values().stream().max(Instant::compareTo).orElse(wallStart);
        double seconds = Math.max(Duration.between(wallStart, last).toNanos(), 1) / 1e9;
        System.out.printf(Locale.ROOT, "%s: delivered from %s to %s%n", name, wallStart, last);
        if (!firstSuccess.keySet().containsAll(producedAt.keySet())) {
            throw new IllegalStateException(name + ": not everything was delivered within 10 minutes");
        }
        Histogram latency = new Histogram(Duration.ofMinutes(10).toNanos(), 3);
        List<LatencyPlots.Sample> samples = new ArrayList<>(producedAt.size());
        producedAt.forEach((id, at) -> {
            Instant received = firstSuccess.get(id);
            long millis = Math.max(0, received.toEpochMilli() - at);
            latency.recordValue(millis * 1_000_000L);
            samples.add(new LatencyPlots.Sample(
                    Duration.between(wallStart, received).toNanos() / 1e9, millis));
        });
        samples.sort(java.util.Comparator.comparingDouble(LatencyPlots.Sample::secondsFromStart));
        printProgress(name, samples);
        // Order: per reservation, first successful receipt in publish order.
        boolean ordered = true;
        Map<String, List<String>> receivedOrder = new HashMap<>();
        for (PlatformStub.Received r : receiver.received()) {
            if (r.answered() == 200) {
                List<String> seq = receivedOrder.computeIfAbsent(r.subject(), s -> new ArrayList<>());
                String id = eventIdOf(r.body());
                if (!seq.contains(id)) {
                    seq.add(id);
                }
            }
        }
        for (Map.Entry<String, List<String>> e : expectedOrder.entrySet()) {
            ordered &= e.getValue().equals(receivedOrder.get(e.getKey()));
        }
        // A webhook-id must only ever carry one event: anything else is a duplicate delivery.
        Map<String, String> eventByWebhookId = new HashMap<>();
        long foreign = 0;
        Map<String, String> webhookIdByEvent = new HashMap<>();
        for (PlatformStub.Received r : receiver.received()) {
            String id = eventIdOf(r.body());
            String previous = eventByWebhookId.putIfAbsent(r.webhookId(), id);
            String previousId = webhookIdByEvent.putIfAbsent(id, r.webhookId());
            if ((previous != null && !previous.equals(id))
                    || (previousId != null && !previousId.equals(r.webhookId()))) {
                ++foreign;
            }
        }
        return new Phase(
                "notifier: " + name,
                events,
                seconds,
                latency,
                receiver.received().size(),
                ordered,
                (int) foreign,
                samples,
                cpuUsed);
    }

    /**
     * When the phase's events had been delivered (first success), by share and per second: a phase that waits shows
     * here whether it waits all along or in a tail of a few reservations.
     */
    private static void printProgress(String name, List<LatencyPlots.Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        StringBuilder shares = new StringBuilder();
        for (double share : new double[] {0.5, 0.9, 0.99, 0.999, 1.0}) {
            int index = Math.min(samples.size() - 1, (int) Math.ceil(share * samples.size()) - 1);
            shares.append(String.format(
                    Locale.ROOT,
                    " %s %% by %.1f s;",
                    share * 100,
                    samples.get(index).secondsFromStart()));
        }
        int[] perSecond = new int[(int) samples.get(samples.size() - 1).secondsFromStart() + 1];
        samples.forEach(s -> perSecond[(int) s.secondsFromStart()]++);
        System.out.printf(
                Locale.ROOT, "%s: delivered%s per second %s%n", name, shares, java.util.Arrays.toString(perSecond));
    }

    /** Pauses the notifier's listeners and waits until every running one has stopped taking records. */
    private static void pause(KafkaListenerEndpointRegistry listeners) throws InterruptedException {
        listeners.getListenerContainers().forEach(MessageListenerContainer::pause);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (listeners.getListenerContainers().stream().anyMatch(c -> c.isRunning() && !c.isContainerPaused())) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("The notifier's listeners did not pause");
            }
            Thread.sleep(20);
        }
    }

    private static String eventIdOf(String body) {
        int at = body.indexOf("\"eventId\":\"");
        return body.substring(at + 11, body.indexOf('"', at + 11));
    }
}
