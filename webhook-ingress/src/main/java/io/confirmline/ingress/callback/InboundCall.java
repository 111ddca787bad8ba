package io.confirmline.ingress.callback;

/**
 * A VCA of a call a guest made to a tenant's virtual number (8x8-voice-api.md §11): its arrival ({@code
 * CALL_RECEIVED}, in either shape) or a later key press, which carries our {@link CallbackState} back.
 *
 * @param caller 8x8's {@code source}, E.164
 * @param virtualNumber 8x8's {@code destination}: the tenant's number that was called, E.164
 * @param digits the keys pressed, without terminators; null on arrival or when nothing was pressed
 * @param clientActionId what our previous reply set; null on arrival
 */
public record InboundCall(String sessionId, String caller, String virtualNumber, String subAccountId, String digits,
        String clientActionId) {
}
