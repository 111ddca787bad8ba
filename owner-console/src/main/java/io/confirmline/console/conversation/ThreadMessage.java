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
import java.util.Set;

/**
 * One text of a thread as the page shows it.
 *
 * @param direction {@code INBOUND} (from the guest) or {@code OUTBOUND}
 * @param author {@code GUEST}, {@code OWNER}, {@code ASSISTANT} or {@code SYSTEM}
 * @param delivery where an outbound text is: {@code PENDING}, {@code QUEUED}, {@code SENT}, {@code DELIVERED},
 *     {@code UNDELIVERED}, {@code REJECTED}, {@code FAILED}; {@code RECEIVED} for the guest's
 * @param purpose why ConfirmLine sent it ({@code HOLDING_REPLY}, {@code ASSISTANT_FALLBACK}...); null for the guest's
 */
public record ThreadMessage(
        String messageId,
        String direction,
        String author,
        String body,
        String delivery,
        String purpose,
        boolean needsAttention,
        Instant at) {

    /** The template texts that answer a guest's free text in a person's or the assistant's place. */
    static final Set<String> STAND_IN_PURPOSES = Set.of("HOLDING_REPLY", "ASSISTANT_FALLBACK");

    public boolean inbound() {
        return "INBOUND".equals(direction);
    }

    /** Whether the delivery went wrong (the page marks it). */
    public boolean failed() {
        return "UNDELIVERED".equals(delivery) || "REJECTED".equals(delivery) || "FAILED".equals(delivery);
    }

    /** Written by the AI assistant, not by anyone at the venue: the page says so on the text itself. */
    public boolean byAssistant() {
        return "ASSISTANT".equals(author);
    }

    /** A template that answered in a person's or the assistant's place; the page says which and why. */
    public boolean standIn() {
        return purpose != null && STAND_IN_PURPOSES.contains(purpose);
    }
}
