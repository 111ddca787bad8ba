/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.confirmline.orchestrator.dialing;

/** What 8x8 said to a Send Callflow request. */
public sealed interface PlaceCallResult {

    /** 8x8 created the session ({@code sessionStatus: CREATED}); its id appears in every webhook of the call. */
    record Placed(String sessionId) implements PlaceCallResult {}

    /**
     * 8x8 refused the request with a code that another try would get again (4xx, or a {@code statusCode} such as
     * -1017 invalid number or -1014 caller id not allowed; {@link ProviderErrors}), so the attempt fails.
     */
    record Rejected(int httpStatus, Integer statusCode, String statusMessage) implements PlaceCallResult {
        public String reason() {
            return "8x8 " + (statusCode == null ? "HTTP " + httpStatus : statusCode) + " " + statusMessage;
        }
    }

    /**
     * No call was placed — every answer proved it (429, {@code NOT_CREATED}, a connection refused before the request
     * went out) — and the retries ran out; the attempt may be dialed again later.
     */
    record Unavailable(String reason) implements PlaceCallResult {}

    /**
     * The request went out and no answer says whether 8x8 created the call (a timeout, a 5xx without
     * {@code NOT_CREATED}, a connection lost mid-exchange). Asking again could ring the guest twice, so the attempt
     * waits for its session summary (matched by {@code clientRequestId}) or, failing that, the summary timeout.
     */
    record OutcomeUnknown(String reason) implements PlaceCallResult {}
}
