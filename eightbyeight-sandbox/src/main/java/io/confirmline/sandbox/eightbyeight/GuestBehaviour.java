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
package io.confirmline.sandbox.eightbyeight;

/**
 * What a simulated guest does. By default the last digit of the destination number decides (issue #7), so a
 * test or demo picks an outcome by picking a number; {@code PUT /sandbox/guests/{number}} overrides it.
 */
public enum GuestBehaviour {
    /** 1: answers and presses 1. */
    PRESSES_1,
    /** 0: answers and presses 0. */
    PRESSES_0,
    /** 2: never answers. */
    NEVER_ANSWERS,
    /** 3: the line is busy. */
    BUSY,
    /** 4: answers and presses nothing. */
    SILENT,
    /** 5: presses 7, then 1 when asked again. */
    WRONG_KEY_THEN_1,
    /** 6: hangs up while the prompt plays. */
    HANGS_UP,
    /** 7: does not answer the first call, presses 1 on the next. */
    ANSWERS_SECOND_CALL,
    /** 8: presses 1, but 8x8 never sends the session summary. */
    SUMMARY_LOST,
    /** 9: not a valid number: Send Callflow answers -1017. */
    INVALID_NUMBER,
    /**
     * (Only by override.) 8x8 places the call at once — the guest presses 1 — but holds its answer to Send Callflow
     * for {@code held-answer-time}: a slow 8x8, or the window in which a test kills the caller after it committed
     * DIALING and before 8x8 answered. The session summary echoes the request's {@code clientRequestId}.
     */
    PLACED_ANSWER_HELD,
    /**
     * (Only by override.) 8x8 holds the request for {@code held-answer-time}, then answers 500 without creating a
     * call: an attempt whose outcome the caller cannot know, and that no webhook will ever mention.
     */
    NOT_PLACED_ANSWER_HELD,
    /**
     * (Only by override: a number ending in 9 is invalid.) Answers and presses 9, the default transfer digit, then 1
     * if asked again: the guest who wants to speak to the restaurant.
     */
    PRESSES_9;

    /** The behaviour a number has unless overridden: its last digit. */
    public static GuestBehaviour forNumber(String number) {
        char last = number.isEmpty() ? '1' : number.charAt(number.length() - 1);
        return switch (last) {
            case '0' -> PRESSES_0;
            case '2' -> NEVER_ANSWERS;
            case '3' -> BUSY;
            case '4' -> SILENT;
            case '5' -> WRONG_KEY_THEN_1;
            case '6' -> HANGS_UP;
            case '7' -> ANSWERS_SECOND_CALL;
            case '8' -> SUMMARY_LOST;
            case '9' -> INVALID_NUMBER;
            default -> PRESSES_1;
        };
    }

    /** The keys pressed at the {@code capture}-th prompt of a call (1-based); null is silence. */
    public String keysAt(int capture) {
        return switch (this) {
            case PRESSES_0 -> "0";
            case PRESSES_9 -> capture == 1 ? "9" : "1";
            case SILENT -> null;
            case WRONG_KEY_THEN_1 -> capture == 1 ? "7" : "1";
            default -> "1";
        };
    }
}
