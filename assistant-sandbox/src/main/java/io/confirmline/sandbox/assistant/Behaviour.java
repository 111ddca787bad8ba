package io.confirmline.sandbox.assistant;

/**
 * How the sandbox answers the next chat requests, set through {@code PUT /sandbox/behaviour}: the provider
 * outages and odd answers the assistant's fallback must survive.
 *
 * @param delayMillis for {@link Mode#SLOW}, how long each answer is held back
 * @param count how many chat requests the mode applies to before the sandbox is {@link Mode#NORMAL} again;
 *        0 for every request until the behaviour is set again
 */
public record Behaviour(Mode mode, long delayMillis, int count) {

    public static final Behaviour NORMAL = new Behaviour(Mode.NORMAL, 0, 0);

    public enum Mode {
        /** Scripted answers. */
        NORMAL,
        /** 500 with OpenAI's server_error body. */
        DOWN_500,
        /** 429 with OpenAI's rate-limit body and a Retry-After. */
        RATE_LIMITED_429,
        /** The scripted answer, after {@code delayMillis}. */
        SLOW,
        /** 200, but the message's content is prose instead of the JSON asked for. */
        MALFORMED,
        /** 200 with no choices at all. */
        EMPTY
    }

    public Behaviour {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required: one of NORMAL, DOWN_500, RATE_LIMITED_429, SLOW, "
                    + "MALFORMED, EMPTY");
        }
        if (delayMillis < 0 || count < 0) {
            throw new IllegalArgumentException("delayMillis and count may not be negative");
        }
    }
}
