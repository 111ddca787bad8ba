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
package io.confirmline.ingress.reply;

import io.confirmline.events.CallSessionOpened;
import io.confirmline.ingress.session.OpenSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chooses the in-call answer to a VCA webhook: the pre-rendered reply the orchestrator put in the session for this
 * digit; a re-prompt for an unknown digit or no input while the session has re-prompts left; the final goodbye
 * after that. Pure and in memory: this runs while the guest waits on the line.
 */
@Component
public class VcaReplies {

    private final String unknownSessionReply;
    private final Counter unknownSessions;

    public VcaReplies(UnknownSessionReplyProperties unknownSession, MeterRegistry meters) {
        this.unknownSessionReply = sayThenHangup(unknownSession.text(), unknownSession.voiceProfile());
        this.unknownSessions = Counter.builder("confirmline.ingress.vca.unknown.sessions")
                .description("VCA webhooks for a session the ingress did not know; answered with the safe reply")
                .register(meters);
    }

    /** The reply body (8x8 callflow JSON) for this key press. */
    public String choose(Optional<OpenSession> found, String eventId, String digits) {
        if (found.isEmpty()) {
            unknownSessions.increment();
            return unknownSessionReply;
        }
        OpenSession session = found.get();
        String earlier = session.replyGivenTo(eventId);
        if (earlier != null) {
            return earlier;
        }
        String reply = decide(session, meaningful(digits));
        session.remember(eventId, reply);
        return reply;
    }

    private static String decide(OpenSession session, String digits) {
        CallSessionOpened opened = session.opened();
        if (digits != null) {
            String reply = opened.getDigitReplies().get(digits);
            if (reply != null) {
                return reply;
            }
        }
        if (!session.takeReprompt()) {
            return opened.getFinalReply();
        }
        return digits == null ? opened.getNoInputReply() : opened.getInvalidInputReply();
    }

    /** The digits without 8x8's terminators; null when nothing was pressed. */
    public static String meaningful(String digits) {
        if (digits == null) {
            return null;
        }
        String stripped = digits.replace("#", "").replace("*", "").trim();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String sayThenHangup(String text, String voiceProfile) {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode body = json.createObjectNode();
        ArrayNode callflow = body.putArray("callflow");
        ObjectNode say = callflow.addObject().put("action", "say");
        say.putObject("params")
                .put("text", text)
                .put("voiceProfile", voiceProfile)
                .put("repetition", 1)
                .put("speed", 1);
        callflow.addObject().put("action", "hangup");
        return json.writeValueAsString(body);
    }
}
