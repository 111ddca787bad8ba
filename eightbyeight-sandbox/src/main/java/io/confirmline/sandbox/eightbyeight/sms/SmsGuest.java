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
package io.confirmline.sandbox.eightbyeight.sms;

/**
 * What a simulated guest does with a text, by the destination's last digit unless overridden
 * ({@code PUT /sandbox/sms/guests/{number}}). The digits answer where the voice guests ({@code GuestBehaviour}) do
 * not: the guest who never answers the phone (2) confirms by text, the one whose line is busy (3) opts out, the
 * silent one (4) stays silent, and the invalid number (9) is not delivered. A guest answers only the first text
 * they get from a sender, so an acknowledgement is never answered again.
 */
public enum SmsGuest {
    /** Delivered; never answers (every digit not named below). */
    NEVER_REPLIES(null),
    /** 2: delivered; answers "si". */
    REPLIES_SI("si"),
    /** 3: delivered; answers "STOP". */
    REPLIES_STOP("STOP"),
    /** 9: undelivered ({@code undelivered_to_recipient}, errorCode 15 "Invalid destination"); never answers. */
    UNDELIVERED(null),
    /** (Only by override.) Delivered; answers "1". */
    REPLIES_1("1"),
    /** (Only by override.) Delivered; answers "0". */
    REPLIES_0("0"),
    /** (Only by override.) Send SMS answers 429 with {@code Retry-After: 1} once, then as {@link #NEVER_REPLIES}. */
    THROTTLED_ONCE(null),
    /** (Only by override.) Send SMS answers 503 once (nothing sent), then as {@link #NEVER_REPLIES}. */
    UNAVAILABLE_ONCE(null),
    /** (Only by override.) Send SMS answers 200 with {@code status.code REJECTED}; no receipt follows. */
    REJECTED(null);

    private final String reply;

    SmsGuest(String reply) {
        this.reply = reply;
    }

    /** What the guest texts back to the first text, or null. */
    public String reply() {
        return reply;
    }

    /** The behaviour a number has unless overridden: its last digit. */
    public static SmsGuest forNumber(String number) {
        char last = number.isEmpty() ? '1' : number.charAt(number.length() - 1);
        return switch (last) {
            case '2' -> REPLIES_SI;
            case '3' -> REPLIES_STOP;
            case '9' -> UNDELIVERED;
            default -> NEVER_REPLIES;
        };
    }
}
