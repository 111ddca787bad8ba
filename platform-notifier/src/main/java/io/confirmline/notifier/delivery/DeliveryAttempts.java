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
package io.confirmline.notifier.delivery;

import io.confirmline.notifier.delivery.AnswerRules.Verdict;
import io.confirmline.notifier.delivery.DeliveryStore.Attempt;
import io.confirmline.notifier.delivery.WebhookRequests.UnusableTenantSettings;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One attempt at one claimed delivery, up to the outcome to record (recording it is {@link OutcomeRecorder}'s job).
 *
 * <p>The tenant is looked up in the {@link TenantDirectory} at every attempt, so a new callback URL or a rotated
 * secret counts from the next attempt, with no restart. A disabled tenant's deliveries still go out: its platform
 * must hear how the calls already placed ended.
 *
 * <p>A delivery whose request cannot even be prepared (signing, the URL...) is dead-lettered with the reason: that
 * is one tenant's configuration or one delivery's data, and must not cost the worker a slot or the other tenants
 * their deliveries. A delivery whose tenant is not in the directory (deleted after its status change was taken in)
 * is neither sent nor dropped: each attempt without the tenant counts on the retry schedule, so the delivery goes
 * out if the tenant comes back in time, and is dead-lettered ("Tenant unknown: ...", replayable) if not. An
 * endpoint whose breaker is open has its deliveries postponed, not attempted.
 */
@Component
public class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    /** The start of the reason an attempt without its tenant records. */
    public static final String TENANT_UNKNOWN = "Tenant unknown";

    private final TenantDirectory tenants;
    private final WebhookRequests requests;
    private final WebhookSender sender;
    private final EndpointBreakers breakers;
    private final AnswerRules rules;
    private final DeliveryStore store;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final Clock clock;

    public DeliveryAttempts(
            TenantDirectory tenants,
            WebhookRequests requests,
            WebhookSender sender,
            EndpointBreakers breakers,
            RetrySchedule schedule,
            DeliveryStore store,
            DeliveryMetrics metrics,
            DeliveryProperties properties,
            Clock clock) {
        this.tenants = tenants;
        this.requests = requests;
        this.sender = sender;
        this.breakers = breakers;
        this.rules = new AnswerRules(schedule);
        this.store = store;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** Attempts the delivery; never fails. */
    public Mono<Outcome> attempt(Delivery delivery) {
        Optional<Tenant> tenant = tenants.byId(delivery.tenantId());
        Instant started = clock.instant();
        int number = delivery.attempts() + 1;
        if (tenant.isEmpty()) {
            // Nothing was sent, so the platform's breaker is not involved.
            Attempt attempt = new Attempt(
                    delivery.id(),
                    number,
                    started,
                    0,
                    null,
                    TENANT_UNKNOWN + ": " + delivery.tenantId() + " is not in the tenant directory");
            Outcome outcome = rules.afterFailure(attempt, Optional.empty(), clock.instant());
            if (outcome.kind() == Outcome.Kind.DEAD) {
                log.warn("Delivery {} dead-lettered: {}", delivery.id(), attempt.error());
            }
            return Mono.just(counted(outcome));
        }
        WebhookRequest request;
        try {
            request = requests.prepare(tenant.get(), delivery, started);
        } catch (RuntimeException e) {
            // Not the platform's fault, so its breaker is not involved; the same request would fail the same way
            // until the tenant's settings change, and then the operator replays it.
            String reason = "Could not prepare the webhook: "
                    + (e instanceof UnusableTenantSettings ? e.getMessage() : WebhookSender.describe(e));
            log.warn("Delivery {} of tenant {} dead-lettered. {}", delivery.id(), delivery.tenantId(), reason);
            return Mono.just(counted(Outcome.dead(new Attempt(delivery.id(), number, started, 0, null, reason))));
        }
        CircuitBreaker breaker = breakers.forEndpoint(delivery.tenantId());
        if (!breaker.tryAcquirePermission()) {
            return Mono.just(counted(Outcome.postponed(
                    delivery.id(), started.plus(properties.breaker().openFor()))));
        }
        long startNanos = System.nanoTime();
        return sender.send(request, delivery.traceParent(), started).flatMap(answer -> {
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            metrics.attempt(delivery.tenantId(), answer);
            Attempt attempt =
                    new Attempt(delivery.id(), number, started, durationMs, answer.statusCode(), answer.error());
            Verdict verdict = rules.judge(attempt, answer, clock.instant());
            if (verdict.platformFailed()) {
                breaker.onError(
                        durationMs,
                        TimeUnit.MILLISECONDS,
                        new IllegalStateException(
                                answer.statusCode() == null ? answer.error() : "HTTP " + answer.statusCode()));
            } else {
                breaker.onSuccess(durationMs, TimeUnit.MILLISECONDS);
            }
            Outcome outcome = counted(verdict.outcome());
            if (!verdict.disablesEndpoint()) {
                return Mono.just(outcome);
            }
            log.warn("Tenant {} answered 410 Gone: its endpoint is disabled until enabled again", delivery.tenantId());
            return store.disableEndpoint(delivery.tenantId(), "410 Gone from " + request.url())
                    .thenReturn(outcome);
        });
    }

    private Outcome counted(Outcome outcome) {
        metrics.outcome(outcome.kind());
        return outcome;
    }
}
