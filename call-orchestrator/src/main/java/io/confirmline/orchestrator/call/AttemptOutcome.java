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
package io.confirmline.orchestrator.call;

import io.confirmline.events.CallStatus;
import io.confirmline.events.SessionStatus;
import io.confirmline.orchestrator.dialing.ProviderErrors;

/** How one attempt ended, as far as the booking or message is concerned. */
public enum AttemptOutcome {
    /** The guest pressed the confirm digit. */
    CONFIRMED,
    /** The guest pressed the cancel digit. */
    CANCELLED,
    /** 8x8 says the call completed; whether a key was pressed is not known yet (the key press may still come). */
    ANSWERED,
    /** Answered (a person or voicemail) and no valid key within the wait. */
    NO_INPUT,
    NO_ANSWER,
    BUSY,
    /** 8x8 could not complete the call (FAILED, ERROR, CANCELED or a status it did not name). */
    FAILED,
    /**
     * 8x8 ended the session with an error another attempt would meet again (no coverage, caller id not allowed, an
     * invalid callflow: {@code ProviderErrors}): not retried.
     */
    REFUSED,
    /** The guest has unsubscribed from calls: not retried. */
    OPTED_OUT,
    /** 8x8 never sent the session summary within the configured time. */
    SUMMARY_LOST,
    /** A voice message played to a connected guest. */
    DELIVERED,
    /** The fallback text went out and the guest did not answer it before the booking's minimum notice. */
    NO_REPLY,
    /**
     * The guest pressed the transfer key and was put through to the restaurant (issue #15): the booking is theirs to
     * settle with the venue, so it is never retried nor texted; it ends NO_RESPONSE.
     */
    TRANSFERRED;

    /**
     * The outcome of a session summary; {@code connected} is whether any leg of the call was answered,
     * {@code errorCode} 8x8's {@code errorDetails.errorCode} (null when none).
     */
    public static AttemptOutcome of(SessionStatus status, boolean connected, boolean voiceMessage, Integer errorCode) {
        AttemptOutcome outcome = of(status, connected, voiceMessage);
        return outcome == FAILED && !ProviderErrors.retryable(errorCode) ? REFUSED : outcome;
    }

    /** The outcome of a session summary; {@code connected} is whether any leg of the call was answered. */
    public static AttemptOutcome of(SessionStatus status, boolean connected, boolean voiceMessage) {
        return switch (status) {
            case COMPLETED -> voiceMessage ? (connected ? DELIVERED : NO_ANSWER) : ANSWERED;
            case BUSY -> BUSY;
            case NO_ANSWER -> NO_ANSWER;
            case COMPLETED_UNSUBSCRIBED, COMPLETED_UNSUB_ERROR, UNSUBSCRIBED_CONTACT -> OPTED_OUT;
            case FAILED, CANCELED, ERROR, UNKNOWN -> FAILED;
        };
    }

    /** Whether another attempt might end better. */
    public boolean retryable() {
        return this == NO_INPUT || this == NO_ANSWER || this == BUSY || this == FAILED || this == SUMMARY_LOST;
    }

    /** The call's final status when this was the last attempt. */
    public CallStatus finalStatus(boolean voiceMessage) {
        if (voiceMessage) {
            return this == DELIVERED ? CallStatus.DELIVERED : CallStatus.NOT_DELIVERED;
        }
        return switch (this) {
            case CONFIRMED -> CallStatus.CONFIRMED;
            case CANCELLED -> CallStatus.CANCELLED_BY_GUEST;
            case NO_INPUT, ANSWERED, NO_REPLY, TRANSFERRED -> CallStatus.NO_RESPONSE;
            case NO_ANSWER, BUSY, SUMMARY_LOST -> CallStatus.UNREACHABLE;
            case FAILED, REFUSED, OPTED_OUT, DELIVERED -> CallStatus.FAILED;
        };
    }

    /** Words for the status change's reason. */
    public String describe() {
        return switch (this) {
            case CONFIRMED -> "The guest pressed the confirm key";
            case CANCELLED -> "The guest pressed the cancel key";
            case ANSWERED, NO_INPUT -> "Answered, but no valid key was pressed";
            case NO_ANSWER -> "Nobody answered";
            case BUSY -> "The line was busy";
            case FAILED -> "8x8 could not complete the call";
            case REFUSED -> "8x8 cannot place this call";
            case OPTED_OUT -> "The guest has unsubscribed from calls";
            case SUMMARY_LOST -> "8x8 never reported how the call ended";
            case DELIVERED -> "The message was played to the guest";
            case NO_REPLY -> "No reply to the text";
            case TRANSFERRED -> "Put through to the restaurant";
        };
    }
}
