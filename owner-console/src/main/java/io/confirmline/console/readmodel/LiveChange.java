package io.confirmline.console.readmodel;

/**
 * One change a page shows, in the order it was committed ({@code live_change}); its id is the Server-Sent Event
 * id. {@code booking} is the board's row of the booking now (for {@link Kind#BOOKING}; null if the booking is not
 * in the read model), {@code thread} the inbox's line of the conversation now (for {@link Kind#CONVERSATION}).
 */
public record LiveChange(long id, String tenantId, Kind kind, String subject, BoardRow booking, ThreadLine thread) {

    public enum Kind { BOOKING, CONVERSATION }

    /** What changed, before it has an id (a projection names it; the transaction records it). */
    public record Subject(String tenantId, Kind kind, String subject) {
    }
}
