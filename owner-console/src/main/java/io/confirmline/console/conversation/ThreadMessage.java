package io.confirmline.console.conversation;

import java.time.Instant;

/**
 * One text of a thread as the page shows it.
 *
 * @param direction {@code INBOUND} (from the guest) or {@code OUTBOUND}
 * @param author {@code GUEST}, {@code OWNER}, {@code ASSISTANT} or {@code SYSTEM}
 * @param delivery where an outbound text is: {@code PENDING}, {@code QUEUED}, {@code SENT}, {@code DELIVERED},
 *     {@code UNDELIVERED}, {@code REJECTED}, {@code FAILED}; {@code RECEIVED} for the guest's
 */
public record ThreadMessage(String messageId, String direction, String author, String body, String delivery,
        boolean needsAttention, Instant at) {

    public boolean inbound() {
        return "INBOUND".equals(direction);
    }

    /** Whether the delivery went wrong (the page marks it). */
    public boolean failed() {
        return "UNDELIVERED".equals(delivery) || "REJECTED".equals(delivery) || "FAILED".equals(delivery);
    }
}
