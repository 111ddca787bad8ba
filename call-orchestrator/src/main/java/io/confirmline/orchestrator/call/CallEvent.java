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
     * The guest answered by text (or, later, on a call-back) with a clear confirm or cancel ({@code decided} is
     * {@link AttemptOutcome#CONFIRMED} or {@link AttemptOutcome#CANCELLED}); {@code words} is how they said it. It decides
     * a booking that awaits a reply or was closed without one, while the booking stands and before
     * {@code bookingStartsAt}.
     */
    record TextReply(AttemptOutcome decided, String words, java.time.Instant bookingStartsAt) implements CallEvent {
    }

    /** The fallback text of a TEXTED booking was refused, could not be sent, or was not delivered. */
    record TextFailed(String reason) implements CallEvent {
    }

    /** The call's settle time passed without the event it waited for. */
    record WaitOver() implements CallEvent {
    }
}
