package io.confirmline.events;

import java.util.List;
import java.util.Optional;

/**
 * Every topic of the contract (design.md §3). Keys are strings: the key named in the design, so the events of one
 * booking, message or call session stay in order on one partition.
 */
public final class Topics {

    /** The platform's bookings, keyed by reservationId. */
    public static final Topic<ReservationEvent> RESERVATIONS =
            new Topic<>("platform.reservations.v1", String.class, ReservationEvent.class, false, 6);

    /** The platform's immediate one-way calls, keyed by messageId. */
    public static final Topic<VoiceMessageRequested> VOICE_MESSAGES =
            new Topic<>("platform.voice-messages.v1", String.class, VoiceMessageRequested.class, false, 6);

    /** 8x8 VCA webhooks (key presses), keyed by 8x8 sessionId. */
    public static final Topic<CallActionReceived> CALL_ACTIONS =
            new Topic<>("voice.call-actions.v1", String.class, CallActionReceived.class, false, 6);

    /** 8x8 VSS webhooks (end of a call session), keyed by 8x8 sessionId. */
    public static final Topic<SessionSummaryReceived> SESSION_SUMMARIES =
            new Topic<>("voice.session-summaries.v1", String.class, SessionSummaryReceived.class, false, 6);

    /** Open call sessions with their pre-rendered in-call replies, keyed by 8x8 sessionId; compacted. */
    public static final Topic<CallSessionOpened> SESSIONS =
            new Topic<>("voice.sessions.v1", String.class, CallSessionOpened.class, true, 6);

    /** The public status stream, keyed by reservationId or messageId. */
    public static final Topic<CallStatusChanged> CALL_STATUS =
            new Topic<>("calls.status.v1", String.class, CallStatusChanged.class, false, 6);

    private static final List<Topic<?>> ALL =
            List.of(RESERVATIONS, VOICE_MESSAGES, CALL_ACTIONS, SESSION_SUMMARIES, SESSIONS, CALL_STATUS);

    private Topics() {
    }

    /** Every topic of the contract, in the order of design.md §3. */
    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The topic with this name, if it is part of the contract. */
    public static Optional<Topic<?>> byName(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }
}
