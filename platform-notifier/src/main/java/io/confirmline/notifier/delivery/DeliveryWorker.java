package io.confirmline.notifier.delivery;

import io.confirmline.notifier.delivery.DeliveryStore.Attempt;
import io.confirmline.notifier.delivery.WebhookRequests.UnusableTenantSettings;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Sends due deliveries. One loop claims deliveries (a lease, with SKIP LOCKED) whenever it has room for more in
 * flight; each attempt runs on its own, so a slow platform holds only its own deliveries. Redirects are not
 * followed: the callback URL is the tenant's configured one and nothing else.
 *
 * <p>The tenant is looked up in the {@link TenantDirectory} at every attempt, so a new callback URL or a rotated
 * secret counts from the next attempt, with no restart. A disabled tenant's deliveries still go out: its platform
 * must hear how the calls already placed ended. Nothing is claimed until the directory has caught up with
 * {@code tenants.v1}, so a starting instance does not take every tenant for unknown.
 *
 * <p>Outcomes: 2xx delivered; 410 disables the endpoint and dead-letters the delivery; 408, 429 (honouring
 * {@code Retry-After}), 5xx, timeouts and connection errors are retried on the schedule, then dead-lettered; any
 * other answer (3xx, 4xx) is dead-lettered at once: sending the same request again would get the same answer.
 * A delivery whose request cannot even be prepared (signing, the URL...) is dead-lettered with the reason: that is
 * one tenant's configuration or one delivery's data, and must not cost the worker a slot or the other tenants
 * their deliveries. A delivery whose tenant is not in the directory (deleted after its status change was taken
 * in) is neither sent nor dropped: each attempt without the tenant counts on the retry schedule, so the delivery
 * goes out if the tenant comes back in time, and is dead-lettered ("Tenant unknown: ...", replayable) if not.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    /** The start of the reason an attempt without its tenant records. */
    public static final String TENANT_UNKNOWN = "Tenant unknown";

    private final DeliveryStore store;
    private final TenantDirectory tenants;
    private final DeliveryProperties properties;
    private final RetrySchedule schedule;
    private final EndpointBreakers breakers;
    private final io.micrometer.tracing.Tracer tracer;
    private final Clock clock;
    private final Semaphore inFlight;
    private final WebhookRequests requests;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private volatile Outbound outbound;
    private volatile boolean running;
    private volatile Thread loop;

    public DeliveryWorker(DeliveryStore store, TenantDirectory tenants, DeliveryProperties properties, RetrySchedule schedule,
            EndpointBreakers breakers, WebhookRequests requests, Clock clock, MeterRegistry meters,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
        this.tracer = tracer.getIfAvailable();
        this.requests = requests;
        this.store = store;
        this.tenants = tenants;
        this.properties = properties;
        this.schedule = schedule;
        this.breakers = breakers;
        this.clock = clock;
        this.meters = meters;
        this.inFlight = new Semaphore(properties.concurrency());
    }

    /**
     * The outbound client: connections and event loops of its own, so platforms that are slow or dead do not share
     * them with the inbound API, and stopping this worker stops exactly what it started. Made at each start, since
     * a stopped worker may be started again (a paused context).
     */
    private record Outbound(ConnectionProvider connections, LoopResources loops, WebClient http) {

        static Outbound open(DeliveryProperties properties) {
            ConnectionProvider connections = ConnectionProvider.builder("platform-webhooks")
                    .maxConnections(properties.concurrency() * 2).pendingAcquireMaxCount(-1).build();
            LoopResources loops = LoopResources.create("platform-webhooks", 2, true);
            HttpClient client = HttpClient.create(connections).runOn(loops)
                    .followRedirect(false)
                    .responseTimeout(properties.timeout())
                    .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
                            (int) Math.min(properties.timeout().toMillis(), 5_000));
            return new Outbound(connections, loops,
                    WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build());
        }

        void close() {
            connections.dispose();
            loops.dispose();
        }
    }

    /** New work arrived: look for due deliveries now rather than at the next poll. */
    public void wake() {
        Thread current = loop;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    private void run() {
        while (running) {
            try {
                if (!tenants.isCaughtUp()) {
                    LockSupport.parkNanos(properties.pollInterval().toNanos());
                    continue;
                }
                // Claim in batches: wait until there is room for at least half a batch, so a busy worker does not
                // run the claim query for one delivery at a time.
                int halfBatch = Math.max(1, Math.min(properties.batchSize(), properties.concurrency()) / 2);
                if (!inFlight.tryAcquire(halfBatch, properties.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                    continue;
                }
                inFlight.release(halfBatch);
                int room = inFlight.availablePermits();
                List<Delivery> claimed = store.claim(Math.min(room, properties.batchSize()), properties.lease())
                        .collectList().block(Duration.ofSeconds(30));
                if (claimed == null || claimed.isEmpty()) {
                    LockSupport.parkNanos(properties.pollInterval().toNanos());
                    continue;
                }
                for (Delivery delivery : claimed) {
                    inFlight.acquire();
                    // Deferred, so that even an exception thrown while the attempt is being put together ends in
                    // doFinally: a slot that is never released is lost for good.
                    Mono.defer(() -> attempt(delivery)).doFinally(signal -> inFlight.release())
                            .subscribe(null, error -> log.error("Delivery {} could not be recorded: {}",
                                    delivery.id(), error.toString()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Delivery loop: {}", e.toString());
                LockSupport.parkNanos(properties.pollInterval().toNanos());
            }
        }
    }

    /** The answer to one attempt: a status code, or the error that stood in for one. */
    record Answer(Integer statusCode, Optional<Duration> retryAfter, String error) {
    }

    Mono<Void> attempt(Delivery delivery) {
        Optional<Tenant> tenant = tenants.byId(delivery.tenantId());
        Instant started = clock.instant();
        int number = delivery.attempts() + 1;
        if (tenant.isEmpty()) {
            return withoutTenant(delivery, new Attempt(delivery.id(), number, started, 0, null,
                    TENANT_UNKNOWN + ": " + delivery.tenantId() + " is not in the tenant directory"));
        }
        WebhookRequest request;
        try {
            request = requests.prepare(tenant.get(), delivery, started);
        } catch (RuntimeException e) {
            // Not the platform's fault, so its breaker is not involved; the same request would fail the same way
            // until the tenant's settings change, and then the operator replays it.
            count("dead");
            String reason = "Could not prepare the webhook: "
                    + (e instanceof UnusableTenantSettings ? e.getMessage() : describe(e));
            log.warn("Delivery {} of tenant {} dead-lettered. {}", delivery.id(), delivery.tenantId(), reason);
            return store.dead(delivery, new Attempt(delivery.id(), number, started, 0, null, reason));
        }
        CircuitBreaker breaker = breakers.forEndpoint(delivery.tenantId());
        if (!breaker.tryAcquirePermission()) {
            count("postponed");
            return store.postpone(delivery, started.plus(properties.breaker().openFor()));
        }
        long startNanos = System.nanoTime();
        return send(request, delivery, started).flatMap(answer -> {
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            countAttempt(delivery.tenantId(), answer);
            Attempt attempt = new Attempt(delivery.id(), number, started, durationMs, answer.statusCode(), answer.error());
            return settle(delivery, request, breaker, attempt, answer, durationMs);
        });
    }

    /**
     * Nothing was sent: the attempt counts on the schedule (so a tenant that never comes back does not hold its
     * subjects' queues for ever), and the delivery waits for the next one. The platform's breaker is not involved.
     */
    private Mono<Void> withoutTenant(Delivery delivery, Attempt attempt) {
        Optional<Instant> next = schedule.next(clock.instant(), attempt.number(), Optional.empty());
        if (next.isEmpty()) {
            count("dead");
            log.warn("Delivery {} dead-lettered: {}", delivery.id(), attempt.error());
            return store.dead(delivery, attempt);
        }
        count("retried");
        return store.retryLater(delivery, attempt, next.get());
    }

    private Mono<Answer> send(WebhookRequest request, Delivery delivery, Instant now) {
        // Each attempt is a span in the status change's trace; the platform gets its traceparent.
        io.micrometer.tracing.Span span = io.confirmline.kafka.TraceParents.continueFrom(tracer, delivery.traceParent(),
                "platform webhook");
        Mono<Answer> answer = post(request, now, span == null ? null : io.confirmline.kafka.TraceParents.of(span));
        return span == null ? answer : answer.doFinally(signal -> span.end());
    }

    private Mono<Answer> post(WebhookRequest request, Instant now, String traceparent) {
        return outbound.http().post().uri(request.url())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    request.headers().forEach(headers::set);
                    if (traceparent != null) {
                        headers.set(io.confirmline.kafka.TraceParents.HEADER, traceparent);
                    }
                })
                .bodyValue(request.body())
                .exchangeToMono(response -> response.releaseBody().thenReturn(new Answer(response.statusCode().value(),
                        retryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), now), null)))
                .timeout(properties.timeout().plusSeconds(1))
                .onErrorResume(error -> Mono.just(new Answer(null, Optional.empty(), describe(error))));
    }

    private Mono<Void> settle(Delivery delivery, WebhookRequest request, CircuitBreaker breaker, Attempt attempt, Answer answer,
            long durationMs) {
        Integer code = answer.statusCode();
        if (code != null && code >= 200 && code < 300) {
            breaker.onSuccess(durationMs, TimeUnit.MILLISECONDS);
            count("succeeded");
            return store.succeeded(delivery, attempt);
        }
        if (code != null && code == 410) {
            breaker.onSuccess(durationMs, TimeUnit.MILLISECONDS);
            count("dead");
            log.warn("Tenant {} answered 410 Gone: its endpoint is disabled until enabled again", delivery.tenantId());
            return store.disableEndpoint(delivery.tenantId(), "410 Gone from " + request.url())
                    .then(store.dead(delivery, withError(attempt, "410 Gone: endpoint disabled")));
        }
        boolean retryable = code == null || code == 408 || code == 429 || code >= 500;
        if (!retryable) {
            breaker.onSuccess(durationMs, TimeUnit.MILLISECONDS);
            count("dead");
            return store.dead(delivery, withError(attempt, code >= 300 && code < 400
                    ? "HTTP " + code + ": redirects are not followed" : "HTTP " + code + ": not retried"));
        }
        breaker.onError(durationMs, TimeUnit.MILLISECONDS, new IllegalStateException(describe(attempt)));
        Attempt failed = code == null ? attempt : withError(attempt, "HTTP " + code);
        Optional<Instant> next = schedule.next(clock.instant(), attempt.number(), answer.retryAfter());
        if (next.isEmpty()) {
            count("dead");
            return store.dead(delivery, failed);
        }
        count("retried");
        return store.retryLater(delivery, failed, next.get());
    }

    private static Attempt withError(Attempt a, String error) {
        return new Attempt(a.deliveryId(), a.number(), a.startedAt(), a.durationMs(), a.statusCode(), error);
    }

    private static String describe(Attempt a) {
        return a.statusCode() == null ? a.error() : "HTTP " + a.statusCode();
    }

    private static String describe(Throwable error) {
        if (error instanceof TimeoutException || error.getClass().getSimpleName().contains("Timeout")) {
            return "Timed out waiting for the platform";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = java.time.ZonedDateTime.parse(header.trim(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (java.time.format.DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    private void countAttempt(String tenantId, Answer answer) {
        String result = answer.statusCode() == null ? "error" : (answer.statusCode() / 100) + "xx";
        counters.computeIfAbsent("attempt|" + tenantId + "|" + result, key -> Counter.builder("confirmline.notifier.attempts")
                .description("HTTP attempts per endpoint, by result: 2xx, 4xx, 5xx, error (timeout or connection)")
                .tag("tenant", tenantId).tag("result", result).register(meters)).increment();
    }

    private void count(String outcome) {
        counters.computeIfAbsent(outcome, o -> Counter.builder("confirmline.notifier.deliveries")
                .description("Delivery outcomes: succeeded, retried, dead, postponed (breaker open)")
                .tag("outcome", o).register(meters)).increment();
    }

    @Override
    public void start() {
        outbound = Outbound.open(properties);
        running = true;
        Thread thread = new Thread(this::run, "delivery-loop");
        thread.setDaemon(true);
        loop = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        Thread current = loop;
        if (current != null) {
            try {
                current.join(5_000);
                // Let attempts in flight finish and record their outcome (their leases would expire otherwise),
                // then give the slots back for a later start.
                if (inFlight.tryAcquire(properties.concurrency(), properties.timeout().toMillis() + 2_000,
                        TimeUnit.MILLISECONDS)) {
                    inFlight.release(properties.concurrency());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Outbound client = outbound;
        if (client != null) {
            client.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
