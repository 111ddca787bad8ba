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
package io.confirmline.ingress.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Webhooks by type and outcome, and how long the guest waited for the VCA reply. */
@Component
public class WebhookMetrics {

    /** The voice and SMS event types 8x8 documents (8x8-voice-api.md); the {@code type} tag takes only these. */
    static final Set<String> KNOWN_TYPES = Set.of(
            "CALL_ACTION",
            "SESSION_SUMMARY",
            "CALL_STATUS",
            "inbound_message_received",
            "outbound_message_status_changed");

    static final String OTHER_TYPE = "other";

    private final MeterRegistry meters;
    private final Timer vcaReply;
    private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    public WebhookMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.vcaReply = Timer.builder("confirmline.ingress.vca.reply")
                .description("Time from receiving a VCA webhook to having its reply ready")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(100))
                .register(meters);
    }

    /**
     * @param type the 8x8 eventType (CALL_ACTION, SESSION_SUMMARY, CALL_STATUS, inbound_message_received,
     *     outbound_message_status_changed) or the endpoint's when unknown;
     *     it comes from the request body, so any other value is counted as {@code other} (a tag per value sent
     *     would let a caller create meters without bound)
     * @param outcome published, ignored, rejected, unauthorized, unavailable, dropped, duplicate, answered (an
     *     inbound call's VCA that gave rise to no event)
     */
    public void count(String type, String outcome) {
        String tag = KNOWN_TYPES.contains(type) ? type : OTHER_TYPE;
        counters.computeIfAbsent(
                        tag + '|' + outcome,
                        key -> Counter.builder("confirmline.ingress.webhooks")
                                .description("8x8 webhooks received, by event type and outcome")
                                .tag("type", tag)
                                .tag("outcome", outcome)
                                .register(meters))
                .increment();
    }

    /**
     * What an inbound call's VCA was answered with.
     *
     * @param outcome one of the fixed set of {@code InboundCallAnswer.outcome()} (menu, reprompt, confirmed...)
     */
    public void inboundCall(String outcome) {
        counters.computeIfAbsent(
                        "inbound|" + outcome,
                        key -> Counter.builder("confirmline.ingress.inbound.call.answers")
                                .description(
                                        "VCAs of calls guests made to a tenant's number, by what they were answered with")
                                .tag("outcome", outcome)
                                .register(meters))
                .increment();
    }

    public void vcaReplyTook(long nanos) {
        vcaReply.record(Duration.ofNanos(nanos));
    }
}
