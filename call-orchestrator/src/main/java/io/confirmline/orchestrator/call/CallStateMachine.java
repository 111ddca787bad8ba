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
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The call state machine after dialing (design.md §4), as a pure function of the call's state and an event, so
 * that every order of arrival can be tested without a database. The rules that make arrival order not matter:
 * <ul>
 *   <li>a confirm or cancel key decides a call that is not final yet, whichever attempt it came from and even when
 *       a retry is already scheduled (the guest did answer); it also decides a call already closed without hearing
 *       from the guest ({@code NO_RESPONSE}, {@code UNREACHABLE}), since a key press can only have been made during
 *       a call and only its delivery was late (the ingress keeps key presses while Kafka is down) — but only while
 *       the answer is still about the booking as it stands: not cancelled or changed since, and before the
 *       call's {@code validUntil};</li>
 *   <li>a summary saying "completed" does not decide a confirmation at once: its key press may still be on its way
 *       (another topic), so the call waits {@code keyWait} for it, then concludes with no input;</li>
 *   <li>a summary or wait for an attempt that is not the current one, or for a final call, changes nothing;</li>
 *   <li>a retry is scheduled after {@code RetryPolicy.delay}, inside calling hours, only if it starts before the
 *       call's {@code validUntil} and attempts are left; otherwise the attempt's outcome is final.</li>
 * </ul>
 */
public final class CallStateMachine {

    /** A status change to publish, with the state to store. */
    public record Transition(
            CallState state,
            CallStatus from,
            CallStatus to,
            String reason,
            Instant scheduledFor,
            AttemptOutcome outcome) {

        public boolean changesStatus() {
            return from != to || scheduledFor != null;
        }
    }

    private final RetryPolicy retries;
    private final String confirmDigit;
    private final String cancelDigit;
    private final String transferDigit;
    private final Duration keyWait;

    public CallStateMachine(RetryPolicy retries, String confirmDigit, String cancelDigit, Duration keyWait) {
        this(retries, confirmDigit, cancelDigit, null, keyWait);
    }

    /**
     * @param transferDigit the key that puts the guest through to the restaurant; null when the tenant's calls
     *     offer no transfer (no venue phone, or one of our own numbers)
     * @throws IllegalArgumentException when two keys are the same: one key cannot mean two things
     */
    public CallStateMachine(
            RetryPolicy retries, String confirmDigit, String cancelDigit, String transferDigit, Duration keyWait) {
        if (confirmDigit.equals(cancelDigit)
                || confirmDigit.equals(transferDigit)
                || cancelDigit.equals(transferDigit)) {
            throw new IllegalArgumentException("The confirm (" + confirmDigit + "), cancel (" + cancelDigit
                    + ") and transfer (" + transferDigit + ") keys must differ");
        }
        this.retries = retries;
        this.confirmDigit = confirmDigit;
        this.cancelDigit = cancelDigit;
        this.transferDigit = transferDigit;
        this.keyWait = keyWait;
    }

