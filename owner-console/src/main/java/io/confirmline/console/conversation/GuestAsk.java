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
 * A guest's wish the orchestrator passed to the booking platform (a CHANGE_REQUESTED or BOOKING_REQUESTED fact):
 * what they asked for, as read from their words. The platform decides; the thread only says it was sent.
 *
 * @param type {@code CHANGE_REQUESTED} (another time or party size for their booking) or {@code BOOKING_REQUESTED}
 *     (a new table)
 * @param wantedDate the day they want, {@code yyyy-MM-dd}; null when they named none
 * @param wantedTime the time they want, {@code HH:mm}; null when they named none
 * @param partySize how many they now are; null when unchanged or not said
 * @param readBy {@code ASSISTANT} (read from their words) or {@code GUEST_PICK} (they chose an offered time)
 */
public record GuestAsk(
        String type, String wantedDate, String wantedTime, Integer partySize, String readBy, Instant at) {

    public boolean isChange() {
        return "CHANGE_REQUESTED".equals(type);
    }

    public boolean pickedOfferedTime() {
        return "GUEST_PICK".equals(readBy);
    }
}
