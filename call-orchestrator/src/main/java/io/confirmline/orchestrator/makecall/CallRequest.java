package io.confirmline.orchestrator.makecall;

import io.confirmline.events.ReservationEvent;
import io.confirmline.events.VoiceMessageRequested;

/** A {@code POST /api/make-call} body, read into the event the Kafka intake would have received. */
sealed interface CallRequest {

    record Booking(ReservationEvent event) implements CallRequest {
    }

    record Message(VoiceMessageRequested event) implements CallRequest {
    }
}
