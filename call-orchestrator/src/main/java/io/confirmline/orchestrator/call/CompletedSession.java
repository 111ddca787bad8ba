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

import io.confirmline.events.CallLeg;
import io.confirmline.events.CallSessionSummary;
import io.confirmline.events.CallSummaryLeg;
import io.confirmline.events.SessionSummaryReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What the platform is told about a finished 8x8 session: its durations and the public summary (no phone numbers). */
final class CompletedSession {

    private CompletedSession() {}

    /**
     * The attempt's talk time: 8x8's {@code callDuration} of the first leg when it sent one (8x8's own count is the
     * one a bill follows), else from {@code connected} (answer) to {@code ended} (hang-up); null when the call was
     * never answered and 8x8 sent no count.
     */
    static Integer talkSeconds(SessionSummaryReceived summary, Instant connected, Instant ended) {
        Integer reported = reportedSeconds(summary);
        return reported != null ? reported : seconds(connected, ended);
    }

    /** 8x8's {@code callDuration} of the first leg that has one. */
    private static Integer reportedSeconds(SessionSummaryReceived summary) {
        return summary.getLegs().stream()
                .map(CallLeg::getDurationSeconds)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /** The session's summary for its call.completed event (its attempt id is the attempt's, set when announced). */
    static CallSessionSummary summary(SessionSummaryReceived summary) {
        Integer reported = reportedSeconds(summary);
        return CallSessionSummary.newBuilder()
                .setSessionId(summary.getSessionId())
                .setProviderStatus(summary.getRawSessionStatus())
                .setErrorCode(summary.getErrorCode())
                .setErrorMessage(summary.getErrorMessage())
                .setStartedAt(summary.getStartTime())
                .setEndedAt(summary.getEndTime())
                .setDurationSeconds(reported != null ? reported : seconds(summary.getStartTime(), summary.getEndTime()))
                .setLegs(summary.getLegs().stream()
                        .map(leg -> CallSummaryLeg.newBuilder()
                                .setName(leg.getName())
                                .setCallId(leg.getCallId())
                                .setDirection(leg.getDirection())
                                .setCallStatus(leg.getCallStatus())
                                .setInitiatedAt(leg.getInitiatedAt())
                                .setConnectedAt(leg.getConnectedAt())
                                .setDisconnectedAt(leg.getDisconnectedAt())
                                .setDurationSeconds(leg.getDurationSeconds())
                                .build())
                        .toList())
                .build();
    }

    private static Integer seconds(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from)
                ? null
                : (int) Duration.between(from, to).toSeconds();
    }
}
