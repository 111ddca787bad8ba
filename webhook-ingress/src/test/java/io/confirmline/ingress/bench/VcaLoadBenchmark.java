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
package io.confirmline.ingress.bench;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.Topics;
import io.confirmline.ingress.Fixtures;
import io.confirmline.ingress.IngressTestSupport;
import io.confirmline.ingress.WebhookIngressApplication;
import io.confirmline.ingress.publish.EventSpool;
import io.confirmline.testing.BenchmarkMain;
import io.confirmline.testing.KafkaProcess;
import io.confirmline.testing.LatencyPlots;
import io.confirmline.testing.RegistryServer;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Load generator for the VCA endpoint against the running ingress on a real KRaft broker and Apicurio registry,
 * with the same generator against a trivial endpoint of the same app as the baseline (docs/benchmarks.md).
 *
 * <p>Two measurements per endpoint: latency at a fixed offered rate (open loop: each request has an intended send
 * time and its latency is counted from then, so a stall is not hidden by the generator waiting), and the most
 * requests per second a fixed number of concurrent connections gets (closed loop).
 *
 * <p>A third scenario, call-backs (issue #15): {@code CALL_RECEIVED} on the same endpoint at the same fixed rate, for
 * callers alternating between guests with a booking (answered with their menu, rendered then) and unknown callers
 * (put through to the venue), each call a new session, so every request also journals its events.
 *
 * <p>Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl webhook-ingress test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.confirmline.ingress.bench.VcaLoadBenchmark}
 * Optional: {@code -Dbench.rate=1000 -Dbench.seconds=30 -Dbench.concurrency=32}.
 */
