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

import io.confirmline.background.PollingLoop;
import io.confirmline.kafka.TraceParents;
import io.confirmline.orchestrator.dialing.DialPlans.DialPlan;
import io.confirmline.orchestrator.dialing.Placements.Placement;
import io.confirmline.orchestrator.outbox.TraceParent;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.tenant.Tenant;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Places due confirmation calls, a claimed batch at a time: {@link DueCalls} claims them with a lease and
 * {@link DialTriage} sorts them by tenant and limits. Those holding their tenant's permit now are checked and marked
 * DIALING together in one statement ({@link PreDial#markAll}), committed before 8x8 is asked; their Send Callflow
 * requests go out ({@link CallflowsClient}) and what 8x8 answered is recorded for the batch at once
 * ({@link Placements}), while the next batch is claimed and sent ({@link RecordingOneBehind}). A call whose permit is
 * not free now (the tenant's rate or concurrency limit), a voice message, and a call the batch check did not mark go
 * one at a time: permit, check and mark, request, record. A crash, a timeout or an error after the mark can
 * therefore never dial a call twice, and never leave it stuck: the attempt's outcome is unknown until its session
 * summary arrives (matched by the {@code clientRequestId} we sent, the attempt id) or the deadline passes, when the
 * outcome sweep closes it as lost and retries or concludes it. A switched-off tenant's due calls are not dialed but
 * end SKIPPED (messages NOT_DELIVERED), which the platform hears.
 */
@Component
public class Dialer {

    private static final Logger log = LoggerFactory.getLogger(Dialer.class);

    private final DueCalls dueCalls;
    private final PreDial preDial;
    private final DialPlans plans;
    private final CallflowsClient client;
    private final Placements placements;
    private final DialMetrics metrics;
    private final DialingProperties properties;
    private final Tenants tenants;
    private final Tracer tracer;
    private final Clock clock;
    private final TenantLimits limits = new TenantLimits(System::nanoTime);
    private final DialTriage triage;
    private final RecordingOneBehind recording;
    /** Asks the loop that runs this dialer to look again at a moment (the next call's due time). */
    private volatile Consumer<Instant> wakeAt = moment -> {};

    Dialer(
            DueCalls dueCalls,
            PreDial preDial,
            DialPlans plans,
            CallflowsClient client,
            Placements placements,
            DialMetrics metrics,
            DialingProperties properties,
            Tenants tenants,
            Clock clock,
            ObjectProvider<Tracer> tracer) {
        this.dueCalls = dueCalls;
        this.preDial = preDial;
        this.plans = plans;
        this.client = client;
        this.placements = placements;
        this.metrics = metrics;
        this.properties = properties;
        this.tenants = tenants;
        this.clock = clock;
        this.tracer = tracer.getIfAvailable();
        this.triage = new DialTriage(tenants::byId, limits, properties.rateWait());
        this.recording = new RecordingOneBehind(placements::recordAll, Duration.ofSeconds(30));
    }

    /** The loop that runs this dialer, woken when the next scheduled call falls due. */
    public void wakeWith(PollingLoop loop) {
        this.wakeAt = loop::wakeAt;
    }

    /**
     * Claims and dials one batch; returns how many calls were claimed. A round that finds nothing due asks the loop
     * to wake when the next scheduled call falls due.
     */
    public int dialOnce() {
        List<DueCall> claimed = dueCalls.claim();
        if (claimed.isEmpty()) {
            dueCalls.nextDue().ifPresent(wakeAt);
            return 0;
        }
        DialTriage.Sorted batch = triage.sort(claimed);
        if (!batch.givenBack().isEmpty()) {
            dueCalls.giveBack(batch.givenBack()); // the next claim takes them, while this batch's wait stays short
        }
        List<DialTriage.Permit> permitted = batch.permitted();
        List<Mono<?>> oneByOne = new ArrayList<>();
        batch.switchedOff().forEach(call -> oneByOne.add(logged(call, preDial.notDialed(call))));
        batch.oneByOne()
                .forEach(waiting -> oneByOne.add(logged(
                        waiting.call(), throttled(waiting.limits(), dialOne(waiting.call(), waiting.tenant())))));
        Duration atMost = properties.batchBound();
        List<Placement> answered;
        try {
            answered = dialTogether(permitted)
                    .onErrorResume(error -> {
                        log.error("Dialing a batch of {} calls failed: {}", permitted.size(), error.toString());
                        return Mono.empty();
                    })
                    .block(atMost);
        } finally {
            permitted.forEach(DialTriage.Permit::release);
        }
        if (answered != null && !answered.isEmpty()) {
            recording.record(answered); // here, on the loop's own thread (RecordingOneBehind says why)
        }
        Flux.fromIterable(oneByOne)
                .flatMap(dial -> dial, properties.concurrency())
                .then()
                .block(atMost);
        return claimed.size();
    }

    /**
     * Dials one call now, without waiting for the poller: for a call whose creator already holds its lease
     * ({@code leaseUntil}, as stored), such as a voice message requested over HTTP. Empty when the call is no longer
     * held by that lease or was not dialed.
     */
    public Mono<PlaceCallResult> dialNow(UUID callId, Instant leaseUntil) {
        return dueCalls.heldBy(callId, leaseUntil).flatMap(call -> {
            Tenant tenant = tenants.byId(call.tenantId()).orElse(null);
            if (tenant == null) {
                return Mono.error(new IllegalStateException(
                        "Call " + call.id() + " belongs to unknown tenant " + call.tenantId()));
            }
            if (!tenant.enabled()) {
                return preDial.notDialed(call).then(Mono.<PlaceCallResult>empty());
            }
            return throttled(limits.of(tenant), dialOne(call, tenant));
        });
    }

    /** The batch path: one check-and-mark statement and the requests; the answers, to be recorded together. */
    private Mono<List<Placement>> dialTogether(List<DialTriage.Permit> permitted) {
        if (permitted.isEmpty()) {
            return Mono.empty();
        }
        Map<UUID, DialTriage.Permit> byId = new HashMap<>();
        permitted.forEach(permit -> byId.put(permit.call().id(), permit));
        return preDial.markAll(permitted.stream().map(DialTriage.Permit::call).toList())
                .flatMap(batch -> {
                    Mono<List<Placement>> marked = Flux.fromIterable(batch.marked())
                            .flatMap(
                                    m -> {
                                        DialTriage.Permit permit =
                                                byId.get(m.call().id());
                                        DialPlan plan = plans.booking(
                                                m.call(), permit.tenant(), m.attemptId(), m.booking(), m.dialedAt());
                                        return traced(
                                                        m.call(),
                                                        trace -> send(
                                                                m.call(), permit.tenant(), plan, m.dialedAt(), trace))
                                                .doFinally(signal -> permit.release());
                                    },
                                    properties.concurrency())
                            .collectList();
                    // Moved, cancelled, opted out, too late, text-only or taken over: each decided on its own, permit
                    // in hand.
                    Mono<Void> others = Flux.fromIterable(batch.others())
                            .flatMap(
                                    call -> logged(
                                                    call,
                                                    dialOne(
                                                            call,
                                                            byId.get(call.id()).tenant()))
                                            .doFinally(signal ->
                                                    byId.get(call.id()).release()),
                                    properties.concurrency())
                            .then();
                    return marked.flatMap(answered -> others.thenReturn(answered));
                });
    }

    /** Lets the last batch's recording finish when the application stops. */
    @PreDestroy
    void finishRecording() throws InterruptedException {
        recording.finish(Duration.ofSeconds(10));
    }

    /** One call, its permit already taken: checked and marked on its own, sent, its answer recorded. */
    private Mono<PlaceCallResult> dialOne(DueCall call, Tenant tenant) {
        return traced(call, trace -> {
            Instant now = clock.instant();
            String attemptId = DialPlans.attemptId(call);
            Mono<DialPlan> plan = call.voiceMessage()
                    ? preDial.prepareMessage(call, attemptId, now)
                            .map(message -> plans.message(call, tenant, attemptId, message))
                    : preDial.prepare(call, attemptId, now)
                            .map(booking -> plans.booking(call, tenant, attemptId, booking, now));
            return plan.flatMap(p -> send(call, tenant, p, now, trace))
                    .flatMap(placement ->
                            placements.recordAll(List.of(placement)).thenReturn(placement.result()));
        });
    }

    private Mono<Placement> send(DueCall call, Tenant tenant, DialPlan plan, Instant dialedAt, String trace) {
        return Mono.defer(() -> {
            metrics.sending(call);
            return client.placeCall(
                            tenant.account().voiceSubaccountId(),
                            tenant.account().apiKey().value(),
                            plan.body())
                    .doOnNext(metrics::answered)
                    .map(result -> new Placement(call, plan, dialedAt, result, trace));
        });
    }

    /**
     * Runs {@code work} in the booking's trace (continued from the call's {@code trace_parent}): what it writes to the
     * outbox, and the Send Callflow request, belong to it.
     */
    private <T> Mono<T> traced(DueCall call, java.util.function.Function<String, Mono<T>> work) {
        Span span = TraceParents.continueFrom(tracer, call.traceParent(), "dial");
        if (span == null) {
            return Mono.defer(() -> work.apply(null));
        }
        String trace = TraceParents.of(span);
        return Mono.defer(() -> work.apply(trace))
                .contextWrite(TraceParent.of(trace))
                .doFinally(signal -> span.end());
    }

    /**
     * The tenant's rate and concurrency limits around checking, marking and sending one call: the permit is taken
     * before DIALING is committed, so a call marked DIALING is asked of 8x8 at once, never left waiting for a slot
     * (where a crash would leave an attempt that was never made).
     */
    private <T> Mono<T> throttled(TenantLimits.Limits tenantLimits, Mono<T> request) {
        return Mono.fromCallable(tenantLimits::acquire)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(wait -> Mono.delay(wait)
                        .then(request)
                        .doFinally(signal -> tenantLimits.slots().release()));
    }

    private static <T> Mono<T> logged(DueCall call, Mono<T> dial) {
        return dial.onErrorResume(error -> {
            log.error("Dialing call {} failed: {}", call.id(), error.toString());
            return Mono.empty();
        });
    }
}
