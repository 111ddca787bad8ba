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

import io.confirmline.events.CallStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the state machine needs of a call.
 *
 * @param voiceMessage a one-way message rather than a confirmation
 * @param attempt the current attempt (1-based)
 * @param validUntil the last moment a call still makes sense (never after the booking)
 * @param settleAt when the current attempt is concluded without the event it waits for; null when not waiting
 * @param settleReason what it waits for: {@link AttemptOutcome#NO_INPUT} (a key press after a summary without
 *     one) or {@link AttemptOutcome#SUMMARY_LOST} (the summary)
 * @param bookingUnchanged the booking is neither cancelled nor changed since the call was made for it (always
 *     true for a voice message): only then may a late key press still decide a closed call
 */
public record CallState(
        boolean voiceMessage,
        CallStatus status,
        int attempt,
        Instant validUntil,
        Instant settleAt,
        AttemptOutcome settleReason,
        boolean bookingUnchanged) {

    public CallState(
            boolean voiceMessage,
            CallStatus status,
            int attempt,
            Instant validUntil,
            Instant settleAt,
            AttemptOutcome settleReason) {
        this(voiceMessage, status, attempt, validUntil, settleAt, settleReason, true);
    }

    private static final Set<CallStatus> OPEN =
            EnumSet.of(CallStatus.SCHEDULED, CallStatus.DIALING, CallStatus.IN_PROGRESS);

    /** Whether nothing can change this call any more. */
    public boolean isFinal() {
        return !OPEN.contains(status);
    }

    /** Whether an attempt is under way on 8x8. */
    public boolean onTheLine() {
        return status == CallStatus.DIALING || status == CallStatus.IN_PROGRESS;
    }

    CallState with(CallStatus newStatus, int newAttempt, Instant newSettleAt, AttemptOutcome newSettleReason) {
        return new CallState(
                voiceMessage, newStatus, newAttempt, validUntil, newSettleAt, newSettleReason, bookingUnchanged);
    }
}
