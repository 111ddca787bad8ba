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
package io.confirmline.sandbox.eightbyeight;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One leg of a call session: the guest's ({@code callA}) or the bridged restaurant's ({@code callB}). Written by the
 * one reactive chain that plays the session, read when its summary is sent.
 */
final class CallLeg {

    final String callId = UUID.randomUUID().toString();
    final String direction;
    final String source;
    final String destination;
    final Instant initiated;
    volatile Instant connected;
    volatile Instant disconnected;
    volatile String status;

    CallLeg(String direction, String source, String destination, Instant initiated) {
        this.direction = direction;
        this.source = source;
        this.destination = destination;
        this.initiated = initiated;
    }

    /** Ends the leg unless it already ended (a bridged leg ends before the session does). */
    void end(Instant at, String legStatus) {
        if (disconnected == null) {
            disconnected = at;
            status = legStatus;
        }
    }

    /** The leg as a session summary's {@code details.callX} (8x8-voice-api.md §4.1): no connected time if unanswered. */
    Map<String, Object> summary() {
        Map<String, Object> leg = new LinkedHashMap<>();
        leg.put("callId", callId);
        leg.put("callDirection", direction);
        leg.put("callType", "PSTN");
        leg.put("initiatedTimestamp", initiated.toString());
        if (connected != null) {
            leg.put("connectedTimestamp", connected.toString());
        }
        leg.put("disconnectedTimestamp", disconnected.toString());
        leg.put("source", source);
        leg.put("destination", destination);
        leg.put("sourceFormat", "MSISDN");
        leg.put("destinationFormat", "MSISDN");
        leg.put("callStatus", status);
        leg.put(
                "callDuration",
                connected == null
                        ? 0
                        : Duration.between(connected, disconnected).toSeconds());
        return leg;
    }
}
