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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The dialer's meters: how late calls leave (due time to Send Callflow) and what 8x8 answered. */
@Component
class DialMetrics {

    private final MeterRegistry meters;
    private final Timer dialLag;
    private final Clock clock;

    DialMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.dialLag = Timer.builder("confirmline_orchestrator_dial_lag")
                .description("From a call's due time to its Send Callflow request")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** Just before the Send Callflow request goes out. */
    void sending(DueCall call) {
        if (call.dueAt() != null) {
            dialLag.record(Duration.between(call.dueAt(), clock.instant()).abs());
        }
    }

    void answered(PlaceCallResult result) {
        meters.counter(
                        "confirmline_orchestrator_placements",
                        "result",
                        result.getClass().getSimpleName().toLowerCase(Locale.ROOT))
                .increment();
    }
}
