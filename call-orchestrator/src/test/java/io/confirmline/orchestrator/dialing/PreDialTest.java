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

import io.confirmline.orchestrator.call.CallProgress;
import io.confirmline.orchestrator.call.OutcomeProperties;
import io.confirmline.orchestrator.tenant.Tenants;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch pre-dial check on a real PostgreSQL: one statement marks DIALING (with its attempt row and summary
 * deadline) exactly the claimed calls that pass every check, and leaves every other one as it was, for the one-call
 * check to decide.
 */
class PreDialTest {

    DialingDatabase database;
    PreDial preDial;

    @BeforeEach
    void database() {
        database = new DialingDatabase();
        preDial = new PreDial(
                database.db,
                database.transactions,
                mock(Tenants.class),
                database.outbox,
                new OutcomeProperties(
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(15),
                        Duration.ofSeconds(30),
                        Duration.ofMillis(500),
                        3,
                        4),
                mock(CallProgress.class),
                new CallEndings(database.db, database.outbox, database.clock),
                database.clock);
    }

    @Test
    void marksTheCallsThatPassEveryCheckAndLeavesTheOthersAsTheyWere() {
        DueCall ready = database.claimedCall("r-ready", "+34600000001");
        DueCall alsoReady = database.claimedCall("r-also-ready", "+34600000002");
        DueCall cancelled = database.claimedCall("r-cancelled", "+34600000003");
        DueCall moved = database.claimedCall("r-moved", "+34600000004");
        DueCall optedOut = database.claimedCall("r-opted-out", "+34600000005");
        DueCall textOnly = database.claimedCall("r-text-only", "+34600000006");
        DueCall tooLate = database.claimedCall("r-too-late", "+34600000007");
        DueCall takenOver = database.claimedCall("r-taken-over", "+34600000008");
        database.execute("UPDATE booking SET cancelled = true WHERE reservation_id = 'r-cancelled'");
        database.execute("UPDATE booking SET version = 2 WHERE reservation_id = 'r-moved'");
        database.execute(
                "INSERT INTO opt_out (tenant_id, phone, source) VALUES ('luigis', '+34600000005', 'PLATFORM')");
        database.execute("UPDATE booking SET text_only = true WHERE reservation_id = 'r-text-only'");
        database.execute("UPDATE call SET valid_until = now() - interval '1 second' WHERE subject_id = 'r-too-late'");
        database.execute(
                "UPDATE call SET lease_until = lease_until + interval '1 second' WHERE subject_id = 'r-taken-over'");

        PreDial.Batch batch = preDial.markAll(
                        List.of(ready, cancelled, moved, alsoReady, optedOut, textOnly, tooLate, takenOver))
                .block();

        assertThat(batch.marked())
                .extracting(m -> m.call().subjectId())
                .containsExactlyInAnyOrder("r-ready", "r-also-ready");
        assertThat(batch.others())
                .extracting(DueCall::subjectId)
                .containsExactly("r-cancelled", "r-moved", "r-opted-out", "r-text-only", "r-too-late", "r-taken-over");
        PreDial.Marked marked = batch.marked().stream()
                .filter(m -> m.call().equals(ready))
                .findFirst()
                .orElseThrow();
        assertThat(marked.booking().guestPhone()).isEqualTo("+34600000001");
        assertThat(database.status(ready)).isEqualTo("DIALING");
        assertThat(database.column(ready, "attempt_id")).isEqualTo(marked.attemptId());
        assertThat(database.column(ready, "settle_reason")).isEqualTo("SUMMARY_LOST");
        assertThat(database.db
                        .sql("SELECT attempt_id FROM call_attempt WHERE call_id = :id AND attempt = 1")
                        .bind("id", ready.id())
                        .map(row -> row.get("attempt_id", String.class))
                        .one()
                        .block())
                .isEqualTo(marked.attemptId());
        for (DueCall other : batch.others()) {
            assertThat(database.status(other)).as(other.subjectId()).isEqualTo("SCHEDULED");
        }
        assertThat(database.db
                        .sql("SELECT count(*) AS n FROM call_attempt")
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isEqualTo(2);
    }

    @Test
    void aCallAlreadyMarkedIsNotMarkedAgain() {
        DueCall call = database.claimedCall("r-once", "+34600000011");
        assertThat(preDial.markAll(List.of(call)).block().marked()).hasSize(1);

        PreDial.Batch again = preDial.markAll(List.of(call)).block();

        assertThat(again.marked()).isEmpty();
        assertThat(again.others()).containsExactly(call);
    }
}
