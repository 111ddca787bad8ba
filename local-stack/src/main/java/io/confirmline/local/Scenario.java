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
package io.confirmline.local;

import java.util.List;

/**
 * One guest of the demo: the number (whose last digit tells the 8x8 sandbox what the guest does on a call and with
 * a text), the status changes the platform must receive for the booking, in order, how many call sessions end with
 * a summary (each one a {@code call.completed} webhook), whether the booking asks for a text instead of a call, and
 * the guest facts ({@code guest.opted_out}...) the platform must receive for the number.
 */
public record Scenario(
        String name,
        String phone,
        List<String> expectedStatuses,
        int sessions,
        boolean textOnly,
        List<String> guestFacts) {

    public Scenario(String name, String phone, List<String> expectedStatuses, int sessions) {
        this(name, phone, expectedStatuses, sessions, false, List.of());
    }

    /**
     * Issue #15, a call-back: the guest answers neither of the two calls (answers, presses nothing) nor the text, then
     * rings the venue's number and presses 1 on the booking menu. The last change is on the INBOUND_CALL channel; the
     * call-back is not a session of the booking's own calls, so no call.completed comes of it.
     */
    public static Scenario callBack(String phone) {
        return new Scenario(
                "no answer, texted, calls back and presses 1: confirmed on the call-back",
                phone,
                List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "TEXTED", "CONFIRMED"),
                2);
    }

    /**
     * A Spanish mobile number of its own for each run, whose last digit tells the sandbox what the guest does: the
     * call-back scenes need a guest the database of an earlier run knows nothing of (another standing booking of
     * the same number would be the one a call-back's menu names, a missed-call text an hour ago would hold this one
     * back).
     */
    public static String freshGuest(char lastDigit) {
        return "+346"
                + String.format(
                        "%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000)) + lastDigit;
    }

    /**
     * Every outcome the sandbox can produce, with the tenant's two attempts and its fallback text (the demo tenant
     * texts after a last attempt that would end UNREACHABLE or NO_RESPONSE). A texted guest who does not answer
     * stays TEXTED until the booking's minimum notice, long after the demo.
     */
    public static List<Scenario> everyOutcome() {
        return List.of(
                new Scenario("presses 1: confirmed", "+34600100001", List.of("SCHEDULED", "DIALING", "CONFIRMED"), 1),
                new Scenario(
                        "presses 0: cancelled",
                        "+34600100010",
                        List.of("SCHEDULED", "DIALING", "CANCELLED_BY_GUEST"),
                        1),
                new Scenario(
                        "never answers the phone, texted, replies \"si\": confirmed by text",
                        "+34600100012",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "TEXTED", "CONFIRMED"),
                        2),
                new Scenario(
                        "busy twice, texted, replies STOP: opted out",
                        "+34600100013",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "TEXTED"),
                        2,
                        false,
                        List.of("guest.opted_out")),
                new Scenario(
                        "answers, presses nothing, texted, no reply: texted",
                        "+34600100014",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "TEXTED"),
                        2),
                new Scenario(
                        "presses 7, then 1: confirmed",
                        "+34600100015",
                        List.of("SCHEDULED", "DIALING", "IN_PROGRESS", "CONFIRMED"),
                        1),
                new Scenario(
                        "hangs up during the prompt, texted, no reply: texted",
                        "+34600100016",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "TEXTED"),
                        2),
                new Scenario(
                        "no answer, then presses 1 on the retry: confirmed",
                        "+34600100017",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "CONFIRMED"),
                        2),
                new Scenario(
                        "presses 1, summary never sent: confirmed",
                        "+34600100018",
                        List.of("SCHEDULED", "DIALING", "CONFIRMED"),
                        0),
                new Scenario("invalid number (-1017): failed", "+34600100019", List.of("SCHEDULED", "FAILED"), 0),
                new Scenario(
                        "text only, not delivered (error 15): unreachable",
                        "+34600100029",
                        List.of("SCHEDULED", "TEXTED", "UNREACHABLE"),
                        0,
                        true,
                        List.of()));
    }
}
