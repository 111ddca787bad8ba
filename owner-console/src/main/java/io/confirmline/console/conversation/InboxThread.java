package io.confirmline.console.conversation;

import java.time.Instant;

/**
 * One line of the inbox: a guest's conversation with the venue.
 *
 * @param phone the guest's number, E.164 (the owner sees it whole: it is their guest)
 * @param guestName the name on the guest's latest booking that is not over; null when there is none
 * @param needsAttention a guest's text that the assistant could not handle is still unanswered
 * @param takenOver a person at the venue answers this guest; automatic replies are off
 */
public record InboxThread(String phone, String guestName, Instant lastMessageAt, String lastBody, int unread,
        boolean needsAttention, boolean optedOut, boolean takenOver) {
}
