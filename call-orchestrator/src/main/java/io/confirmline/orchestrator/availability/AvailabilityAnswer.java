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
package io.confirmline.orchestrator.availability;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the platform's 200 answer {@code {"slots":[{"startsAt":"2026-12-01T20:30:00+01:00","partySize":4}, ...]}}.
 * An answer with any slot we cannot read is not used at all rather than in part: a platform that writes one
 * slot wrong may have written the others wrong too, and offering a guest a time that is not free is worse than
 * offering none.
 */
final class AvailabilityAnswer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AvailabilityAnswer() {}

    /** The slots in the platform's order, at most {@code limit}; empty when the body is not the contract's. */
    static Optional<List<Slot>> read(String body, int limit) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        JsonNode slots = json == null || !json.isObject() ? null : json.get("slots");
        if (slots == null || !slots.isArray()) {
            return Optional.empty();
        }
        List<Slot> read = new ArrayList<>();
        for (JsonNode slot : slots) {
            Optional<Slot> one = slot(slot);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            if (read.size() < limit) {
                read.add(one.get());
            }
        }
        return Optional.of(List.copyOf(read));
    }

    private static Optional<Slot> slot(JsonNode slot) {
        JsonNode startsAt = slot.get("startsAt");
        JsonNode partySize = slot.get("partySize");
        if (startsAt == null
                || !startsAt.isString()
                || partySize == null
                || !partySize.isInt()
                || partySize.asInt() < 1) {
            return Optional.empty();
        }
        try {
            // The offset is required: a local time alone would leave the venue's zone to guesswork.
            return Optional.of(new Slot(OffsetDateTime.parse(startsAt.asString()), partySize.asInt()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
