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
package io.confirmline.orchestrator.inbound;

import io.confirmline.events.CallLeg;
import io.confirmline.events.SessionSummaryReceived;
import java.util.Locale;
import java.util.Optional;

/**
 * The leg 8x8 dialed to the venue when a guest was put through ({@code makeCall} in an in-call reply): in the
 * session summary it is {@code callB} (8x8-voice-api.md §11). Not answered — NO_ANSWER, BUSY, FAILED, no answer
 * time, or never dialed at all — the guest reached nobody: a missed call.
 */
public final class BridgedLeg {

    /** The leg's name as the ingress lower-cases 8x8's {@code details} keys. */
    static final String NAME = "callb";

    private BridgedLeg() {}

    /** Why the guest reached nobody at the venue; empty when somebody answered. */
    public static Optional<String> unanswered(SessionSummaryReceived summary) {
        CallLeg leg = summary.getLegs().stream()
                .filter(l -> NAME.equals(l.getName().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElse(null);
        if (leg == null) {
            return Optional.of("The venue's phone was never rung (8x8 " + summary.getRawSessionStatus() + ")");
        }
        String status = leg.getCallStatus() == null ? "" : leg.getCallStatus().toUpperCase(Locale.ROOT);
        if (leg.getConnectedAt() == null
                || status.equals("NO_ANSWER")
                || status.equals("BUSY")
                || status.equals("FAILED")) {
            return Optional.of("Nobody at the venue answered (8x8 " + (status.isEmpty() ? "no answer" : status) + ")");
        }
        return Optional.empty();
    }

    /** 8x8's status of the bridged leg, for the record; null when there was none. */
    static String status(SessionSummaryReceived summary) {
        return summary.getLegs().stream()
                .filter(l -> NAME.equals(l.getName().toLowerCase(Locale.ROOT)))
                .map(CallLeg::getCallStatus)
                .findFirst()
                .orElse(null);
    }
}
