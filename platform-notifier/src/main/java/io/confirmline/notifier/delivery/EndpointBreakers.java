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