    /** The transition this event causes; empty when it changes nothing. */
    public Optional<Transition> apply(CallState state, CallEvent event, Instant now) {
        if (event instanceof CallEvent.GuestAnswer answer) {
            return guestAnswer(state, answer, now);
        }
        if (event instanceof CallEvent.TextFailed failed) {
            return state.status() != CallStatus.TEXTED
                    ? Optional.empty()
                    : Optional.of(new Transition(
                            state.with(CallStatus.UNREACHABLE, state.attempt(), null, null),
                            CallStatus.TEXTED,
                            CallStatus.UNREACHABLE,
                            failed.reason(),
                            null,
                            null));
        }
        if (state.status() == CallStatus.TEXTED && event instanceof CallEvent.WaitOver) {
            return state.settleAt() == null || now.isBefore(state.settleAt())
                    ? Optional.empty()
                    : Optional.of(new Transition(
                            state.with(CallStatus.NO_RESPONSE, state.attempt(), null, null),
                            CallStatus.TEXTED,
                            CallStatus.NO_RESPONSE,
                            AttemptOutcome.NO_REPLY.describe() + " before the booking's minimum notice",
                            null,
                            AttemptOutcome.NO_REPLY));
        }
        if (state.isFinal()) {
            return event instanceof CallEvent.KeyPressed key
                            && CLOSED_UNHEARD.contains(state.status())
                            && state.bookingUnchanged()
                            && state.validUntil() != null
                            && now.isBefore(state.validUntil())
                    ? decidingKey(state, key)
                            .map(late -> new Transition(
                                    late.state(),
                                    late.from(),
                                    late.to(),
                                    late.reason() + ", heard after the call was closed as " + state.status(),
                                    null,
                                    late.outcome()))
                    : Optional.empty();
        }
        if (event instanceof CallEvent.KeyPressed key) {
            return keyPressed(state, key);
        }
        if (event instanceof CallEvent.SessionEnded ended) {
            return sessionEnded(state, ended, now);
        }
        if (state.settleAt() == null || now.isBefore(state.settleAt()) || !state.onTheLine()) {
            return Optional.empty();
        }
        return Optional.of(conclude(state, state.settleReason(), null, null, now));
    }

    /**
     * Statuses reached without a word from the guest, which a late confirm or cancel key still decides; TEXTED waits
     * for exactly such a word.
     */
    private static final java.util.Set<CallStatus> CLOSED_UNHEARD =
            java.util.EnumSet.of(CallStatus.NO_RESPONSE, CallStatus.UNREACHABLE, CallStatus.TEXTED);

    /**
     * A clear answer by text or on a call-back decides a booking that awaits one (TEXTED) or was closed without
     * hearing from the guest — a call-back also one whose call is still to come (SCHEDULED: it is then not dialed) —
     * while the booking stands (not cancelled or changed since) and before it starts (design.md §10.3).
     */
    private Optional<Transition> guestAnswer(CallState state, CallEvent.GuestAnswer answer, Instant now) {
        boolean callBack = answer.channel() == io.confirmline.events.Channel.INBOUND_CALL;
        boolean awaiting =
                CLOSED_UNHEARD.contains(state.status()) || (callBack && state.status() == CallStatus.SCHEDULED);
        if (state.voiceMessage()
                || !awaiting
                || !state.bookingUnchanged()
                || answer.bookingStartsAt() == null
                || !now.isBefore(answer.bookingStartsAt())
                || (answer.decided() != AttemptOutcome.CONFIRMED && answer.decided() != AttemptOutcome.CANCELLED)) {
            return Optional.empty();
        }
        CallStatus to = answer.decided().finalStatus(false);
        String how = (answer.decided() == AttemptOutcome.CONFIRMED ? "The guest confirmed" : "The guest cancelled")
                + (callBack ? " on a call-back (" + answer.words() + ")" : " by text (\"" + answer.words() + "\")");
        boolean closed = state.status() != CallStatus.TEXTED && state.status() != CallStatus.SCHEDULED;
        return Optional.of(new Transition(
                state.with(to, state.attempt(), null, null),
                state.status(),
                to,
                how + (closed ? ", after the call was closed as " + state.status() : ""),
                null,
                answer.decided()));
    }

    /** The confirmation or cancellation this key means, if it is one. */
    private Optional<Transition> decidingKey(CallState state, CallEvent.KeyPressed key) {
        if (state.voiceMessage() || key.digits() == null) {
            return Optional.empty();
        }
        AttemptOutcome decided = key.digits().equals(confirmDigit)
                ? AttemptOutcome.CONFIRMED
                : key.digits().equals(cancelDigit) ? AttemptOutcome.CANCELLED : null;
        if (decided == null) {
            return Optional.empty();
        }
        CallStatus to = decided.finalStatus(false);
        return Optional.of(new Transition(
                state.with(to, state.attempt(), null, null),
                state.status(),
                to,
                decided.describe() + " (" + key.digits() + ")",
                null,
                decided));
    }

