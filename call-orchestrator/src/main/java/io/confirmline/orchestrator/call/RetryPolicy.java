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
public record RetryPolicy(int maxAttempts, Duration delay, UnaryOperator<Instant> nextCallingMoment) {}
