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
