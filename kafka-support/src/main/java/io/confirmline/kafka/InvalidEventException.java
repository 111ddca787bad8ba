package io.confirmline.kafka;

/**
 * A record that can never be processed (a phone number that is not E.164, a booking in the past, an unknown
 * tenant...). Throw it from a listener: the record goes to the dead-letter topic at once, with this message as the
 * reason, and the consumer goes on with the next record.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }
}
