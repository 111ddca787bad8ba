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
package io.confirmline.ingress.callback;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where an inbound call stands, carried in the reply's {@code clientActionId}, which 8x8 echoes in the next VCA of
 * the session (design.md §10.2): no instance keeps per-call state, so any instance answers the next key. Formats:
 * {@code cb1|m|<reservationId, base64url>|<version>|<re-prompts given>} while the menu of a booking is asked, and
 * {@code cb1|b} once the call was put through (at most one bridge per session). Anything else — a tampered or
 * truncated value — does not parse, and the call is then answered as an unknown caller's. At most
 * {@value #MAX_LENGTH} characters.
 */
public sealed interface CallbackState {

    String PREFIX = "cb1|";
    int MAX_LENGTH = 200;

    /** The menu of a booking is being asked. */
    record Menu(String reservationId, long version, int reprompts) implements CallbackState {
        @Override
        public String encode() {
            return PREFIX + "m|"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(reservationId.getBytes(StandardCharsets.UTF_8))
                    + '|' + version + '|' + reprompts;
        }
    }

    /** The caller was put through to the venue. */
    record Bridged() implements CallbackState {
        @Override
        public String encode() {
            return PREFIX + "b";
        }
    }

    String encode();

    /** Whether this VCA belongs to an inbound call we answered (its clientActionId is one of ours). */
    static boolean ours(String clientActionId) {
        return clientActionId != null && clientActionId.startsWith(PREFIX);
    }

    /** Whether a menu for this reservation fits in a clientActionId; one that does not is never offered. */
    static boolean fits(String reservationId, long version) {
        return new Menu(reservationId, version, 99).encode().length() <= MAX_LENGTH;
    }

    static Optional<CallbackState> parse(String clientActionId) {
        if (!ours(clientActionId) || clientActionId.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = clientActionId.split("\\|", -1);
        try {
            if (parts.length == 2 && parts[1].equals("b")) {
                return Optional.of(new Bridged());
            }
            if (parts.length == 5 && parts[1].equals("m")) {
                String reservationId = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
                long version = Long.parseLong(parts[3]);
                int reprompts = Integer.parseInt(parts[4]);
                if (reservationId.isEmpty() || reprompts < 0 || reprompts > 99) {
                    return Optional.empty();
                }
                return Optional.of(new Menu(reservationId, version, reprompts));
            }
        } catch (IllegalArgumentException malformed) {
            // Not base64, not a number: answered as an unknown caller.
        }
        return Optional.empty();
    }
}
