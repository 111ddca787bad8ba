package io.confirmline.orchestrator.call;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * When a call that did not reach the guest is tried again.
 *
 * @param maxAttempts attempts in all, the first included
 * @param delay the wait after an attempt before the next
 * @param nextCallingMoment the earliest moment at or after an instant inside calling hours (null if none soon)
 */
public record RetryPolicy(int maxAttempts, Duration delay, UnaryOperator<Instant> nextCallingMoment) {
}
