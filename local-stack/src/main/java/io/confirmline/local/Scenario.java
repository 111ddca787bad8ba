package io.confirmline.local;

import java.util.List;

/**
 * One guest of the demo: the number (whose last digit tells the 8x8 sandbox what the guest does), the status
 * changes the platform must receive for the booking, in order, and how many call sessions end with a summary (each
 * one a {@code call.completed} webhook).
 */
public record Scenario(String name, String phone, List<String> expectedStatuses, int sessions) {

    /** Every outcome the sandbox can produce, with the tenant's two attempts. */
    public static List<Scenario> everyOutcome() {
        return List.of(
                new Scenario("presses 1: confirmed", "+34600100001", List.of("SCHEDULED", "DIALING", "CONFIRMED"), 1),
                new Scenario("presses 0: cancelled", "+34600100010", List.of("SCHEDULED", "DIALING", "CANCELLED_BY_GUEST"), 1),
                new Scenario("never answers: unreachable after two attempts", "+34600100012",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "UNREACHABLE"), 2),
                new Scenario("busy twice: unreachable", "+34600100013",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "UNREACHABLE"), 2),
                new Scenario("answers, presses nothing: no response", "+34600100014",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "NO_RESPONSE"), 2),
                new Scenario("presses 7, then 1: confirmed", "+34600100015",
                        List.of("SCHEDULED", "DIALING", "IN_PROGRESS", "CONFIRMED"), 1),
                new Scenario("hangs up during the prompt: no response", "+34600100016",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "NO_RESPONSE"), 2),
                new Scenario("no answer, then presses 1 on the retry: confirmed", "+34600100017",
                        List.of("SCHEDULED", "DIALING", "SCHEDULED", "DIALING", "CONFIRMED"), 2),
                new Scenario("presses 1, summary never sent: confirmed", "+34600100018",
                        List.of("SCHEDULED", "DIALING", "CONFIRMED"), 0),
                new Scenario("invalid number (-1017): failed", "+34600100019", List.of("SCHEDULED", "FAILED"), 0));
    }
}
