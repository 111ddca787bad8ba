package io.confirmline.console.readmodel;

import java.time.Instant;

/** A conversation as the inbox lists it ({@code conversation_thread}). */
public record ThreadLine(String phone, Instant lastMessageAt, String lastBody, int unread, Instant takenOverAt,
        boolean optedOut) {
}
