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

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.Channel;
import io.confirmline.events.SessionStatus;
import io.confirmline.orchestrator.schedule.CallingHours;
import io.confirmline.orchestrator.schedule.SchedulePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CallStateMachineTest {

    static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z");
    static final Instant BOOKING_VALID_UNTIL = NOW.plus(Duration.ofHours(2));
    static final RetryPolicy THREE_TRIES = new RetryPolicy(3, Duration.ofMinutes(10), at -> at);
    static final CallStateMachine MACHINE = new CallStateMachine(THREE_TRIES, "1", "0", Duration.ofSeconds(10));

    static CallState dialing(int attempt) {
        return new CallState(
                false,
                CallStatus.DIALING,
                attempt,
                BOOKING_VALID_UNTIL,
                NOW.plus(Duration.ofMinutes(15)),
                AttemptOutcome.SUMMARY_LOST);
    }

    static CallEvent.SessionEnded ended(int attempt, SessionStatus status) {
        return new CallEvent.SessionEnded(
                attempt, AttemptOutcome.of(status, status == SessionStatus.COMPLETED, false), status.name(), null);
    }

    @Test
    void confirmAndCancelKeysDecideAtOnceWithTheDigitsInTheReason() {
        var confirmed =
                MACHINE.apply(dialing(1), new CallEvent.KeyPressed(1, "1"), NOW).orElseThrow();
        assertThat(confirmed.to()).isEqualTo(CallStatus.CONFIRMED);
        assertThat(confirmed.from()).isEqualTo(CallStatus.DIALING);
        assertThat(confirmed.state().settleAt()).isNull();
        var cancelled =
                MACHINE.apply(dialing(1), new CallEvent.KeyPressed(1, "0"), NOW).orElseThrow();
        assertThat(cancelled.to()).isEqualTo(CallStatus.CANCELLED_BY_GUEST);
        assertThat(cancelled.reason()).contains("(0)");
    }

    @Test
    void aPermanentEightByEightErrorEndsTheCallWithoutAnotherAttempt() {
        // -2004: no coverage for the guest's area — ringing again can't reach them (issue #12: it was redialed).
        var noCoverage = MACHINE.apply(
                        dialing(1),
                        new CallEvent.SessionEnded(
                                1, AttemptOutcome.of(SessionStatus.ERROR, false, false, -2004), "ERROR", -2004),
                        NOW)
                .orElseThrow();
        assertThat(noCoverage.to()).isEqualTo(CallStatus.FAILED);
        assertThat(noCoverage.scheduledFor()).isNull();
        assertThat(noCoverage.reason()).contains("error -2004");

        // -2010: 8x8's trunks were full — another attempt may get through.
        var trunkFull = MACHINE.apply(
                        dialing(1),
                        new CallEvent.SessionEnded(
                                1, AttemptOutcome.of(SessionStatus.ERROR, false, false, -2010), "ERROR", -2010),
                        NOW)
                .orElseThrow();
        assertThat(trunkFull.to()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(trunkFull.state().attempt()).isEqualTo(2);
    }

    @Test
    void theDigitMapIsTheTenants() {
        CallStateMachine nineConfirms = new CallStateMachine(THREE_TRIES, "9", "5", Duration.ofSeconds(10));
        assertThat(nineConfirms
                        .apply(dialing(1), new CallEvent.KeyPressed(1, "9"), NOW)
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.CONFIRMED);
        assertThat(nineConfirms
                        .apply(dialing(1), new CallEvent.KeyPressed(1, "1"), NOW)
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.IN_PROGRESS);
    }

    @Test
    void anotherKeyMeansTheGuestIsOnTheLineOnceAndNothingMore() {
        var inProgress =
                MACHINE.apply(dialing(1), new CallEvent.KeyPressed(1, "7"), NOW).orElseThrow();
        assertThat(inProgress.to()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(MACHINE.apply(inProgress.state(), new CallEvent.KeyPressed(1, "7"), NOW))
                .isEmpty();
        assertThat(MACHINE.apply(inProgress.state(), new CallEvent.KeyPressed(1, "1"), NOW)
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.CONFIRMED);
    }

    @Test
    void aVoiceMessageIgnoresKeysAndIsDeliveredWhenConnected() {
        CallState message = new CallState(true, CallStatus.DIALING, 1, NOW.plusSeconds(600), null, null);
        assertThat(MACHINE.apply(message, new CallEvent.KeyPressed(1, "1"), NOW))
                .isEmpty();
        var delivered = MACHINE.apply(
                        message,
                        new CallEvent.SessionEnded(
                                1, AttemptOutcome.of(SessionStatus.COMPLETED, true, true), "COMPLETED", null),
                        NOW)
                .orElseThrow();
        assertThat(delivered.to()).isEqualTo(CallStatus.DELIVERED);
        // Unanswered with 10 minutes of validity: a retry in 10 minutes would be too late.
        var notDelivered = MACHINE.apply(
                        message,
                        new CallEvent.SessionEnded(
                                1, AttemptOutcome.of(SessionStatus.COMPLETED, false, true), "COMPLETED", null),
                        NOW)
                .orElseThrow();
        assertThat(notDelivered.to()).isEqualTo(CallStatus.NOT_DELIVERED);
        assertThat(notDelivered.reason()).contains("no time left");
    }

    @ParameterizedTest
    @EnumSource(
            value = SessionStatus.class,
            names = {"NO_ANSWER", "BUSY", "FAILED", "CANCELED", "ERROR", "UNKNOWN"})
    void anAttemptThatDidNotReachTheGuestIsRetriedAfterTheDelayWithTheNextAttemptNumber(SessionStatus status) {
        var retry = MACHINE.apply(dialing(1), ended(1, status), NOW).orElseThrow();
        assertThat(retry.to()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(retry.state().attempt()).isEqualTo(2);
        assertThat(retry.scheduledFor()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(retry.reason()).contains("8x8 " + status.name()).contains("attempt 2 of 3");
    }

    @Test
    void afterTheLastAttemptTheOutcomeIsFinal() {
        assertThat(MACHINE.apply(dialing(3), ended(3, SessionStatus.NO_ANSWER), NOW)
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.UNREACHABLE);
        assertThat(MACHINE.apply(dialing(3), ended(3, SessionStatus.BUSY), NOW)
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.UNREACHABLE);
        assertThat(MACHINE.apply(dialing(3), ended(3, SessionStatus.ERROR), NOW)
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.FAILED);
        var waiting = MACHINE.apply(dialing(3), ended(3, SessionStatus.COMPLETED), NOW)
                .orElseThrow();
        var noResponse = MACHINE.apply(waiting.state(), new CallEvent.WaitOver(), NOW.plusSeconds(10))
                .orElseThrow();
        assertThat(noResponse.to()).isEqualTo(CallStatus.NO_RESPONSE);
        assertThat(noResponse.reason()).contains("no attempts left");
    }

    @Test
    void anOptedOutGuestIsNotCalledAgain() {
        assertThat(MACHINE.apply(dialing(1), ended(1, SessionStatus.UNSUBSCRIBED_CONTACT), NOW)
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.FAILED);
    }

    @Test
    void noRetryIsScheduledAtOrAfterTheLastUsefulMoment() {
        CallState lateInTheEvening =
                new CallState(false, CallStatus.DIALING, 1, NOW.plus(Duration.ofMinutes(10)), null, null);
        var finalNow = MACHINE.apply(lateInTheEvening, ended(1, SessionStatus.NO_ANSWER), NOW)
                .orElseThrow();
        assertThat(finalNow.to()).isEqualTo(CallStatus.UNREACHABLE);
        assertThat(finalNow.scheduledFor()).isNull();
        assertThat(finalNow.reason()).contains("no time left");
    }

    @Test
    void aRetryFallingOutsideCallingHoursMovesToTheNextOpeningOrIsDropped() {
        SchedulePolicy madrid = new SchedulePolicy(
                Duration.ofMinutes(30),
                Duration.ofMinutes(10),
                new CallingHours(LocalTime.of(9, 0), LocalTime.of(21, 0)),
                ZoneId.of("Europe/Madrid"));
        CallStateMachine withHours = new CallStateMachine(
                new RetryPolicy(3, Duration.ofMinutes(10), madrid::earliestAllowedAtOrAfter),
                "1",
                "0",
                Duration.ofSeconds(10));
        Instant at2055Madrid = Instant.parse("2026-11-21T19:55:00Z");
        // Booking tomorrow at 10:00: the retry waits for 09:00.
        CallState tomorrowMorning =
                new CallState(false, CallStatus.DIALING, 1, Instant.parse("2026-11-22T08:50:00Z"), null, null);
        assertThat(withHours
                        .apply(tomorrowMorning, ended(1, SessionStatus.NO_ANSWER), at2055Madrid)
                        .orElseThrow()
                        .scheduledFor())
                .isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        // Booking at 21:45 tonight: 21:05 is outside the hours and tomorrow is too late.
        CallState tonight =
                new CallState(false, CallStatus.DIALING, 1, Instant.parse("2026-11-21T20:35:00Z"), null, null);
        assertThat(withHours
                        .apply(tonight, ended(1, SessionStatus.NO_ANSWER), at2055Madrid)
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.UNREACHABLE);
    }

    @Test
    void aLostSummaryIsClosedWhenItsWaitRunsOutAndTreatedLikeNoAnswer() {
        assertThat(MACHINE.apply(dialing(1), new CallEvent.WaitOver(), NOW.plus(Duration.ofMinutes(14))))
                .isEmpty();
        var closed = MACHINE.apply(dialing(1), new CallEvent.WaitOver(), NOW.plus(Duration.ofMinutes(15)))
                .orElseThrow();
        assertThat(closed.to()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(closed.outcome()).isEqualTo(AttemptOutcome.SUMMARY_LOST);
        // The summary arriving afterwards is for an attempt that is no longer current: nothing changes.
        assertThat(MACHINE.apply(closed.state(), ended(1, SessionStatus.NO_ANSWER), NOW.plus(Duration.ofMinutes(16))))
                .isEmpty();
    }

    @Test
    void onlyTheFirstSummaryOfAnAnsweredAttemptOnTheLineWaitsForItsKeyAndHoldsItsCompletion() {
        assertThat(CallStateMachine.waitsForKey(dialing(1), ended(1, SessionStatus.COMPLETED)))
                .as("answered, the key may still come")
                .isTrue();
        var waiting = MACHINE.apply(dialing(1), ended(1, SessionStatus.COMPLETED), NOW)
                .orElseThrow();
        assertThat(waiting.state().settleReason()).isEqualTo(AttemptOutcome.NO_INPUT);
        assertThat(CallStateMachine.waitsForKey(waiting.state(), ended(1, SessionStatus.COMPLETED)))
                .as("the same summary again keeps the first wait")
                .isFalse();
        assertThat(CallStateMachine.waitsForKey(dialing(1), ended(1, SessionStatus.NO_ANSWER)))
                .as("not answered: the summary decides the attempt itself")
                .isFalse();
        assertThat(CallStateMachine.waitsForKey(dialing(2), ended(1, SessionStatus.COMPLETED)))
                .as("an earlier attempt's summary")
                .isFalse();
        var confirmed =
                MACHINE.apply(dialing(1), new CallEvent.KeyPressed(1, "1"), NOW).orElseThrow();
        assertThat(CallStateMachine.waitsForKey(confirmed.state(), ended(1, SessionStatus.COMPLETED)))
                .as("the key came first: the call is decided")
                .isFalse();
    }

    @Test
    void aConfirmOrCancelKeyHeardAfterTheCallWasClosedWithoutTheGuestStillDecidesIt() {
        var waiting = MACHINE.apply(dialing(3), ended(3, SessionStatus.COMPLETED), NOW)
                .orElseThrow();
        var noResponse = MACHINE.apply(waiting.state(), new CallEvent.WaitOver(), NOW.plusSeconds(10))
                .orElseThrow();
        assertThat(noResponse.to()).isEqualTo(CallStatus.NO_RESPONSE);
        var confirmed = MACHINE.apply(noResponse.state(), new CallEvent.KeyPressed(3, "1"), NOW.plusSeconds(30))
                .orElseThrow();
        assertThat(confirmed.from()).isEqualTo(CallStatus.NO_RESPONSE);
        assertThat(confirmed.to()).isEqualTo(CallStatus.CONFIRMED);
        assertThat(confirmed.outcome()).isEqualTo(AttemptOutcome.CONFIRMED);
        assertThat(confirmed.reason()).contains("(1)").contains("heard after the call was closed as NO_RESPONSE");

        var unreachable = MACHINE.apply(dialing(3), new CallEvent.WaitOver(), NOW.plus(Duration.ofMinutes(15)))
                .orElseThrow();
        assertThat(unreachable.to()).isEqualTo(CallStatus.UNREACHABLE);
        assertThat(MACHINE.apply(
                                unreachable.state(), new CallEvent.KeyPressed(3, "0"), NOW.plus(Duration.ofMinutes(16)))
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.CANCELLED_BY_GUEST);

        // Another key, a call the guest already decided, or one closed for another reason stays as it is.
        assertThat(MACHINE.apply(noResponse.state(), new CallEvent.KeyPressed(3, "7"), NOW))
                .isEmpty();
        assertThat(MACHINE.apply(confirmed.state(), new CallEvent.KeyPressed(3, "0"), NOW))
                .isEmpty();
        for (CallStatus closed : List.of(
                CallStatus.FAILED,
                CallStatus.WITHDRAWN,
                CallStatus.SKIPPED,
                CallStatus.CANCELLED_BY_GUEST,
                CallStatus.CONFIRMED)) {
            CallState state = new CallState(false, closed, 3, BOOKING_VALID_UNTIL, null, null);
            assertThat(MACHINE.apply(state, new CallEvent.KeyPressed(3, "1"), NOW))
                    .as("%s", closed)
                    .isEmpty();
        }
        CallState undelivered = new CallState(true, CallStatus.NOT_DELIVERED, 3, BOOKING_VALID_UNTIL, null, null);
        assertThat(MACHINE.apply(undelivered, new CallEvent.KeyPressed(3, "1"), NOW))
                .isEmpty();
    }

    @Test
    void aLateKeyNoLongerDecidesABookingCancelledOrChangedSinceOrACallPastItsLastUsefulMoment() {
        CallState closed = new CallState(false, CallStatus.NO_RESPONSE, 3, BOOKING_VALID_UNTIL, null, null, true);
        CallState bookingChangedSince =
                new CallState(false, CallStatus.NO_RESPONSE, 3, BOOKING_VALID_UNTIL, null, null, false);
        CallEvent.KeyPressed confirm = new CallEvent.KeyPressed(3, "1");

        assertThat(MACHINE.apply(bookingChangedSince, confirm, NOW)).isEmpty();
        assertThat(MACHINE.apply(closed, confirm, BOOKING_VALID_UNTIL)).isEmpty();
        assertThat(MACHINE.apply(closed, confirm, BOOKING_VALID_UNTIL.minusSeconds(1))
                        .orElseThrow()
                        .to())
                .isEqualTo(CallStatus.CONFIRMED);
    }

    /** Every order of a call's events, with duplicates, ends in the same status. */
    @Test
    void theFinalStatusDoesNotDependOnArrivalOrderOrDuplicates() {
        assertSameEnd(
                CallStatus.CONFIRMED, List.of(new CallEvent.KeyPressed(1, "1"), ended(1, SessionStatus.COMPLETED)));
        assertSameEnd(
                CallStatus.CANCELLED_BY_GUEST,
                List.of(
                        new CallEvent.KeyPressed(1, "7"),
                        new CallEvent.KeyPressed(1, "0"),
                        ended(1, SessionStatus.COMPLETED)));
        assertSameEnd(CallStatus.SCHEDULED, List.of(ended(1, SessionStatus.NO_ANSWER)));
        assertSameEnd(
                CallStatus.SCHEDULED, List.of(new CallEvent.KeyPressed(1, "7"), ended(1, SessionStatus.COMPLETED)));
        // The key press delivered so late that the waits ran out first, with attempts left or on the last one.
        List<CallEvent> lateKey =
                List.of(new CallEvent.KeyPressed(1, "1"), ended(1, SessionStatus.COMPLETED), new CallEvent.WaitOver());
        assertSameEnd(dialing(1), CallStatus.CONFIRMED, lateKey);
        assertSameEnd(
                dialing(3),
                CallStatus.CONFIRMED,
                List.of(new CallEvent.KeyPressed(3, "1"), ended(3, SessionStatus.COMPLETED), new CallEvent.WaitOver()));
        assertSameEnd(
                dialing(3),
                CallStatus.CANCELLED_BY_GUEST,
                List.of(new CallEvent.KeyPressed(3, "0"), new CallEvent.WaitOver()));
    }

    private static void assertSameEnd(CallStatus expected, List<CallEvent> events) {
        assertSameEnd(dialing(1), expected, events);
    }

    /** From {@code start}, every order of {@code events}; a {@code WaitOver} comes when every wait has run out. */
    private static void assertSameEnd(CallState start, CallStatus expected, List<CallEvent> events) {
        for (List<CallEvent> order : permutationsWithADuplicate(events)) {
            CallState state = start;
            Instant at = NOW;
            for (CallEvent event : order) {
                // Past every wait (the longest, a lost summary's, is 15 minutes), still before validUntil.
                at = event instanceof CallEvent.WaitOver ? at.plus(Duration.ofMinutes(20)) : at.plusSeconds(1);
                Optional<CallStateMachine.Transition> t = MACHINE.apply(state, event, at);
                state = t.map(CallStateMachine.Transition::state).orElse(state);
            }
            // Then every wait runs out.
            state = MACHINE.apply(state, new CallEvent.WaitOver(), at.plus(Duration.ofHours(1)))
                    .map(CallStateMachine.Transition::state)
                    .orElse(state);
            assertThat(state.status()).as("after %s", order).isEqualTo(expected);
        }
    }

    private static List<List<CallEvent>> permutationsWithADuplicate(List<CallEvent> events) {
        List<List<CallEvent>> result = new ArrayList<>();
        for (CallEvent duplicate : events) {
            List<CallEvent> withDuplicate = new ArrayList<>(events);
            withDuplicate.add(duplicate);
            permute(withDuplicate, 0, result);
        }
        return result;
    }

    private static void permute(List<CallEvent> events, int from, List<List<CallEvent>> out) {
        if (from == events.size()) {
            out.add(List.copyOf(events));
            return;
        }
        for (int i = from; i < events.size(); i++) {
            java.util.Collections.swap(events, from, i);
            permute(events, from + 1, out);
            java.util.Collections.swap(events, from, i);
        }
    }

    static CallState closed(CallStatus status, boolean bookingUnchanged) {
        return new CallState(
                false,
                status,
                2,
                BOOKING_VALID_UNTIL,
                status == CallStatus.TEXTED ? BOOKING_VALID_UNTIL : null,
                status == CallStatus.TEXTED ? AttemptOutcome.NO_REPLY : null,
                bookingUnchanged);
    }

    static final Instant BOOKING_STARTS = BOOKING_VALID_UNTIL.plus(Duration.ofMinutes(10));

    @ParameterizedTest
    @EnumSource(
            value = CallStatus.class,
            names = {"TEXTED", "NO_RESPONSE", "UNREACHABLE"})
    void aClearAnswerByTextDecidesABookingThatAwaitsOneOrWasClosedUnheard(CallStatus status) {
        var confirmed = MACHINE.apply(
                        closed(status, true),
                        new CallEvent.GuestAnswer(AttemptOutcome.CONFIRMED, "Sí", BOOKING_STARTS, Channel.SMS),
                        NOW)
                .orElseThrow();
        assertThat(confirmed.to()).isEqualTo(CallStatus.CONFIRMED);
        assertThat(confirmed.from()).isEqualTo(status);
        assertThat(confirmed.reason()).contains("confirmed by text").contains("\"Sí\"");
        assertThat(confirmed.state().settleAt()).isNull();
        var cancelled = MACHINE.apply(
                        closed(status, true),
                        new CallEvent.GuestAnswer(AttemptOutcome.CANCELLED, "no", BOOKING_STARTS, Channel.SMS),
                        NOW)
                .orElseThrow();
        assertThat(cancelled.to()).isEqualTo(CallStatus.CANCELLED_BY_GUEST);
    }

    @Test
    void aTextReplyChangesNothingOnceTheBookingChangedOrStartedOrWasDecided() {
        var yes = new CallEvent.GuestAnswer(AttemptOutcome.CONFIRMED, "yes", BOOKING_STARTS, Channel.SMS);
        assertThat(MACHINE.apply(closed(CallStatus.TEXTED, false), yes, NOW)).isEmpty();
        assertThat(MACHINE.apply(closed(CallStatus.TEXTED, true), yes, BOOKING_STARTS))
                .isEmpty();
        assertThat(MACHINE.apply(closed(CallStatus.CANCELLED_BY_GUEST, true), yes, NOW))
                .isEmpty();
        assertThat(MACHINE.apply(closed(CallStatus.WITHDRAWN, true), yes, NOW)).isEmpty();
        assertThat(MACHINE.apply(dialing(1), yes, NOW)).isEmpty();
        assertThat(MACHINE.apply(scheduled(), yes, NOW))
                .as("a text decides no booking still waiting for its call")
                .isEmpty();
    }

    static CallState scheduled() {
        return new CallState(false, CallStatus.SCHEDULED, 1, BOOKING_VALID_UNTIL, null, null, true);
    }

    static final CallStateMachine WITH_TRANSFER =
            new CallStateMachine(THREE_TRIES, "1", "0", "9", Duration.ofSeconds(10));

    @ParameterizedTest
    @EnumSource(
            value = CallStatus.class,
            names = {"SCHEDULED", "TEXTED", "NO_RESPONSE", "UNREACHABLE"})
    void aKeyOnACallBackDecidesABookingStillAwaitingAnAnswerOnChannelInboundCall(CallStatus status) {
        CallState state = status == CallStatus.SCHEDULED ? scheduled() : closed(status, true);
        var confirmed = WITH_TRANSFER
                .apply(
                        state,
                        new CallEvent.GuestAnswer(AttemptOutcome.CONFIRMED, "1", BOOKING_STARTS, Channel.INBOUND_CALL),
                        NOW)
                .orElseThrow();
        assertThat(confirmed.to()).isEqualTo(CallStatus.CONFIRMED);
        assertThat(confirmed.reason()).startsWith("The guest confirmed on a call-back (1)");
        assertThat(confirmed.state().status()).isEqualTo(CallStatus.CONFIRMED);
        var late = new CallEvent.GuestAnswer(AttemptOutcome.CANCELLED, "0", BOOKING_STARTS, Channel.INBOUND_CALL);
        assertThat(WITH_TRANSFER.apply(
                        closed(status == CallStatus.SCHEDULED ? CallStatus.NO_RESPONSE : status, false), late, NOW))
                .as("the booking changed since")
                .isEmpty();
        assertThat(WITH_TRANSFER.apply(state, late, BOOKING_STARTS))
                .as("the booking started")
                .isEmpty();
        assertThat(WITH_TRANSFER.apply(dialing(1), late, NOW))
                .as("the call is on the line")
                .isEmpty();
        assertThat(WITH_TRANSFER.apply(closed(CallStatus.CONFIRMED, true), late, NOW))
                .as("already decided")
                .isEmpty();
    }

    @Test
    void theTransferKeyPutsTheGuestThroughAndEndsTheCallNoResponseNeverRetried() {
        var transferred = WITH_TRANSFER
                .apply(dialing(1), new CallEvent.KeyPressed(1, "9"), NOW)
                .orElseThrow();
        assertThat(transferred.to()).isEqualTo(CallStatus.NO_RESPONSE);
        assertThat(transferred.outcome()).isEqualTo(AttemptOutcome.TRANSFERRED);
        assertThat(transferred.reason()).isEqualTo("Put through to the restaurant (9)");
        assertThat(transferred.scheduledFor()).as("never retried").isNull();
        assertThat(transferred.state().settleAt()).isNull();
        assertThat(AttemptOutcome.TRANSFERRED.retryable()).isFalse();

        // The summary that follows (and a late key of that session) changes nothing more.
        assertThat(WITH_TRANSFER.apply(transferred.state(), ended(1, SessionStatus.COMPLETED), NOW))
                .isEmpty();
        assertThat(WITH_TRANSFER.apply(transferred.state(), new CallEvent.KeyPressed(1, "9"), NOW))
                .isEmpty();
        // A transfer key of an earlier attempt does not end the current one.
        assertThat(WITH_TRANSFER.apply(dialing(2), new CallEvent.KeyPressed(1, "9"), NOW))
                .isEmpty();
    }

    @Test
    void withoutATransferTheKeyIsJustAnotherKeyAndKeysMayNotCollide() {
        var other =
                MACHINE.apply(dialing(1), new CallEvent.KeyPressed(1, "9"), NOW).orElseThrow();
        assertThat(other.to()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(other.outcome()).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new CallStateMachine(THREE_TRIES, "1", "0", "1", Duration.ofSeconds(10)))
                .hasMessageContaining("must differ");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new CallStateMachine(THREE_TRIES, "1", "1", null, Duration.ofSeconds(10)))
                .hasMessageContaining("must differ");
    }

    @Test
    void aTextedBookingEndsNoResponseWhenItsReplyWindowRunsOutAndUnreachableWhenItsTextFailed() {
        assertThat(MACHINE.apply(closed(CallStatus.TEXTED, true), new CallEvent.WaitOver(), NOW))
                .isEmpty();
        var silent = MACHINE.apply(closed(CallStatus.TEXTED, true), new CallEvent.WaitOver(), BOOKING_VALID_UNTIL)
                .orElseThrow();
        assertThat(silent.to()).isEqualTo(CallStatus.NO_RESPONSE);
        assertThat(silent.outcome()).isEqualTo(AttemptOutcome.NO_REPLY);
        assertThat(silent.reason()).startsWith("No reply to the text");

        var undelivered = MACHINE.apply(
                        closed(CallStatus.TEXTED, true),
                        new CallEvent.TextFailed("The text was not delivered (8x8 undelivered)"),
                        NOW)
                .orElseThrow();
        assertThat(undelivered.to()).isEqualTo(CallStatus.UNREACHABLE);
        assertThat(undelivered.reason()).contains("not delivered");
        assertThat(MACHINE.apply(closed(CallStatus.CONFIRMED, true), new CallEvent.TextFailed("late receipt"), NOW))
                .isEmpty();
    }

    @Test
    void aLateConfirmKeyStillDecidesATextedBooking() {
        var confirmed = MACHINE.apply(closed(CallStatus.TEXTED, true), new CallEvent.KeyPressed(2, "1"), NOW)
                .orElseThrow();
        assertThat(confirmed.to()).isEqualTo(CallStatus.CONFIRMED);
        assertThat(confirmed.reason()).contains("closed as TEXTED");
    }
}
