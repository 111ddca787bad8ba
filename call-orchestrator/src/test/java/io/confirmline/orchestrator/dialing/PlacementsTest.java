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
package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.confirmline.events.Topics;
import io.confirmline.orchestrator.call.CallProgress;
import io.confirmline.orchestrator.call.OutcomeProperties;
import io.confirmline.orchestrator.callflow.SessionReplies;
import io.confirmline.orchestrator.dialing.DialPlans.DialPlan;
import io.confirmline.orchestrator.tenant.Tenants;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recording 8x8's answers for a batch on a real PostgreSQL: each created session is recorded on its call and
 * attempt with its events in the outbox — only while the call is still DIALING that attempt.
 */
class PlacementsTest {

    static final OutcomeProperties OUTCOMES = new OutcomeProperties(
            Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMillis(500), 3, 4);

    DialingDatabase database;
    PreDial preDial;
    Placements placements;

    @BeforeEach
    void database() {
        database = new DialingDatabase();
        CallEndings endings = new CallEndings(database.db, database.outbox, database.clock);
        preDial = new PreDial(
                database.db,
                database.transactions,
                mock(Tenants.class),
                database.outbox,
                OUTCOMES,
                mock(CallProgress.class),
                endings,
                database.clock);
        placements = new Placements(
                database.db,
                database.transactions,
                database.outbox,
                OUTCOMES,
                new DialingProperties(
                        URI.create("http://127.0.0.1:1"),
                        Duration.ofSeconds(2),
                        2,
                        20,
                        Duration.ofSeconds(60),
                        Duration.ofMillis(200),
                        Duration.ofMinutes(1),
                        8,
                        Duration.ofSeconds(20)),
                endings,
                database.clock);
    }

    static Placements.Placement placed(PreDial.Marked marked, String sessionId) {
        DialPlan plan = new DialPlan(
                marked.attemptId(), "{}", session -> SessionReplies.voiceMessage(session, "es-ES", "es-ES-Standard-A"));
        return new Placements.Placement(
                marked.call(), plan, marked.dialedAt(), new PlaceCallResult.Placed(sessionId), null);
    }

    @Test
    void recordsEverySessionOfTheBatchWithItsEvents() {
        List<PreDial.Marked> marked = preDial.markAll(List.of(
                        database.claimedCall("r-1", "+34600000021"), database.claimedCall("r-2", "+34600000022")))
                .block()
                .marked();

        placements
                .recordAll(marked.stream()
                        .map(m -> placed(m, "s-" + m.call().subjectId()))
                        .toList())
                .block();

        for (PreDial.Marked m : marked) {
            assertThat(database.column(m.call(), "session_id"))
                    .isEqualTo("s-" + m.call().subjectId());
            assertThat(database.column(m.call(), "lease_until")).isNull();
            assertThat(database.status(m.call())).isEqualTo("DIALING");
            assertThat(database.outboxTopics(m.call().subjectId()))
                    .containsExactly(Topics.CALL_STATUS.name(), Topics.BOOKINGS.name());
            assertThat(database.outboxTopics("s-" + m.call().subjectId())).containsExactly(Topics.SESSIONS.name());
        }
    }

    @Test
    void aCallNoLongerDialingThatAttemptIsLeftAlone() {
        List<PreDial.Marked> marked = preDial.markAll(List.of(
                        database.claimedCall("r-3", "+34600000023"), database.claimedCall("r-4", "+34600000024")))
                .block()
                .marked();
        PreDial.Marked settled = marked.stream()
                .filter(m -> m.call().subjectId().equals("r-3"))
                .findFirst()
                .orElseThrow();
        database.execute("UPDATE call SET status = 'COMPLETED' WHERE subject_id = 'r-3'");

        placements
                .recordAll(marked.stream()
                        .map(m -> placed(m, "s-" + m.call().subjectId()))
                        .toList())
                .block();

        assertThat(database.column(settled.call(), "session_id")).isNull();
        assertThat(database.outboxTopics("r-3")).isEmpty();
        assertThat(database.outboxTopics("s-r-3")).isEmpty();
        assertThat(database.outboxTopics("r-4")).containsExactly(Topics.CALL_STATUS.name(), Topics.BOOKINGS.name());
    }
}
