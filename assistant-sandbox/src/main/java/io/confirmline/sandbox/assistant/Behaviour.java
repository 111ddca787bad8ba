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
            throw new IllegalArgumentException(
                    "mode is required: one of NORMAL, DOWN_500, RATE_LIMITED_429, SLOW, " + "MALFORMED, EMPTY");
        }
        if (delayMillis < 0 || count < 0) {
            throw new IllegalArgumentException("delayMillis and count may not be negative");
        }
    }
}
