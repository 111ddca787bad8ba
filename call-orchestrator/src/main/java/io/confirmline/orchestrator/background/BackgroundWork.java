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
package io.confirmline.orchestrator.background;

import io.confirmline.background.PollingLoop;
import io.confirmline.orchestrator.booking.BookingProperties;
import io.confirmline.orchestrator.booking.BookingTombstones;
import io.confirmline.orchestrator.call.CallProgress;
import io.confirmline.orchestrator.call.OutcomeProperties;
import io.confirmline.orchestrator.call.ParkedEvents;
import io.confirmline.orchestrator.conversation.AutomaticAnswers;
import io.confirmline.orchestrator.conversation.ConversationProperties;
import io.confirmline.orchestrator.conversation.TextSender;
import io.confirmline.orchestrator.dialing.Dialer;
import io.confirmline.orchestrator.dialing.DialingProperties;
import io.confirmline.orchestrator.outbox.OutboxProperties;
import io.confirmline.orchestrator.retention.Retention;
import io.confirmline.orchestrator.retention.RetentionProperties;
import io.confirmline.outbox.OutboxRelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The orchestrator's background threads: the dialer, the outcome sweep, the outbox relay, retention and the
 * bookings.v1 tombstones.
 */
@Configuration
class BackgroundWork {

    @Bean
    PollingLoop dialerLoop(Dialer dialer, DialingProperties properties) {
        PollingLoop loop = new PollingLoop("dialer", dialer::dialOnce, properties.pollInterval());
        dialer.wakeWith(loop);
        return loop;
    }

    /** Waits that ran out (no key after a summary, no summary at all) and events parked for unknown sessions. */
    @Bean
    PollingLoop outcomeLoop(CallProgress progress, ParkedEvents parked, OutcomeProperties properties) {
        return new PollingLoop(
                "call-outcomes", () -> progress.settleDue() + parked.retryOnce(), properties.pollInterval());
    }

    /** Texts that are due (the fallback after quiet hours, acknowledgements, owners' replies) and their retries. */
    @Bean
    PollingLoop textSenderLoop(TextSender sender, DialingProperties properties) {
        return new PollingLoop("text-sender", sender::sendOnce, properties.pollInterval());
    }

    /** Guests' texts whose owner's window has passed: the assistant or a template answers (issue #17). */
    @Bean
    PollingLoop automaticAnswersLoop(AutomaticAnswers answers, ConversationProperties properties) {
        return new PollingLoop("automatic-answers", answers::answerDue, properties.answerPollInterval());
    }

    @Bean
    PollingLoop outboxRelayLoop(OutboxRelay relay, OutboxProperties properties) {
        // Woken by every commit that writes outbox rows (Outbox); the poll is the backstop (OutboxProperties).
        PollingLoop loop = new PollingLoop("outbox-relay", relay::relayOnce, properties.pollInterval());
        relay.wakeWith(loop);
        return loop;
    }

    /** Old rows go in bounded batches, one after another while there are any, then every {@code interval}. */
    @Bean
    PollingLoop retentionLoop(Retention retention, RetentionProperties properties) {
        return new PollingLoop("retention", retention::pruneOnce, properties.interval());
    }

    /** Bookings that are over leave bookings.v1 (a tombstone each), batch after batch, then every sweep interval. */
    @Bean
    PollingLoop bookingTombstoneLoop(BookingTombstones tombstones, BookingProperties properties) {
        return new PollingLoop("booking-tombstones", tombstones::sweepOnce, properties.sweepInterval());
    }
}
