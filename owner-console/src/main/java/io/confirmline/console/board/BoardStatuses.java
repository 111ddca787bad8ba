package io.confirmline.console.board;

import java.util.List;

/** The booking statuses the board counts, in the order a booking usually moves through them. */
final class BoardStatuses {

    static final List<String> ALL = List.of("SCHEDULED", "DIALING", "IN_PROGRESS", "TEXTED", "CONFIRMED",
            "CANCELLED_BY_GUEST", "NO_RESPONSE", "UNREACHABLE", "FAILED", "WITHDRAWN", "SKIPPED");

    static final List<String> CHANNELS = List.of("VOICE", "SMS", "INBOUND_CALL", "CONSOLE");

    private BoardStatuses() {
    }
}
