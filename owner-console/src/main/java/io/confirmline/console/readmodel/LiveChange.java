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
package io.confirmline.console.readmodel;

/**
 * One change a page shows, in the order it was committed ({@code live_change}); its id is the Server-Sent Event
 * id. {@code booking} is the board's row of the booking now (for {@link Kind#BOOKING}; null if the booking is not
 * in the read model), {@code thread} the inbox's line of the conversation now (for {@link Kind#CONVERSATION}).
 */
public record LiveChange(long id, String tenantId, Kind kind, String subject, BoardRow booking, ThreadLine thread) {

    public enum Kind {
        BOOKING,
        CONVERSATION
    }

    /** What changed, before it has an id (a projection names it; the transaction records it). */
    public record Subject(String tenantId, Kind kind, String subject) {}
}
