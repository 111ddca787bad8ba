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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * What happened in one call session, as a test or a demo wants to read it: every webhook posted with the answer it
 * got, the bridge to the restaurant and its outcome, and the session's final status.
 */
final class SessionLog {

    /**
     * One webhook attempt.
     *
     * @param type {@code VCA} or {@code VSS}
     * @param body what was posted
     * @param httpStatus the receiver's HTTP status, or null when it did not answer
     * @param reply the receiver's answer (the callflow of a VCA reply), or null
     * @param error why the attempt failed (connection, timeout, non-2xx), or null
     */
    record Webhook(
            String type, Map<String, Object> body, Integer httpStatus, JsonNode reply, String error, Instant at) {}

    /**
     * A {@code makeCall} from a VCA reply: the second leg.
     *
     * @param callStatus {@code RINGING} while it rings, then {@code COMPLETED} (answered) or {@code NO_ANSWER}
     */
    record Bridge(String source, String destination, String callStatus, Instant connectedAt) {}

    /**
     * The session as {@code GET /sandbox/inbound-calls/{id}} and {@code GET /sandbox/calls/{id}} show it.
     *
     * @param direction {@code INBOUND} (a person called a virtual number) or {@code OUTBOUND} (Send Callflow)
     * @param from the caller (inbound) or the callflow's source
     * @param to the virtual number called (inbound) or the guest called
     * @param shape the {@code eventType} that carried {@code CALL_RECEIVED} (inbound only)
     * @param digits what the caller presses, in order (inbound only)
     * @param sessionStatus the summary's {@code sessionStatus} once the session ended, else null
     * @param ended true once the session ended and its summary was posted (or given up, or lost on purpose)
     */
    record View(
            String sessionId,
            String subAccountId,
            String direction,
            String from,
            String to,
            String shape,
            boolean duplicate,
            List<String> digits,
            Instant placedAt,
            List<Webhook> webhooks,
            Bridge bridge,
            String sessionStatus,
            boolean ended,
            List<String> events) {}

    private final String sessionId;
    private final String subAccountId;
    private final String direction;
    private final String from;
    private final String to;
    private final String shape;
    private final boolean duplicate;
    private final List<String> digits;
    private final Instant placedAt;
    private final List<String> events;
    private final List<Webhook> webhooks = new CopyOnWriteArrayList<>();
    private volatile Bridge bridge;
    private volatile String sessionStatus;
    private volatile boolean closed;

    SessionLog(
            String sessionId,
            String subAccountId,
            String direction,
            String from,
            String to,
            String shape,
            boolean duplicate,
            List<String> digits,
            Instant placedAt,
            List<String> events) {
        this.sessionId = sessionId;
        this.subAccountId = subAccountId;
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.shape = shape;
        this.duplicate = duplicate;
        this.digits = digits;
        this.placedAt = placedAt;
        this.events = events;
    }

    void webhook(Webhook webhook) {
        webhooks.add(webhook);
    }

    void bridge(Bridge now) {
        bridge = now;
    }

    void ended(String status) {
        sessionStatus = status;
    }

    /** Nothing more will happen in the session. */
    void closed() {
        closed = true;
    }

    boolean inbound() {
        return "INBOUND".equals(direction);
    }

    View view() {
        return new View(
                sessionId,
                subAccountId,
                direction,
                from,
                to,
                shape,
                duplicate,
                digits,
                placedAt,
                List.copyOf(webhooks),
                bridge,
                sessionStatus,
                closed,
                List.copyOf(events));
    }
}