    private Optional<Transition> keyPressed(CallState state, CallEvent.KeyPressed key) {
        Optional<Transition> decided = decidingKey(state, key);
        if (decided.isPresent() || state.voiceMessage() || key.digits() == null) {
            return decided;
        }
        if (key.digits().equals(transferDigit) && key.attempt() == state.attempt() && state.onTheLine()) {
            // The ingress has put the guest through to the restaurant: the booking is theirs to settle, so neither
            // another call nor a text follows; the summary that comes next changes nothing.
            return Optional.of(new Transition(
                    state.with(CallStatus.NO_RESPONSE, state.attempt(), null, null),
                    state.status(),
                    CallStatus.NO_RESPONSE,
                    AttemptOutcome.TRANSFERRED.describe() + " (" + key.digits() + ")",
                    null,
                    AttemptOutcome.TRANSFERRED));
        }
        if (state.status() == CallStatus.DIALING && key.attempt() == state.attempt()) {
            // Any other key still tells us the guest is on the line; the ingress has already re-prompted.
            return Optional.of(new Transition(
                    state.with(CallStatus.IN_PROGRESS, state.attempt(), state.settleAt(), state.settleReason()),
                    CallStatus.DIALING,
                    CallStatus.IN_PROGRESS,
                    "The guest answered and pressed " + key.digits(),
                    null,
                    null));
        }
        return Optional.empty();
    }

    /**
     * Whether this summary leaves its attempt waiting for the key press (the summary came first): then the session's
     * {@code call.completed} is held until the wait ends, so that it follows the status change the session caused.
     */
    public static boolean waitsForKey(CallState state, CallEvent.SessionEnded ended) {
        return ended.attempt() == state.attempt()
                && state.onTheLine()
                && ended.outcome() == AttemptOutcome.ANSWERED
                && state.settleReason() != AttemptOutcome.NO_INPUT;
    }

    /** Whether this change ends a key wait: the key came, or the wait ran out; a held call.completed goes now. */
    public static boolean endsKeyWait(CallState from, CallState to) {
        return from.onTheLine() && from.settleReason() == AttemptOutcome.NO_INPUT && !to.onTheLine();
    }

    private Optional<Transition> sessionEnded(CallState state, CallEvent.SessionEnded ended, Instant now) {
        if (ended.attempt() != state.attempt() || !state.onTheLine()) {
            return Optional.empty();
        }
        if (ended.outcome() == AttemptOutcome.ANSWERED) {
            if (!waitsForKey(state, ended)) {
                return Optional.empty(); // the same summary again: keep the first wait
            }
            return Optional.of(new Transition(
                    state.with(state.status(), state.attempt(), now.plus(keyWait), AttemptOutcome.NO_INPUT),
                    state.status(),
                    state.status(),
                    null,
                    null,
                    null));
        }
        return Optional.of(conclude(state, ended.outcome(), ended.providerStatus(), ended.providerErrorCode(), now));
    }

    private Transition conclude(
            CallState state, AttemptOutcome outcome, String providerStatus, Integer errorCode, Instant now) {
        String why = outcome.describe()
                + (providerStatus == null
                        ? ""
                        : " (8x8 " + providerStatus + (errorCode == null ? "" : ", error " + errorCode) + ")");
        if (outcome.retryable() && state.attempt() < retries.maxAttempts()) {
            Instant next = retries.nextCallingMoment().apply(now.plus(retries.delay()));
            if (next != null && state.validUntil() != null && next.isBefore(state.validUntil())) {
                return new Transition(
                        state.with(CallStatus.SCHEDULED, state.attempt() + 1, null, null),
                        state.status(),
                        CallStatus.SCHEDULED,
                        why + "; attempt " + (state.attempt() + 1) + " of " + retries.maxAttempts() + " scheduled",
                        next,
                        outcome);
            }
            why += "; no time left for another attempt";
        } else if (outcome.retryable()) {
            why += "; no attempts left";
        }
        CallStatus to = outcome.finalStatus(state.voiceMessage());
        return new Transition(state.with(to, state.attempt(), null, null), state.status(), to, why, null, outcome);
    }
}
