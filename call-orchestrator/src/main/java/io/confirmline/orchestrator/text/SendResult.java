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
package io.confirmline.orchestrator.text;

/** What 8x8 said to a Send SMS request (8x8-voice-api.md §7), after the client's own retries. */
public sealed interface SendResult {

    /**
     * 8x8 queued the text ({@code status.code: QUEUED}).
     *
     * @param umid 8x8's message id, which its delivery receipts carry
     * @param encoding the encoding 8x8 chose ({@code GSM7} or {@code UCS2}), null if it did not say
     */
    record Accepted(String umid, String encoding) implements SendResult {}

    /**
     * 8x8 refused the text and would refuse it again: a 4xx other than 429, or a 200 whose {@code status.code} is
     * {@code REJECTED}. Sending the same request again is pointless.
     *
     * @param httpStatus the HTTP status of the answer
     * @param code 8x8's code: the numeric {@code code} of its error body, or {@code REJECTED}; the HTTP status
     *     when the body named none
     * @param description 8x8's words for it ({@code message} or {@code status.description}); may be null
     */
    record Refused(int httpStatus, String code, String description) implements SendResult {}

    /**
     * 8x8 could not be asked — 429, 5xx, a timeout or a connection error on every try, or a 429 asking for a longer
     * wait than the client may take. The caller tries again later with the same {@code clientMessageId}.
     */
    record Unavailable(String reason) implements SendResult {}
}
