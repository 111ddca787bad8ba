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
package io.confirmline.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.notifier.delivery.AnswerRules.Verdict;
import io.confirmline.notifier.delivery.DeliveryStore.Attempt;
import io.confirmline.notifier.delivery.WebhookSender.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What each answer of the platform means for its delivery. */
class AnswerRulesTest {

    final Instant now = Instant.parse("2026-11-21T20:00:00Z");
    final AnswerRules rules =
            new AnswerRules(new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5)), 0, () -> 0.5));
    final UUID id = UUID.randomUUID();

    Attempt attempt(int number, Integer code, String error) {
        return new Attempt(id, number, now, 12, code, error);
    }

    Verdict judge(int number, Integer code) {
        String error = code == null ? "refused" : null;
        return rules.judge(attempt(number, code, error), new Answer(code, Optional.empty(), error), now);
    }

    @Test
    void aSuccessIsDelivered() {
        Verdict verdict = judge(1, 204);
        assertThat(verdict.outcome().kind()).isEqualTo(Outcome.Kind.SUCCEEDED);
        assertThat(verdict.platformFailed()).isFalse();
    }

    @Test
    void failuresAreRetriedOnTheScheduleThenDeadLettered() {
        Verdict first = judge(1, 503);
        assertThat(first.outcome().kind()).isEqualTo(Outcome.Kind.RETRY);
        assertThat(first.outcome().nextAttemptAt()).isEqualTo(now.plusSeconds(5));
        assertThat(first.outcome().attempt().error()).isEqualTo("HTTP 503");
        assertThat(first.platformFailed()).isTrue();

        assertThat(judge(2, null).outcome().kind()).as("schedule run out").isEqualTo(Outcome.Kind.DEAD);
        assertThat(judge(1, null).outcome().attempt().error())
                .as("a connection error keeps its own reason")
                .isEqualTo("refused");
        assertThat(judge(1, 408).outcome().kind()).isEqualTo(Outcome.Kind.RETRY);
        assertThat(judge(1, 429).outcome().kind()).isEqualTo(Outcome.Kind.RETRY);
    }

    @Test
    void retryAfterIsHonoured() {
        Verdict verdict =
                rules.judge(attempt(1, 429, null), new Answer(429, Optional.of(Duration.ofSeconds(30)), null), now);
        assertThat(verdict.outcome().nextAttemptAt()).isEqualTo(now.plusSeconds(30));
    }

    @Test
    void answersThatWouldRepeatAreDeadLetteredAtOnceAndAreNotThePlatformFailing() {
        Verdict redirect = judge(1, 302);
        assertThat(redirect.outcome().kind()).isEqualTo(Outcome.Kind.DEAD);
        assertThat(redirect.outcome().attempt().error()).isEqualTo("HTTP 302: redirects are not followed");
        assertThat(redirect.platformFailed()).isFalse();
        assertThat(judge(1, 400).outcome().attempt().error()).isEqualTo("HTTP 400: not retried");
    }

    @Test
    void goneDisablesTheEndpoint() {
        Verdict gone = judge(1, 410);
        assertThat(gone.outcome().kind()).isEqualTo(Outcome.Kind.DEAD);
        assertThat(gone.disablesEndpoint()).isTrue();
        assertThat(gone.outcome().attempt().error()).isEqualTo("410 Gone: endpoint disabled");
    }
}
