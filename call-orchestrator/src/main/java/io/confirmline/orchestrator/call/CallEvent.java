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

    /** The call's settle time passed without the event it waited for. */
    record WaitOver() implements CallEvent {
    }
}
