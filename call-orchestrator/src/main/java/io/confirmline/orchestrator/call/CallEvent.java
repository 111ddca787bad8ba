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

/** What can happen to a call after it was placed. */
public sealed interface CallEvent {

    /** The guest pressed keys during attempt {@code attempt} (from 8x8's Voice Call Action). */
    record KeyPressed(int attempt, String digits) implements CallEvent {}

    /** Attempt {@code attempt} ended (from 8x8's Voice Session Summary). */
    record SessionEnded(int attempt, AttemptOutcome outcome, String providerStatus, Integer providerErrorCode)
            implements CallEvent {}

    /**
     * The guest answered outside the call — by text ({@code SMS}) or with a key on a call-back ({@code INBOUND_CALL})
     * — with a clear confirm or cancel ({@code decided} is {@link AttemptOutcome#CONFIRMED} or
     * {@link AttemptOutcome#CANCELLED}); {@code words} is how they said it (their text, or the digit). It decides a
     * booking that awaits a reply or was closed without one — on a call-back also one still waiting for its call —
     * while the booking stands and before {@code bookingStartsAt}.
     */
    record GuestAnswer(
            AttemptOutcome decided,
            String words,
            java.time.Instant bookingStartsAt,
            io.confirmline.events.Channel channel)
            implements CallEvent {}

    /** The fallback text of a TEXTED booking was refused, could not be sent, or was not delivered. */
    record TextFailed(String reason) implements CallEvent {}

    /** The call's settle time passed without the event it waited for. */
    record WaitOver() implements CallEvent {}
}
