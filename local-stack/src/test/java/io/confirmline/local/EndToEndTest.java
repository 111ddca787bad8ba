package io.confirmline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The three services together, each in its own JVM, on a real KRaft broker, the Apicurio registry and PostgreSQL,
 * with the 8x8 sandbox playing the calls (and sending every webhook twice) and the platform sandbox receiving and
 * verifying the signed status webhooks — while it is down for its first twelve requests.
 */
class EndToEndTest {

    static LocalStack stack;
    static PlatformClient platform;

    @BeforeAll
    static void start() {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        stack = LocalStack.start(Path.of("..").toAbsolutePath().normalize(), LocalStack.Ports.free(),
                LocalStack.Timings.fast(), new LocalStack.Database(db.jdbcUrl(), db.r2dbcUrl(), db.username(), db.password()),
                Path.of("target/e2e-logs"));
        platform = new PlatformClient(stack.url("platform-sandbox"), stack.url("call-orchestrator"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyOutcomeReachesThePlatformOnceAndInOrderThoughItWasDownAndEveryWebhookCameTwice() throws Exception {
        platform.fail(503, 12);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> traces = new LinkedHashMap<>();
        Map<String, Integer> sessions = new LinkedHashMap<>();
        for (Scenario scenario : Scenario.everyOutcome()) {
            String id = "e2e-" + UUID.randomUUID();
            traces.put(id, platform.publishReservation(id, "CREATED", 1, PlatformClient.dueNow(), scenario.phone()));
            expected.put(id, scenario.expectedStatuses());
            sessions.put(id, scenario.sessions());
            names.put(id, scenario.name());
        }

        String cancelled = "e2e-cancelled-" + UUID.randomUUID();
        Instant later = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        platform.publishReservation(cancelled, "CREATED", 1, later, "+34600100001");
        platform.publishReservation(cancelled, "CANCELLED", 2, later, "+34600100001");
        expected.put(cancelled, List.of("SCHEDULED", "WITHDRAWN"));
        names.put(cancelled, "cancelled before the call: withdrawn, never dialed");

        String moved = "e2e-moved-" + UUID.randomUUID();
        platform.publishReservation(moved, "CREATED", 1, later, "+34600100001");
        platform.publishReservation(moved, "UPDATED", 2, later.plus(1, ChronoUnit.HOURS), "+34600100001");
        expected.put(moved, List.of("SCHEDULED", "SCHEDULED"));
        names.put(moved, "moved: rescheduled an hour later, not dialed");

        String message = "e2e-message-" + UUID.randomUUID();
        JsonNode answer = platform.makeCall(Map.of("type", "VOICE_MESSAGE", "messageId", message, "phone", "+447911100021",
                "locale", "en-GB", "text", "Your table at Luigi's is ready.", "repetitions", 2, "purpose", "NOTICE"));
        assertThat(answer.path("callId").asString()).isNotBlank();
        expected.put(message, List.of("SCHEDULED", "DIALING", "DELIVERED"));
        sessions.put(message, 1);
        names.put(message, "voice message over HTTP: delivered");

        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Long> counts = platform.received().stream().collect(java.util.stream.Collectors.groupingBy(
                    r -> String.valueOf(r.subjectId()), java.util.stream.Collectors.counting()));
            if (expected.entrySet().stream().allMatch(e -> counts.getOrDefault(e.getKey(), 0L)
                    >= e.getValue().size() + sessions.getOrDefault(e.getKey(), 0))) {
                break;
            }
            Thread.sleep(500);
        }
        Thread.sleep(2000);   // anything extra (a duplicate, a late change) would arrive now

        SoftAssertions softly = new SoftAssertions();
        expected.forEach((id, statuses) -> {
            List<String> got = statuses(id);
            softly.assertThat(got).as(() -> names.get(id) + (got.equals(statuses) ? ""
                    : platform.diagnose(id, stack.url("platform-notifier")))).isEqualTo(statuses);
        });
        // The platform hears the whole call: one call.completed per finished session, with 8x8's summary.
        sessions.forEach((id, count) -> softly.assertThat(platform.completions(id)).as(() -> names.get(id) + ": call.completed")
                .hasSize(count).allSatisfy(completed -> {
                    assertThat(completed.summary().path("sessionId").asString()).isNotBlank();
                    assertThat(completed.summary().path("providerStatus").asString()).isNotBlank();
                    assertThat(completed.summary().path("legs").size()).isPositive();
                }));
        softly.assertAll();

        List<PlatformClient.Received> movedChanges = platform.received(moved);
        assertThat(Instant.parse(movedChanges.get(1).scheduledFor()))
                .isEqualTo(Instant.parse(movedChanges.get(0).scheduledFor()).plus(1, ChronoUnit.HOURS));
        PlatformClient.Received confirmed = platform.received().stream()
                .filter(r -> "CONFIRMED".equals(r.status()) && r.digits() != null).findFirst().orElseThrow();
        assertThat(confirmed.digits()).isEqualTo("1");
        // One trace from the reservation event through dialing, 8x8's webhooks and the platform delivery.
        String confirmedBooking = expected.keySet().stream()
                .filter(id -> statuses(id).equals(List.of("SCHEDULED", "DIALING", "CONFIRMED"))).findFirst().orElseThrow();
        String bookingTrace = traces.get(confirmedBooking);
        assertThat(bookingTrace).as("the reservation was published inside a trace").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        assertThat(platform.received(confirmedBooking)).extracting(PlatformClient.Received::traceparent)
                .allSatisfy(traceparent -> assertThat(traceparent).startsWith(bookingTrace.substring(0, 36)));

        PlatformClient.Received confirmedCall = platform.completions(confirmedBooking).get(0);
        assertThat(confirmedCall.status()).as("call.completed carries the call's status").isEqualTo("CONFIRMED");
        assertThat(confirmedCall.summary().path("providerStatus").asString()).isEqualTo("COMPLETED");
        assertThat(confirmedCall.summary().path("durationSeconds").isInt()).as("duration of an answered call").isTrue();

        PlatformClient.Received failed = platform.received().stream()
                .filter(r -> "FAILED".equals(r.status())).findFirst().orElseThrow();
        assertThat(failed.reason()).contains("-1017");
    }

    private static List<String> statuses(String subjectId) {
        return platform.received(subjectId).stream().map(PlatformClient.Received::status).toList();
    }
}
