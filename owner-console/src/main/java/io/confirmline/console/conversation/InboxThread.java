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
package io.confirmline.console.conversation;

import java.time.Instant;

/**
 * One line of the inbox: a guest's conversation with the venue.
 *
 * @param phone the guest's number, E.164 (the owner sees it whole: it is their guest)
 * @param guestName the name on the guest's latest booking that is not over; null when there is none
 * @param needsAttention a guest's text that the assistant could not handle is still unanswered
 * @param optedOut the guest opted out of texts
 * @param takenOver a person at the venue answers this guest; automatic replies are off
 * @param lastAuthor who wrote the latest text ({@code GUEST}, {@code OWNER}, {@code ASSISTANT}, {@code SYSTEM})
 * @param lastPurpose why ConfirmLine sent the latest text, when it did
 * @param assistantFailed the unanswered text got the assistant's fallback template: the assistant could not answer
 */
public record InboxThread(
        String phone,
        String guestName,
        Instant lastMessageAt,
        String lastBody,
        int unread,
        boolean needsAttention,
        boolean optedOut,
        boolean takenOver,
        String lastAuthor,
        String lastPurpose,
        boolean assistantFailed) {

    public boolean lastByAssistant() {
        return "ASSISTANT".equals(lastAuthor);
    }

    public boolean lastStandIn() {
        return lastPurpose != null && ThreadMessage.STAND_IN_PURPOSES.contains(lastPurpose);
    }
}
