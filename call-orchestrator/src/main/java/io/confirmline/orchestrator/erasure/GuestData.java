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
package io.confirmline.orchestrator.erasure;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the orchestrator holds about one guest of one tenant: the bookings and voice messages for their number, the
 * calls made for them and the 8x8 sessions of those calls' attempts.
 */
record GuestData(List<String> bookings, List<String> messages, List<Call> calls, Set<String> sessions) {

    /** A call of the guest, as it stands. */
    record Call(UUID id, String subjectType, String subjectId, String status, int attempt) {}

    /** The reservation and message ids: what the notifier's deliveries are filed under. */
    List<String> subjectIds() {
        return java.util.stream.Stream.concat(bookings.stream(), messages.stream())
                .toList();
    }

    UUID[] callIds() {
        return calls.stream().map(Call::id).toArray(UUID[]::new);
    }
}
