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
package io.confirmline.orchestrator.assistant;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;

/** What the assistant made of a guest's text: an answer to send and the intent it read, or why there is none. */
public sealed interface AssistantVerdict {

    /** The guest's intent as the assistant reads it. */
    enum Intent {
        CONFIRM,
        CANCEL,
        CHANGE_REQUEST,
        BOOKING_REQUEST,
        OPT_OUT,
        QUESTION,
        OTHER
    }

    /** Why there is no answer; every one ends in the template reply and the thread flagged for the owner. */
    enum Failure {
        /** No provider is configured (the default: nothing calls out). */
        NOT_CONFIGURED,
        /** The circuit breaker is open after recent failures: the provider was not called. */
        CIRCUIT_OPEN,
        /** No answer within {@code confirmline.assistant.timeout}, tool calls included. */
        TIMEOUT,
        /** The provider answered 429. */
        RATE_LIMITED,
        /** The provider answered 5xx or refused the request (a wrong key...), or could not be reached. */
        PROVIDER_ERROR,
        /** The answer could not be read as the structured output asked for. */
        MALFORMED,
        /** The answer broke a guardrail (a phone number, an address or a link it may not give...). */
        UNSAFE
    }

    /**
     * For a change or a booking request: what the guest wants; each part empty when they did not say.
     */
    record Wanted(Optional<LocalDate> date, Optional<LocalTime> time, Optional<Integer> partySize) {

        public static final Wanted NOTHING = new Wanted(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param reply the answer in the guest's language, to be sent as written (checked by the guardrails)
     * @param wanted for CHANGE_REQUEST and BOOKING_REQUEST, what is wanted; {@link Wanted#NOTHING} otherwise
     */
    record Answered(Intent intent, String reply, Wanted wanted) implements AssistantVerdict {}

    /** @param detail words for the log and the owner, never the guest's text */
    record Failed(Failure failure, String detail) implements AssistantVerdict {}
}
