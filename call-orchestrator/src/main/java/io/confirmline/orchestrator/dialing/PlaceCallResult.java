package io.confirmline.orchestrator.dialing;

/** What 8x8 said to a Send Callflow request. */
public sealed interface PlaceCallResult {

    /** 8x8 created the session ({@code sessionStatus: CREATED}); its id appears in every webhook of the call. */
    record Placed(String sessionId) implements PlaceCallResult {
    }

    /**
     * 8x8 refused the request (4xx, or a negative {@code statusCode} such as -1017 invalid number or -1014 caller
     * id not allowed): sending it again would be refused again, so the attempt fails with this reason.
     */
    record Rejected(int httpStatus, Integer statusCode, String statusMessage) implements PlaceCallResult {
        public String reason() {
            return "8x8 " + (statusCode == null ? "HTTP " + httpStatus : statusCode) + " " + statusMessage;
        }
    }

    /** 8x8 could not be reached or kept failing (429, 5xx, timeouts) after the retries. */
    record Unavailable(String reason) implements PlaceCallResult {
    }
}
