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

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * 8x8's documented error codes (8x8-voice-api.md §2.5 for Send Callflow's {@code statusCode}, §2.6 for the session
 * summary's {@code errorDetails.errorCode}) and whether another attempt can end better. The one place that decides
 * it: the dialer for refusals, the call outcomes for summaries.
 *
 * <p>"Don't retry" means the same request for the same guest would fail the same way (a bad number, no coverage, a
 * caller id 8x8 won't use, our own callflow): ringing again only costs money and can't reach the guest. Internal and
 * capacity errors are worth another attempt later. A code 8x8 adds after this table is retried, as is -9999
 * (unknown): it says nothing about the guest.
 */
public final class ProviderErrors {

    /** One documented code. */
    public record Code(int code, String meaning, boolean retryable) {}

    private static final Map<Integer, Code> CODES = Stream.of(
                    // Send Callflow (synchronous): the request as built cannot be accepted.
                    new Code(-1001, "Invalid JSON request body", false),
                    new Code(-1002, "Speech profile or language parameter invalid", false),
                    new Code(-1003, "Valid maxDigits required when minDigits provided", false),
                    new Code(-1004, "DTMF callback url not provided", false),
                    new Code(-1005, "Valid overallTimeout is required when digitTimeout provided", false),
                    new Code(-1006, "OverallTimeout should be greater than digitTimeout", false),
                    new Code(-1007, "Invalid action type", false),
                    new Code(-1008, "Valid maxDigits is required when completeOnHash is false", false),
                    new Code(-1009, "Invalid call flow entry", false),
                    new Code(-1010, "Actions beyond the allowed count", false),
                    new Code(-1011, "Multiple destination numbers", false),
                    new Code(-1012, "Incorrect use of Hangup", false),
                    new Code(-1013, "First action must be MakeCall", false),
                    new Code(-1014, "Source/caller ID not allowed", false),
                    new Code(-1015, "validUntil expired", false),
                    new Code(-1016, "Invalid/unaccepted special characters in callflow content", false),
                    new Code(-1017, "Invalid MSISDN format in Destination", false),
                    // "Execute scenario" errors: 8x8 did not create the session and says nothing about the guest.
                    new Code(-1018, "Execute scenario error", true),
                    new Code(-1019, "Execute scenario error", true),
                    new Code(-1020, "Execute scenario error", true),
                    // Session summary (asynchronous).
                    new Code(-2001, "Internal error", true),
                    new Code(-2002, "Internal connectivity error", true),
                    new Code(-2003, "Invalid call flow (a bad VCA reply)", false),
                    new Code(-2004, "No coverage for the requested area", false),
                    new Code(-2005, "TTS synthesis failed", false),
                    new Code(-2006, "File download failed", true),
                    new Code(-2007, "validUntil expired", false),
                    new Code(-2008, "Caller ID not whitelisted", false),
                    new Code(-2009, "Invalid scenario parameters", false),
                    new Code(-2010, "Trunk capacity exceeded", true),
                    new Code(-9999, "Unknown", true),
                    // HTTP-level refusals 8x8 reports as statusCode: the account, not the guest, is wrong.
                    new Code(401, "Authentication header not found or token invalid", false),
                    new Code(404, "SubAccount not found", false))
            .collect(Collectors.toUnmodifiableMap(Code::code, Function.identity()));

    private ProviderErrors() {}

    /** Whether an attempt that ended with this code may be tried again; true for a code not in the table. */
    public static boolean retryable(Integer code) {
        return code == null || !CODES.containsKey(code) || CODES.get(code).retryable();
    }

    /** The documented meaning, if the code is known. */
    public static java.util.Optional<Code> describe(Integer code) {
        return code == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(CODES.get(code));
    }

    /** Every documented code, for the tests and the docs. */
    public static java.util.Collection<Code> all() {
        return CODES.values();
    }
}
