package io.confirmline.orchestrator.call;

import io.confirmline.kafka.InvalidEventException;

/**
 * A booking or voice message whose id is already the subject of another kind of call of the same tenant (a call is
 * one per tenant and subject id): a reservation {@code r-1} and a voice message {@code r-1} cannot both be called.
 * Dead-lettered from Kafka with this reason; 409 over HTTP.
 */
public class SubjectIdTaken extends InvalidEventException {

    public SubjectIdTaken(String subjectId, String takenBy) {
        super("Id " + subjectId + " is already used by a " + takenBy + " call of this tenant");
    }
}
