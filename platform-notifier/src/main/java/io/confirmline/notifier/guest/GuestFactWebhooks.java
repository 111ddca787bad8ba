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
package io.confirmline.notifier.guest;

import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@code conversations.v1} events the platform hears, and as which webhook type (design.md §10.4). The
 * messages themselves are the console's to show, so only the guest facts are delivered; a fact the platform itself
 * sent (an opt-out imported through {@code /api/opt-outs}) is not echoed back to it. A guest's wish for another
 * time or a new table is a {@code reservation.*} type although it travels under the guest's conversation key: the
 * platform owns availability and answers it like a booking change, with an UPDATED (or a new) booking.
 */
final class GuestFactWebhooks {

    /** The {@code source} of a fact the platform told us itself. */
    static final String PLATFORM_SOURCE = "PLATFORM";

    private static final Map<ConversationEventType, String> TYPES = new EnumMap<>(Map.of(
            ConversationEventType.OPTED_OUT, "guest.opted_out",
            ConversationEventType.OPTED_IN, "guest.opted_in",
            ConversationEventType.MISSED_CALL, "guest.missed_call",
            ConversationEventType.CHANGE_REQUESTED, "reservation.change_requested",
            ConversationEventType.BOOKING_REQUESTED, "reservation.requested"));

    private GuestFactWebhooks() {}

    /** The webhook type this event is delivered as; empty when the platform does not hear it. */
    static Optional<String> typeOf(ConversationEvent event) {
        if (PLATFORM_SOURCE.equals(event.getSource())) {
            return Optional.empty();
        }
        return Optional.ofNullable(TYPES.get(event.getType()));
    }
}
