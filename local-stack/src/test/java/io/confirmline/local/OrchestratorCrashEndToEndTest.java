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
package io.confirmline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator killed with SIGKILL at the worst moment of dialing: after it committed DIALING and sent Send
 * Callflow, before 8x8 answered. Two attempts are caught in that window — one 8x8 did place (its session summary
 * echoes our attempt id), one it never placed (no webhook will ever mention it) — and both must end, with the
 * platform told, and no guest rung twice for one attempt.
 *
 * <p>Tagged {@code long} (two minutes of a whole stack, a kill and a restart): {@code .ci/run} runs it after verify.
 */
@Tag("long")
class OrchestratorCrashEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Longer than the orchestrator's restart, so the placed attempt's summary arrives before its deadline. */
    private static final Duration SUMMARY_TIMEOUT = Duration.ofSeconds(40);

    static LocalStack stack;
    static PlatformClient platform;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        LocalStack.Timings fast = LocalStack.Timings.fast();
        LocalStack.Timings timings = new LocalStack.Timings(
                fast.ring(),
                fast.speech(),
                fast.reaction(),
                fast.retryDelay(),
                fast.keyWait(),
                SUMMARY_TIMEOUT,
                fast.notifierRetrySchedule(),
                fast.breakerOpenFor(),
                false,
                // The kill must land while the dial waits for 8x8 (the sandbox holds its answer 60 s), not after the
                // orchestrator gave up waiting.
                Duration.ofSeconds(50));
        stack = LocalStack.start(
                Path.of("..").toAbsolutePath().normalize(),
                LocalStack.Ports.free(),
                timings,
                new LocalStack.Database(db.jdbcUrl(), db.r2dbcUrl(), db.username(), db.password()),
                Path.of("target/crash-logs"));
        platform = new PlatformClient(stack.url("platform-sandbox"), stack.url("call-orchestrator"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void killedBetweenTheDialingCommitAndEightByEightsAnswerEveryCallStillEndsAndThePlatformHearsIt() throws Exception {
        String placedPhone = "+34600200001";
        String lostPhone = "+34600200011";
        guest(placedPhone, "PLACED_ANSWER_HELD");
        guest(lostPhone, "NOT_PLACED_ANSWER_HELD");
        String placed = "crash-placed-" + UUID.randomUUID();
        String lost = "crash-lost-" + UUID.randomUUID();
        // One instant for both, so one claim takes both: a dial whose answer 8x8 holds keeps the dialer's batch (and
        // a call due a moment later) waiting up to the dial timeout, 50 s here.
        java.time.Instant startsAt = PlatformClient.dueNow();
        platform.publishReservation(placed, "CREATED", 1, startsAt, placedPhone);
        platform.publishReservation(lost, "CREATED", 1, startsAt, lostPhone);

        // Both Send Callflow requests are at 8x8, unanswered: DIALING is committed, the answers are held.
        awaitUntil(
                Duration.ofSeconds(60),
                () -> sandboxCalls(placedPhone).size() == 1
                        && sandboxCalls(lostPhone).size() == 1);
        stack.kill("call-orchestrator");
        guest(lostPhone, "PRESSES_1"); // the next attempt for this guest is answered
        stack.restart("call-orchestrator");

        awaitUntil(
                Duration.ofMinutes(3),
                () -> platform.received(placed).size() >= 2
                        && platform.completions(placed).size() >= 1
                        && platform.received(lost).size() >= 4
                        && platform.completions(lost).size() >= 1);
        Thread.sleep(2000); // anything extra (a duplicate, a second call) would arrive now

        // Placed by 8x8: matched by its clientRequestId, the parked key press then decides it.
        assertThat(statuses(placed))
                .as(() -> platform.diagnose(placed, stack.url("platform-notifier")))
                .containsExactly("SCHEDULED", "CONFIRMED");
        PlatformClient.Received confirmed = platform.received(placed).get(1);
        assertThat(confirmed.previousStatus()).isEqualTo("DIALING");
        assertThat(confirmed.attempt()).isEqualTo(1);
        assertThat(platform.completions(placed))
                .singleElement()
                .satisfies(completed -> assertThat(
                                completed.summary().path("attemptId").asString())
                        .isNotBlank());
        assertThat(sandboxCalls(placedPhone)).as("the guest was rung once").hasSize(1);

        // Never placed, never mentioned by 8x8: closed as lost after the summary timeout, then retried.
        assertThat(statuses(lost))
                .as(() -> platform.diagnose(lost, stack.url("platform-notifier")))
                .containsExactly("SCHEDULED", "SCHEDULED", "DIALING", "CONFIRMED");
        PlatformClient.Received retry = platform.received(lost).get(1);
        assertThat(retry.previousStatus()).isEqualTo("DIALING");
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.reason()).contains("never reported");
        assertThat(platform.completions(lost))
                .singleElement()
                .satisfies(completed -> assertThat(completed.attempt()).isEqualTo(2));
        List<JsonNode> lostCalls = sandboxCalls(lostPhone);
        assertThat(lostCalls)
                .as("one request that placed nothing, then one call")
                .hasSize(2);
        assertThat(lostCalls.get(0).path("sessionId").isNull()).isTrue();
    }

    private static List<String> statuses(String subjectId) {
        return platform.received(subjectId).stream()
                .map(PlatformClient.Received::status)
                .toList();
    }

    private static void guest(String number, String behaviour) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(stack.url("eightbyeight-sandbox") + "/sandbox/guests/" + number))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"behaviour\":\"" + behaviour + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** What the 8x8 sandbox received for this number, oldest first. */
    private static List<JsonNode> sandboxCalls(String number) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(stack.url("eightbyeight-sandbox") + "/sandbox/calls"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> calls = new ArrayList<>();
        JSON.readTree(response.body()).forEach(call -> {
            if (number.equals(call.path("destination").asString())) {
                calls.add(call);
            }
        });
        return calls;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Duration timeout, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + timeout);
            }
            Thread.sleep(250);
        }
    }
}
