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

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallPurpose;
import io.confirmline.events.CallSessionOpened;
import io.confirmline.ingress.session.OpenSession;
import io.confirmline.ingress.session.SessionView;
import io.confirmline.ingress.session.SessionViewProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VcaRepliesTest {

    static final String CONFIRMED =
            "{\"callflow\":[{\"action\":\"say\",\"params\":{\"text\":\"Confirmed\"}},{\"action\":\"hangup\"}]}";
    static final String CANCELLED =
            "{\"callflow\":[{\"action\":\"say\",\"params\":{\"text\":\"Cancelled\"}},{\"action\":\"hangup\"}]}";
    static final String REPROMPT_INVALID =
            "{\"callflow\":[{\"action\":\"sayAndCapture\",\"params\":{\"promptMessage\":\"Invalid\"}}]}";
    static final String REPROMPT_SILENT =
            "{\"callflow\":[{\"action\":\"sayAndCapture\",\"params\":{\"promptMessage\":\"Silent\"}}]}";
    static final String GOODBYE =
            "{\"callflow\":[{\"action\":\"say\",\"params\":{\"text\":\"Bye\"}},{\"action\":\"hangup\"}]}";

    private final Instant now = Instant.parse("2026-11-21T20:00:00Z");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SessionView view = new SessionView(
            new SessionViewProperties(
                    Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ZERO, 0),
            Clock.fixed(now, ZoneOffset.UTC));
    private final VcaReplies replies =
            new VcaReplies(new UnknownSessionReplyProperties("Sorry, goodbye.", "en-GB-Emma"), meters);

    private Optional<OpenSession> session(int maxReprompts) {
        view.put(CallSessionOpened.newBuilder()
                .setEventId("open-1")
                .setOccurredAt(now)
                .setTenantId("luigis")
                .setSessionId("s-1")
                .setCallId("c-1")
                .setAttemptId("a-1")
                .setPurpose(CallPurpose.CONFIRMATION)
                .setLocale("en-GB")
                .setVoiceProfile("en-GB-Emma")
                .setDigitReplies(Map.of("1", CONFIRMED, "0", CANCELLED))
                .setInvalidInputReply(REPROMPT_INVALID)
                .setNoInputReply(REPROMPT_SILENT)
                .setFinalReply(GOODBYE)
                .setMaxReprompts(maxReprompts)
                .setExpiresAt(now.plusSeconds(3600))
                .build());
        return view.find("s-1");
    }

    @Test
    void confirmAndCancelGetThePreRenderedReplies() {
        assertThat(replies.choose(session(2), "e1", "1")).isEqualTo(CONFIRMED);
        assertThat(replies.choose(session(2), "e2", "0#")).isEqualTo(CANCELLED);
    }

    @Test
    void anUnknownDigitOrSilenceRepromptsUntilTheBoundThenSaysGoodbye() {
        Optional<OpenSession> session = session(2);

        assertThat(replies.choose(session, "e1", "7")).isEqualTo(REPROMPT_INVALID);
        assertThat(replies.choose(session, "e2", null)).isEqualTo(REPROMPT_SILENT);
        assertThat(replies.choose(session, "e3", "9")).isEqualTo(GOODBYE);
        assertThat(replies.choose(session, "e4", "1"))
                .as("a valid digit still counts")
                .isEqualTo(CONFIRMED);
    }

    @Test
    void aRedeliveredKeyPressGetsTheSameReplyAndSpendsNoReprompt() {
        Optional<OpenSession> session = session(1);

        assertThat(replies.choose(session, "e1", "7")).isEqualTo(REPROMPT_INVALID);
        assertThat(replies.choose(session, "e1", "7")).isEqualTo(REPROMPT_INVALID);
        assertThat(replies.choose(session, "e2", "7")).isEqualTo(GOODBYE);
    }

    @Test
    void anUnknownSessionGetsTheSafeReplyAndIsCounted() {
        String reply = replies.choose(Optional.empty(), "e1", "1");

        assertThat(reply)
                .isEqualTo("{\"callflow\":[{\"action\":\"say\",\"params\":{\"text\":\"Sorry, goodbye.\","
                        + "\"voiceProfile\":\"en-GB-Emma\",\"repetition\":1,\"speed\":1}},{\"action\":\"hangup\"}]}");
        assertThat(meters.counter("confirmline.ingress.vca.unknown.sessions").count())
                .isEqualTo(1.0);
    }

    @Test
    void expiredSessionsAreForgotten() {
        view.put(CallSessionOpened.newBuilder(session(1).orElseThrow().opened())
                .setEventId("open-2")
                .setSessionId("old")
                .setExpiresAt(now.minusSeconds(1))
                .build());

        assertThat(view.find("old")).isEmpty();
        assertThat(view.find("s-1")).isPresent();
    }
}
