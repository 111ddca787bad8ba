package io.confirmline.orchestrator.call;

/** What can happen to a call after it was placed. */
public sealed interface CallEvent {

    /** The guest pressed keys during attempt {@code attempt} (from 8x8's Voice Call Action). */
    record KeyPressed(int attempt, String digits) implements CallEvent {
    }

    /** Attempt {@code attempt} ended (from 8x8's Voice Session Summary). */
    record SessionEnded(int attempt, AttemptOutcome outcome, String providerStatus, Integer providerErrorCode)
            implements CallEvent {
    }

    /**
     * The guest answered outside the call — by text ({@code SMS}) or with a key on a call-back ({@code INBOUND_CALL})
     * — with a clear confirm or cancel ({@code decided} is {@link AttemptOutcome#CONFIRMED} or
     * {@link AttemptOutcome#CANCELLED}); {@code words} is how they said it (their text, or the digit). It decides a
     * booking that awaits a reply or was closed without one — on a call-back also one still waiting for its call —
     * while the booking stands and before {@code bookingStartsAt}.
     */
    record GuestAnswer(AttemptOutcome decided, String words, java.time.Instant bookingStartsAt,
            io.confirmline.events.Channel channel) implements CallEvent {
    }

    /** The fallback text of a TEXTED booking was refused, could not be sent, or was not delivered. */
    record TextFailed(String reason) implements CallEvent {
    }

    /** The call's settle time passed without the event it waited for. */
    record WaitOver() implements CallEvent {
    }
}