public final class VcaLoadBenchmark {

    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 15);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final int SESSIONS = 1000;
    private static final int GUESTS = 1000;
    private static final String VIRTUAL_NUMBER = "+6568888888";

    private VcaLoadBenchmark() {}

    /** {@code samples}: each request's latency by its intended send time (open loop only; empty otherwise). */
    record Result(
            String name,
            long requests,
            long errors,
            double seconds,
            Histogram latency,
            List<LatencyPlots.Sample> samples) {
        double perSecond() {
            return requests / seconds;
        }

        double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1_000_000.0;
        }
    }

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(VcaLoadBenchmark::run);
    }

    private static void run() throws Exception {
        // The broker in its own JVM, as in production (it still shares this machine's two cores).
        KafkaProcess broker = KafkaProcess.start();
        String bootstrap = broker.bootstrapServers();
        String registry = RegistryServer.shared().apiUrl();
        String spool = Files.createTempDirectory("bench-spool").toString();
        List<String> properties = new ArrayList<>(List.of(IngressTestSupport.tenantProperties()));
        properties.addAll(List.of(
                "server.port=0",
                "spring.kafka.bootstrap-servers=" + bootstrap,
                "confirmline.kafka.registry-url=" + registry,
                "confirmline.ingress.publish.spool-directory=" + spool,
                "logging.level.root=WARN",
                "logging.level.io.confirmline=WARN",
                // Luigi's takes call-backs on its virtual number and is open all day, every day, for the benchmark.
                "confirmline.tenants[0].display-name=Luigi's",
                "confirmline.tenants[0].virtual-numbers[0]=" + VIRTUAL_NUMBER,
                "confirmline.tenants[0].venue-phone=+6567777777"));
        String[] days = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
        for (int i = 0; i < days.length; i++) {
            properties.add("confirmline.tenants[0].opening-hours[" + i + "].day=" + days[i]);
            properties.add("confirmline.tenants[0].opening-hours[" + i + "].opens=00:00");
            properties.add("confirmline.tenants[0].opening-hours[" + i + "].closes=23:59:59");
        }
        ConfigurableApplicationContext app = new SpringApplicationBuilder(
                        WebhookIngressApplication.class, BaselineEndpoint.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            List<String> guests = seedBookings(app);
            List<String> sessions = seedSessions(app);
            awaitReady(port);
            HttpClient client = HttpClient.create(ConnectionProvider.builder("bench")
                            .maxConnections(256)
                            .pendingAcquireMaxCount(-1)
                            .build())
                    .baseUrl("http://127.0.0.1:" + port)
                    .headers(h -> h.set("Content-Type", "application/json")
                            .set("Authorization", IngressTestSupport.LUIGIS_AUTH));
            String template = Fixtures.text("vca-event-data-object.json");
            AtomicLong counter = new AtomicLong();
            java.util.function.Supplier<byte[]> vcaBody = () -> {
                long n = counter.incrementAndGet();
                return template.replace("a4fad4b3-b388-12ee-b217-2fb8260fcf59", sessions.get((int) (n % SESSIONS)))
                        .replace(
                                "77e6a667-133a-11ef-9dd4-e911cc6fc82f",
                                UUID.randomUUID().toString())
                        .getBytes(StandardCharsets.UTF_8);
            };
            String received = Fixtures.text("call-received.json");
            java.util.function.Supplier<byte[]> callReceivedBody = () -> {
                long n = counter.incrementAndGet();
                // Every other caller has a booking (the menu); the others are unknown (put through).
                String caller = n % 2 == 0 ? guests.get((int) (n / 2 % GUESTS)) : "+6591" + (1_000_000 + n % 1_000_000);
                return received.replace("a4fad4b3-b388-12ee-b217-2fb8260fcf59", "cb-" + UUID.randomUUID())
                        .replace(
                                "77e6a667-133a-11ef-9dd4-e911cc6fc82f",
                                UUID.randomUUID().toString())
                        .replace("+6598888888", caller)
                        .getBytes(StandardCharsets.UTF_8);
            };
            EventSpool spoolBean = app.getBean(EventSpool.class);

            System.out.printf("Warm-up: %d s of VCA and baseline at %d req/s%n", WARMUP_SECONDS, RATE);
            openLoop(client, "/webhooks/8x8/vca", vcaBody, RATE, WARMUP_SECONDS, "warm-up");
            openLoop(client, "/benchmark/baseline", vcaBody, RATE, WARMUP_SECONDS / 2, "warm-up");
            openLoop(client, "/webhooks/8x8/vca", callReceivedBody, RATE, WARMUP_SECONDS / 2, "warm-up");

            // Throughput first (it also finishes warming the JIT of both JVMs), then latency at the target rate.
            Result baselineMax =
                    closedLoop(client, "/benchmark/baseline", vcaBody, CONCURRENCY, SECONDS, "baseline max");
            Result vcaMax = closedLoop(client, "/webhooks/8x8/vca", vcaBody, CONCURRENCY, SECONDS, "VCA max");
            Result baselineFixed =
                    openLoop(client, "/benchmark/baseline", vcaBody, RATE, SECONDS, "baseline @ fixed rate");
            Result vcaFixed = openLoop(client, "/webhooks/8x8/vca", vcaBody, RATE, SECONDS, "VCA @ fixed rate");
            Result callbackFixed = openLoop(
                    client, "/webhooks/8x8/vca", callReceivedBody, RATE, SECONDS, "CALL_RECEIVED @ fixed rate");

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (spoolBean.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double published = app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("confirmline.ingress.call.actions.published")
                    .counter()
                    .count();

            LinkedHashMap<String, List<LatencyPlots.Sample>> series = new LinkedHashMap<>();
            series.put("baseline @ " + RATE + "/s", baselineFixed.samples());
            series.put("VCA key press @ " + RATE + "/s", vcaFixed.samples());
            series.put("CALL_RECEIVED @ " + RATE + "/s", callbackFixed.samples());
            LatencyPlots.write(
                    "webhook-ingress-vca", "webhook-ingress: latency from intended send time, open loop", series);
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "| endpoint | mode | requests | errors | req/s | p50 ms | p99 ms | p99.9 ms | max ms |%n");
            System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
            for (Result r : List.of(baselineFixed, vcaFixed, callbackFixed, baselineMax, vcaMax)) {
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f |%n",
                        r.name().startsWith("VCA")
                                ? "VCA `/webhooks/8x8/vca`"
                                : r.name().startsWith("CALL_RECEIVED")
                                        ? "CALL_RECEIVED `/webhooks/8x8/vca`"
                                        : "baseline `/benchmark/baseline`",
                        r.name().endsWith("max")
                                ? CONCURRENCY + " connections, closed loop"
                                : RATE + " req/s offered, open loop",
                        r.requests(),
                        r.errors(),
                        r.perSecond(),
                        r.ms(50),
                        r.ms(99),
                        r.ms(99.9),
                        r.latency().getMaxValue() / 1e6);
            }
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "VCA p99 at %d req/s: %.2f ms (target <= 20 ms); baseline p99: %.2f ms%n",
                    RATE,
                    vcaFixed.ms(99),
                    baselineFixed.ms(99));
            System.out.printf(
                    Locale.ROOT,
                    "CALL_RECEIVED at %d req/s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; "
                            + "its p99 / the key press p99: %.2f (target: the key press budget, <= 20 ms)%n",
                    RATE,
                    callbackFixed.ms(50),
                    callbackFixed.ms(95),
                    callbackFixed.ms(99),
                    callbackFixed.ms(99) / vcaFixed.ms(99));
            System.out.printf(
                    Locale.ROOT,
                    "VCA max throughput / baseline max throughput: %.0f / %.0f = %.2f (target >= 0.60)%n",
                    vcaMax.perSecond(),
                    baselineMax.perSecond(),
                    vcaMax.perSecond() / baselineMax.perSecond());
            // The CALL_RECEIVED requests are CALL_ACTION webhooks too; their events are counted on their own below.
            double answered = app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                            .get("confirmline.ingress.webhooks")
                            .tag("type", "CALL_ACTION")
                            .tag("outcome", "published")
                            .counter()
                            .count()
                    - (double) RATE * (WARMUP_SECONDS / 2.0)
                    - callbackFixed.requests();
            System.out.printf(
                    Locale.ROOT,
                    "VCA events acknowledged by the broker: %.0f of %.0f answered; still kept: %d%n",
                    published,
                    answered,
                    spoolBean.pending());
            System.out.printf(
                    Locale.ROOT,
                    "Inbound call events acknowledged by the broker: %.0f (1 per caller with a "
                            + "booking, 2 per unknown caller: RECEIVED and PUT_THROUGH)%n",
                    app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                            .get("confirmline.ingress.inbound.calls.published")
                            .counter()
                            .count());
        } finally {
            app.close();
            broker.close();
        }
    }

    /** A booking tonight for each of {@link #GUESTS} guests of Luigi's, on bookings.v1; returns their phones. */
    private static List<String> seedBookings(ConfigurableApplicationContext app) {
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, SpecificRecord> kafka = app.getBean(KafkaTemplate.class);
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < GUESTS; i++) {
            String phone = "+6590" + (1_000_000 + i);
            phones.add(phone);
            String reservationId = "bench-r-" + i;
            kafka.send(
                    Topics.BOOKINGS.name(),
                    reservationId,
                    BookingSnapshot.newBuilder()
                            .setEventId(UUID.randomUUID().toString())
                            .setOccurredAt(java.time.Instant.now())
                            .setTenantId("luigis")
                            .setReservationId(reservationId)
                            .setVersion(1)
                            .setKind("RESERVATION")
                            .setStartsAt(java.time.Instant.now().plus(Duration.ofHours(6)))
                            .setTimeZone("Asia/Singapore")
                            .setGuestName("Guest " + i)
                            .setGuestPhone(phone)
                            .setGuestLocale(i % 2 == 0 ? "en-SG" : "es-ES")
                            .setVenueName("Luigi's")
                            .setPartySize(2 + i % 6)
                            .setStatus("SCHEDULED")
                            .build());
        }
        kafka.flush();
        return phones;
    }

    private static List<String> seedSessions(ConfigurableApplicationContext app) throws Exception {
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, SpecificRecord> kafka = app.getBean(KafkaTemplate.class);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            String id = "bench-" + UUID.randomUUID();
            sessions.add(id);
            kafka.send(Topics.SESSIONS.name(), id, IngressTestSupport.session(id));
        }
        kafka.flush();
        Thread.sleep(3000);
        return sessions;
    }

    private static void awaitReady(int port) throws InterruptedException {
        HttpClient health = HttpClient.create().baseUrl("http://127.0.0.1:" + port);
        for (int i = 0; i < 120; i++) {
            Integer status = health.get()
                    .uri("/actuator/health/readiness")
                    .response((r, body) -> Mono.just(r.status().code()))
                    .blockFirst(Duration.ofSeconds(5));
            if (status != null && status == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The ingress did not become ready");
    }

    /** Fixed offered rate; latency measured from each request's intended send time. */
    static Result openLoop(
            HttpClient client,
            String path,
            java.util.function.Supplier<byte[]> body,
            int rate,
            int seconds,
            String name)
            throws InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        int total = rate * seconds;
        long period = 1_000_000_000L / rate;
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger errors = new AtomicInteger();
        List<LatencyPlots.Sample> samples = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long intended = start + i * period;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(client, path, body.get())
                    .subscribe(
                            status -> {
                                long latency = System.nanoTime() - intended;
                                synchronized (histogram) {
                                    histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                                    samples.add(new LatencyPlots.Sample((intended - start) / 1e9, latency / 1e6));
                                }
                                if (status != 200) {
                                    errors.incrementAndGet();
                                }
                                done.countDown();
                            },
                            error -> {
                                errors.incrementAndGet();
                                done.countDown();
                            });
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        synchronized (histogram) {
            return new Result(name, total, errors.get(), elapsed, histogram, List.copyOf(samples));
        }
    }

    /** Fixed number of concurrent requests, each sent as soon as the previous one on its connection finished. */
    static Result closedLoop(
            HttpClient client,
            String path,
            java.util.function.Supplier<byte[]> body,
            int concurrency,
            int seconds,
            String name)
            throws InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong requests = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        CountDownLatch workers = new CountDownLatch(concurrency);
        for (int w = 0; w < concurrency; w++) {
            loop(client, path, body, end, histogram, requests, errors, workers);
        }
        workers.await(seconds + 60L, TimeUnit.SECONDS);
        return new Result(name, requests.get(), errors.get(), (System.nanoTime() - start) / 1e9, histogram, List.of());
    }

    private static void loop(
            HttpClient client,
            String path,
            java.util.function.Supplier<byte[]> body,
            long end,
            Histogram histogram,
            AtomicLong requests,
            AtomicInteger errors,
            CountDownLatch workers) {
        if (System.nanoTime() >= end) {
            workers.countDown();
            return;
        }
        long sent = System.nanoTime();
        send(client, path, body.get())
                .subscribe(
                        status -> {
                            synchronized (histogram) {
                                histogram.recordValue(
                                        Math.min(System.nanoTime() - sent, histogram.getHighestTrackableValue()));
                            }
                            requests.incrementAndGet();
                            if (status != 200) {
                                errors.incrementAndGet();
                            }
                            loop(client, path, body, end, histogram, requests, errors, workers);
                        },
                        error -> {
                            errors.incrementAndGet();
                            loop(client, path, body, end, histogram, requests, errors, workers);
                        });
    }

    private static Mono<Integer> send(HttpClient client, String path, byte[] body) {
        return client.post()
                .uri(path)
                .send(ByteBufFlux.fromInbound(Mono.just(Unpooled.wrappedBuffer(body))))
                .responseSingle((response, content) ->
                        content.then(Mono.just(response.status().code())));
    }
}
