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
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #14's "done when": the platform hears a guest's text reply within a second of the text arriving at the
 * ingress. The whole local stack (every application in its own JVM, a real broker, registry and PostgreSQL, both
 * sandboxes) runs with fast timings and 8x8 webhooks sent once.
 *
 * <p><b>Text replies.</b> N text-only bookings (numbers whose sandbox guest never answers a text) become TEXTED;
 * then, paced at {@code bench.rate} per second, each guest's reply "1" is POSTed to the ingress as 8x8's MO webhook
 * (the documented {@code inbound_message_received} body, the tenant's Authorization), the instant taken just
 * before the request. Latency: to the platform sandbox's receipt ({@code receivedAt}) of the booking's
 * {@code reservation.confirmed} (channel SMS).
 *
 * <p><b>Baseline: key presses</b>, the same path for a call. N bookings of guests who press 1, due
 * {@code 1/bench.rate} s apart; the 8x8 sandbox posts each key press (VCA) to the ingress and records when the
 * ingress answered it ({@code "VCA reply"} in its call listing). Latency: from that instant to the platform's
 * receipt of {@code reservation.confirmed} (channel VOICE). Its start is a few milliseconds later than the text's
 * (after, not before, the ingress's answer), which favours the baseline slightly.
 *
 * <p>Run: {@code ./mvnw -q -pl local-stack exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.confirmline.local.bench.SmsReplyBenchmark} ({@code -Dbench.count=300 -Dbench.rate=20}).
 */
public final class SmsReplyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int count = Integer.getInteger("bench.count", 300);
    private final int rate = Integer.getInteger("bench.rate", 20);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private LocalStack stack;
    private PlatformClient platform;

    public static void main(String[] args) {
        BenchmarkMain.runAndExit(() -> new SmsReplyBenchmark().run());
    }

    private void run() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        LocalStack.Timings fast = LocalStack.Timings.fast();
        // Every webhook once: a duplicate VCA or MO is answered and dropped, and would only add load to one side.
        LocalStack.Timings timings = new LocalStack.Timings(
                fast.ring(),
                fast.speech(),
                fast.reaction(),
                fast.retryDelay(),
                fast.keyWait(),
                fast.summaryTimeout(),
                fast.notifierRetrySchedule(),
                fast.breakerOpenFor(),
                false,
                fast.dialTimeout());
        // exec:java runs in Maven's working directory (the repository), a test JVM in the module's.
        Path here = Path.of("").toAbsolutePath();
        Path repository = java.nio.file.Files.isDirectory(here.resolve("call-orchestrator")) ? here : here.getParent();
        stack = LocalStack.start(
                repository,
                LocalStack.Ports.free(),
                timings,
                new LocalStack.Database(db.jdbcUrl(), db.r2dbcUrl(), db.username(), db.password()),
                repository.resolve("local-stack/target/bench-logs"));
        try {
            platform = new PlatformClient(stack.url("platform-sandbox"), stack.url("call-orchestrator"));
            System.out.printf(Locale.ROOT, "Stack up. %d bookings per path, %d per second.%n", count, rate);
            System.out.flush();
            platform.awaitBookingsFlow(Duration.ofMinutes(2));
            warmUp();
            List<Double> texts = textReplies("+3460110", count);
            List<Double> keys = keyPresses("+3460120", count);
            report(texts, keys);
        } finally {
            stack.close();
        }
    }

    /** A few of each, unmeasured: the first requests of every JVM are slow (class loading, JIT, pools). */
    private void warmUp() throws Exception {
        int n = Math.min(30, count);
        textReplies("+3460130", n);
        keyPresses("+3460140", n);
        System.out.println("Warm-up done.");
    }

    /**
     * Phone {@code prefix}NNN{@code last}, a valid Spanish mobile number (+34 and nine digits; the orchestrator
     * refuses an invalid one): a distinct number per booking, whose last digit picks the sandbox guest.
     */
    private static String phone(String prefix, int i, char last) {
        if (i > 999) {
            throw new IllegalArgumentException("at most 1000 bookings per path");
        }
        return prefix + String.format(Locale.ROOT, "%03d", i) + last;
    }

    private List<Double> textReplies(String prefix, int n) throws Exception {
        Map<String, String> bookings = new LinkedHashMap<>(); // reservationId → phone
        for (int i = 0; i < n; i++) {
            String id = "bench-text-" + UUID.randomUUID();
            // Last digit 4: the sandbox guest never answers the text, so only our reply decides.
            String phone = phone(prefix, i, '4');
            platform.publishReservation(id, "CREATED", 1, PlatformClient.dueNow(), phone, true);
            bookings.put(id, phone);
        }
        awaitStatus(bookings.keySet(), "TEXTED", Duration.ofMinutes(3));
        System.out.println(n + " text-only bookings TEXTED; replying.");

        Map<String, Instant> sent = new HashMap<>();
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int i = 0;
        for (Map.Entry<String, String> booking : bookings.entrySet()) {
            long due = start + i++ * intervalNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(stack.url("webhook-ingress") + "/webhooks/8x8/sms/inbound"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", LocalStack.WEBHOOK_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(mo(booking.getValue(), "1")))
                    .build();
            sent.put(booking.getKey(), Instant.now());
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        for (CompletableFuture<HttpResponse<Void>> answer : answers) {
            int status = answer.get().statusCode();
            if (status != 200) {
                throw new IllegalStateException("The ingress answered an MO " + status);
            }
        }
        Map<String, Instant> confirmed = awaitStatus(bookings.keySet(), "CONFIRMED", Duration.ofMinutes(3));
        List<Double> latencies = new ArrayList<>();
        for (String id : bookings.keySet()) {
            latencies.add(Duration.between(sent.get(id), confirmed.get(id)).toNanos() / 1e6);
        }
        return latencies;
    }

    private List<Double> keyPresses(String prefix, int n) throws Exception {
        Map<String, String> bookings = new LinkedHashMap<>();
        Instant first = PlatformClient.dueNow();
        for (int i = 0; i < n; i++) {
            String id = "bench-call-" + UUID.randomUUID();
            // Last digit 1: the sandbox guest answers and presses 1. Due 1/rate s apart, as the texts were sent.
            String phone = phone(prefix, i, '1');
            platform.publishReservation(id, "CREATED", 1, first.plusNanos(i * (1_000_000_000L / rate)), phone, false);
            bookings.put(id, phone);
        }
        Map<String, Instant> confirmed = awaitStatus(bookings.keySet(), "CONFIRMED", Duration.ofMinutes(5));
        System.out.println(n + " called bookings CONFIRMED by key press.");
        Map<String, Instant> keyAnswered = keyPressesAnswered();
        List<Double> latencies = new ArrayList<>();
        for (Map.Entry<String, String> booking : bookings.entrySet()) {
            Instant pressed = keyAnswered.get(booking.getValue());
            if (pressed == null) {
                throw new IllegalStateException("No VCA reply in the sandbox's call to " + booking.getValue());
            }
            latencies.add(
                    Duration.between(pressed, confirmed.get(booking.getKey())).toNanos() / 1e6);
        }
        return latencies;
    }

    /** Per destination, when the ingress answered the call's first key press (the sandbox's "VCA reply" event). */
    private Map<String, Instant> keyPressesAnswered() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(stack.url("eightbyeight-sandbox") + "/sandbox/calls"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Instant> out = new HashMap<>();
        for (JsonNode call : JSON.readTree(response.body())) {
            for (JsonNode event : call.path("events")) {
                String text = event.asString();
                if (text.contains(" VCA reply")) {
                    out.putIfAbsent(
                            call.path("destination").asString(), Instant.parse(text.substring(0, text.indexOf(' '))));
                    break;
                }
            }
        }
        return out;
    }

    /** Waits until the platform received {@code status} for every booking; when each arrived. */
    private Map<String, Instant> awaitStatus(java.util.Set<String> ids, String status, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Map<String, Instant> at = new HashMap<>();
            for (PlatformClient.Received r : platform.received()) {
                if (status.equals(r.status()) && ids.contains(r.subjectId()) && !r.completion()) {
                    at.putIfAbsent(r.subjectId(), r.receivedAt());
                }
            }
            if (at.size() == ids.size()) {
                return at;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        at.size() + " of " + ids.size() + " bookings reached " + status + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** 8x8's MO webhook body (8x8-voice-api.md §7.1): the guest's text to the tenant's SMS number. */
    private static String mo(String from, String body) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("umid", UUID.randomUUID().toString());
        payload.put("subAccountId", LocalStack.SMS_SUBACCOUNT);
        payload.put("timestamp", Instant.now().toString());
        payload.put("source", from);
        payload.put("destination", LocalStack.SMS_NUMBER);
        payload.put("body", body);
        payload.put("encoding", "GSM7");
        payload.put("smsCount", 1);
        return JSON.writeValueAsString(Map.of(
                "namespace",
                "SMS",
                "eventType",
                "inbound_message_received",
                "description",
                "SMS inbound message",
                "payload",
                payload));
    }

    private void report(List<Double> texts, List<Double> keys) {
        System.out.println();
        System.out.println("| path | bookings | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        row("baseline: key press (VCA) → platform reservation.confirmed", keys);
        row("text reply (MO \"1\") → platform reservation.confirmed", texts);
        System.out.printf(
                Locale.ROOT,
                "%nRatio text / key press: p50 %.2f, p99 %.2f%n",
                percentile(texts, 50) / percentile(keys, 50),
                percentile(texts, 99) / percentile(keys, 99));
        System.out.printf(
                Locale.ROOT,
                "Texts heard within 1 s: %d of %d%n",
                texts.stream().filter(l -> l <= 1000).count(),
                texts.size());
    }

    private static void row(String name, List<Double> latencies) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n",
                name,
                latencies.size(),
                percentile(latencies, 50),
                percentile(latencies, 95),
                percentile(latencies, 99),
                percentile(latencies, 100));
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
