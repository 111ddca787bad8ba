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
package io.confirmline.ingress.session;

import io.confirmline.events.CallSessionOpened;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A live call session as the ingress knows it: the orchestrator's {@link CallSessionOpened} and what happened in
 * this instance since (re-prompts given, replies already sent per 8x8 eventId so a redelivered VCA gets the same
 * answer and does not spend a re-prompt).
 */
public final class OpenSession {

    private static final int REMEMBERED_REPLIES = 16;

    private final CallSessionOpened opened;
    private final Instant forgetAt;
    private final String traceParent;
    private int reprompts;
    private final Map<String, String> repliesByEventId = new LinkedHashMap<>(4, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_REPLIES;
        }
    };

    OpenSession(CallSessionOpened opened, Instant forgetAt, String traceParent) {
        this.opened = opened;
        this.forgetAt = forgetAt;
        this.traceParent = traceParent;
    }

    /** The trace of the booking this call is for (the session record's traceparent), or null. */
    public String traceParent() {
        return traceParent;
    }

    public CallSessionOpened opened() {
        return opened;
    }

    Instant forgetAt() {
        return forgetAt;
    }

    /** The reply already given to this VCA event, if it is a redelivery. */
    public synchronized String replyGivenTo(String eventId) {
        return repliesByEventId.get(eventId);
    }

    /** Counts one more re-prompt and says whether the session may still have it. */
    public synchronized boolean takeReprompt() {
        if (reprompts >= opened.getMaxReprompts()) {
            return false;
        }
        reprompts++;
        return true;
    }

    public synchronized void remember(String eventId, String reply) {
        repliesByEventId.put(eventId, reply);
    }
}
