package io.confirmline.notifier.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/**
 * A circuit breaker per endpoint (per tenant): when most recent attempts to one platform fail, its deliveries are
 * held back for a while instead of each waiting out a timeout, so one dead platform does not use up the
 * attempts in flight that the others need. Held-back deliveries are postponed, not counted as attempts.
 */
@Component
public class EndpointBreakers {

    private final CircuitBreakerRegistry registry;

    public EndpointBreakers(DeliveryProperties properties) {
        DeliveryProperties.Breaker breaker = properties.breaker();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.window())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    public CircuitBreaker forEndpoint(String tenantId) {
        return registry.circuitBreaker(tenantId);
    }
}
