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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.events.CallPurpose;
import io.confirmline.events.CallSessionOpened;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The view a key press is answered from, and its bounded wait for a session that has not arrived yet. */
class SessionViewTest {

    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    private SessionView view(Duration arrivalWait, int maxWaiters) {
        return new SessionView(
                new SessionViewProperties(
                        Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofMillis(100), arrivalWait, maxWaiters),
                clock);
    }

    private CallSessionOpened opened(String sessionId) {
        return CallSessionOpened.newBuilder()
                .setEventId("open-" + sessionId)
                .setOccurredAt(now)
                .setTenantId("luigis")
                .setSessionId(sessionId)
                .setCallId("c-1")
                .setAttemptId("a-1")
                .setPurpose(CallPurpose.CONFIRMATION)
                .setLocale("en-GB")
                .setVoiceProfile("en-GB-Emma")
                .setDigitReplies(Map.of("1", "{\"callflow\":[]}"))
                .setInvalidInputReply("{}")
                .setNoInputReply("{}")
                .setFinalReply("{}")
                .setMaxReprompts(1)
                .setExpiresAt(now.plusSeconds(3600))
                .build();
    }

    @Test
    void aKeyPressThatBeatsItsSessionGetsTheSessionWhenItArrivesWithinTheWait() throws Exception {
        SessionView view = view(Duration.ofSeconds(5), 10);
        CompletableFuture<Optional<OpenSession>> press = view.findOrAwait("s-1").toFuture();
        CompletableFuture<Optional<OpenSession>> redelivery =
                view.findOrAwait("s-1").toFuture();
        assertThat(press).as("nothing to answer from yet").isNotDone();
        assertThat(view.awaiting()).isEqualTo(2);

        view.put(opened("s-1"), null);

        assertThat(press.get(1, TimeUnit.SECONDS))
                .get()
                .extracting(s -> s.opened().getSessionId())
                .isEqualTo("s-1");
        assertThat(redelivery.get(1, TimeUnit.SECONDS))
                .as("a duplicate webhook waits on the same arrival")
                .isPresent();
        assertThat(view.awaiting()).isZero();
    }

    @Test
    void aSessionThatNeverComesIsEmptyAfterTheWait() {
        SessionView view = view(Duration.ofMillis(150), 10);
        long started = System.nanoTime();

        assertThat(view.findOrAwait("never").block(Duration.ofSeconds(5))).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(view.awaiting()).isZero();
        view.put(opened("never"), null);
        assertThat(view.find("never"))
                .as("a late session is still kept for later presses")
                .isPresent();
    }

    @Test
    void aKnownSessionAndAZeroWaitAnswerAtOnce() {
        SessionView waiting = view(Duration.ofSeconds(5), 10);
        waiting.put(opened("s-1"), null);
        assertThat(waiting.findOrAwait("s-1").toFuture()).isCompletedWithValueMatching(Optional::isPresent);

        assertThat(view(Duration.ZERO, 10).findOrAwait("s-2").toFuture())
                .isCompletedWithValueMatching(Optional::isEmpty);
    }

    @Test
    void pressesBeyondTheWaiterLimitAreAnsweredAtOnceSoMadeUpSessionIdsCannotHoldMemory() {
        SessionView view = view(Duration.ofSeconds(5), 2);
        view.findOrAwait("a").toFuture();
        view.findOrAwait("b").toFuture();

        assertThat(view.findOrAwait("c").toFuture()).isCompletedWithValueMatching(Optional::isEmpty);
        assertThat(view.awaiting()).isEqualTo(2);
    }

    @Test
    void aWaitLongerThanAGuestWouldHoldIsRefusedAtStartUp() {
        assertThatThrownBy(() -> view(Duration.ofSeconds(11), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arrival-wait");
        assertThatThrownBy(() -> view(Duration.ofMillis(-1), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
