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
package io.confirmline.orchestrator.availability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.confirmline.tenant.NamedSecret;
import io.confirmline.tenant.Tenant;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The availability client against a platform over real HTTP (a local server that verifies the signature with the
 * Standard Webhooks reference library, as a platform does) — what the guest is offered, and that nothing the
 * platform does turns into an error or a wait longer than the timeout.
 */
class AvailabilityClientTest {

    static final String SECRET =
            "whsec_" + java.util.Base64.getEncoder().encodeToString("availability-test-secret-32bytes".getBytes(UTF_8));
    static final String OLD_SECRET =
            "whsec_" + java.util.Base64.getEncoder().encodeToString("an-older-secret-still-active-32b".getBytes(UTF_8));
    static final String FOUR_SLOTS = """
            {"slots":[{"startsAt":"2026-12-01T20:30:00+01:00","partySize":4},
                      {"startsAt":"2026-12-01T20:00:00+01:00","partySize":4},
                      {"startsAt":"2026-12-01T21:00:00+01:00","partySize":4},
                      {"startsAt":"2026-12-01T21:30:00+01:00","partySize":4}]}""";

    /** One request as the platform saw it, and whether its signature verified with {@link #SECRET}. */
    record Seen(String uri, Map<String, String> headers, boolean verified) {}

    record Answer(int status, String contentType, String body, Duration delay) {}

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    volatile Answer answer = new Answer(200, "application/json", FOUR_SLOTS, Duration.ZERO);
    LoopResources loops;
    DisposableServer server;
    ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        loops = LoopResources.create("fake-platform-availability", 1, true);
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops)
                .handle((request, response) -> {
                    Map<String, String> headers = new java.util.HashMap<>();
                    request.requestHeaders()
                            .forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
                    seen.add(new Seen(request.uri(), headers, verifies(request.uri(), headers)));
                    Answer now = answer;
                    return Mono.delay(now.delay())
                            .then(response.status(now.status())
                                    .header("Content-Type", now.contentType())
                                    .sendString(Mono.just(now.body()))
                                    .then());
                })
                .bindNow();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(AvailabilityClient.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(AvailabilityClient.class)).detachAppender(logs);
        server.disposeNow();
        loops.dispose();
    }

    /** As the platform verifies: the reference library, the request target in place of a body. */
    static boolean verifies(String target, Map<String, String> headers) {
        try {
            new Webhook(SECRET)
                    .verify(
                            target,
                            Map.of(
                                    "webhook-id",
                                    List.of(headers.get("webhook-id")),
                                    "webhook-timestamp",
                                    List.of(headers.get("webhook-timestamp")),
                                    "webhook-signature",
                                    List.of(headers.get("webhook-signature"))));
            return true;
        } catch (WebhookVerificationException | RuntimeException e) {
            return false;
        }
    }

    String platform(String pathAndQuery) {
        return "http://127.0.0.1:" + server.port() + pathAndQuery;
    }

    static Tenant tenant(Optional<String> availabilityUrl, List<NamedSecret> secrets) {
        return new Tenant(
                "luigis",
                1,
                true,
                "Luigi's",
                ZoneId.of("Europe/Madrid"),
                new Tenant.Account(
                        Optional.empty(),
                        "luigis_voice",
                        new NamedSecret("key-1", "api-key"),
                        "+34910000000",
                        List.of("+34910000000"),
                        Optional.empty(),
                        List.of()),
                List.of(),
                List.of(),
                URI.create("https://platform.example/hooks"),
                secrets,
                new Tenant.Calling(
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(10),
                        LocalTime.of(9, 0),
                        LocalTime.of(21, 30),
                        3,
                        Duration.ofMinutes(10),
                        2,
                        0,
                        0),
                new Tenant.Digits("1", "0", "9"),
                Map.of(),
                Map.of(),
                Optional.empty(),
                List.of(),
                new Tenant.Assistant(
                        true,
                        Duration.ofSeconds(60),
                        Optional.empty(),
                        Optional.empty(),
                        availabilityUrl.map(URI::create)),
                Tenant.Texting.DEFAULT);
    }

    Tenant tenant(String pathAndQuery) {
        return tenant(Optional.of(platform(pathAndQuery)), List.of(new NamedSecret("s-1", SECRET)));
    }

    AvailabilityClient client(Duration timeout) {
        return new AvailabilityClient(
                org.springframework.web.reactive.function.client.WebClient.builder(),
                new AvailabilityProperties(timeout),
                Clock.systemUTC());
    }

    List<Slot> ask(Tenant tenant, Optional<String> reservationId) {
        return client(Duration.ofMillis(800))
                .freeSlots(tenant, reservationId, LocalDate.of(2026, 12, 1), LocalTime.of(20, 30), 4)
                .block(Duration.ofSeconds(10));
    }

    @Test
    void aChangeIsAskedWithTheBookingAndTheWishSignedOverItsTargetAndTheFirstThreeSlotsAreOffered() {
        List<Slot> slots = ask(tenant("/availability"), Optional.of("r-4821"));

        assertThat(slots)
                .containsExactly(
                        new Slot(OffsetDateTime.parse("2026-12-01T20:30:00+01:00"), 4),
                        new Slot(OffsetDateTime.parse("2026-12-01T20:00:00+01:00"), 4),
                        new Slot(OffsetDateTime.parse("2026-12-01T21:00:00+01:00"), 4));
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.uri())
                    .isEqualTo("/availability?reservationId=r-4821&date=2026-12-01&time=20:30&partySize=4");
            assertThat(request.verified())
                    .as("signature verifies over the path and query")
                    .isTrue();
            assertThat(request.headers().get("webhook-id")).startsWith("avail_");
            assertThat(Long.parseLong(request.headers().get("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
            assertThat(request.headers().get("accept")).contains("application/json");
        });
    }

    @Test
    void aNewBookingNamesNoReservationAndTheUrlsOwnQueryIsKeptAndSigned() {
        ask(tenant("/venues/12/availability?venue=luigis"), Optional.empty());

        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.uri())
                    .isEqualTo("/venues/12/availability?venue=luigis&date=2026-12-01&time=20:30&partySize=4");
            assertThat(request.verified()).isTrue();
        });
    }

    @Test
    void anIdWithReservedCharactersIsSentAsDataAndStillVerifies() {
        ask(tenant("/availability"), Optional.of("r 1+2&x=y"));

        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.uri()).startsWith("/availability?reservationId=r%201%2B2%26x%3Dy&date=");
            assertThat(request.verified()).isTrue();
        });
    }

    @Test
    void everyActiveSecretSignsSoAPlatformRotatingItsSecretVerifiesWithEither() {
        Tenant rotating = tenant(
                Optional.of(platform("/availability")),
                List.of(new NamedSecret("old", OLD_SECRET), new NamedSecret("new", SECRET)));

        assertThat(ask(rotating, Optional.of("r-1"))).hasSize(3);

        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.headers().get("webhook-signature").split(" "))
                    .hasSize(2)
                    .allMatch(s -> s.startsWith("v1,"));
            assertThat(request.verified()).isTrue();
        });
    }

    @Test
    void aPlatformThatDoesNotAnswerInTimeGivesNoSlotsWithinTheTimeout() {
        answer = new Answer(200, "application/json", FOUR_SLOTS, Duration.ofSeconds(3));

        long started = System.nanoTime();
        List<Slot> slots = client(Duration.ofMillis(300))
                .freeSlots(
                        tenant("/availability"), Optional.of("r-1"), LocalDate.of(2026, 12, 1), LocalTime.of(20, 30), 4)
                .block(Duration.ofSeconds(10));

        assertThat(slots).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        assertThat(seen).hasSize(1);
        assertThat(messages()).anyMatch(m -> m.contains("did not answer within 300 ms"));
    }

    @Test
    void aRefusalOrAnAnswerWeCannotReadGivesNoSlots() {
        for (Answer refusal : List.of(
                new Answer(
                        401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}", Duration.ZERO),
                new Answer(503, "text/html", "<html>down</html>", Duration.ZERO),
                new Answer(200, "application/json", "not json", Duration.ZERO),
                new Answer(200, "application/json", "{\"times\":[]}", Duration.ZERO),
                new Answer(
                        200,
                        "application/json",
                        "{\"slots\":[{\"startsAt\":\"2026-12-01T20:30:00\",\"partySize\":4}]}",
                        Duration.ZERO),
                new Answer(
                        200,
                        "application/json",
                        "{\"slots\":[{\"startsAt\":\"2026-12-01T20:30:00+01:00\","
                                + "\"partySize\":4},{\"startsAt\":\"8:30pm\",\"partySize\":4}]}",
                        Duration.ZERO),
                new Answer(
                        200,
                        "application/json",
                        "{\"slots\":[{\"startsAt\":\"2026-12-01T20:30:00+01:00\"}]}",
                        Duration.ZERO),
                new Answer(204, "application/json", "", Duration.ZERO))) {
            answer = refusal;
            assertThat(ask(tenant("/availability"), Optional.of("r-1")))
                    .as(refusal.toString())
                    .isEmpty();
        }
        assertThat(seen).hasSize(8);
    }

    @Test
    void noSlotsIsAnAnswerToo() {
        answer = new Answer(200, "application/json", "{\"slots\":[]}", Duration.ZERO);

        assertThat(ask(tenant("/availability"), Optional.of("r-1"))).isEmpty();
        assertThat(messages()).isEmpty();
    }

    @Test
    void aTenantWithoutAnAvailabilityUrlIsNotAsked() {
        assertThat(ask(tenant(Optional.empty(), List.of(new NamedSecret("s-1", SECRET))), Optional.of("r-1")))
                .isEmpty();
        assertThat(seen).isEmpty();
    }

    @Test
    void aTenantWhoseRequestsCannotBeSignedIsNotAskedAndTheLogNamesTheSecretsIdOnly() {
        assertThat(ask(tenant(Optional.of(platform("/availability")), List.of()), Optional.of("r-1")))
                .isEmpty();
        assertThat(ask(
                        tenant(
                                Optional.of(platform("/availability")),
                                List.of(new NamedSecret("s-broken", "not-a-secret-value"))),
                        Optional.of("r-1")))
                .isEmpty();

        assertThat(seen).isEmpty();
        assertThat(messages())
                .anyMatch(m -> m.contains("no signing secret"))
                .anyMatch(m -> m.contains("signing secret s-broken"))
                .noneMatch(m -> m.contains("not-a-secret-value"));
    }

    @Test
    void aPlatformThatCannotBeReachedGivesNoSlots() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Tenant unreachable = tenant(
                Optional.of("http://127.0.0.1:" + closedPort + "/availability"),
                List.of(new NamedSecret("s-1", SECRET)));

        assertThat(ask(unreachable, Optional.of("r-1"))).isEmpty();
    }

    @Test
    void theLogNeverShowsTheUrlWhereAPlatformMayKeepAToken() {
        answer = new Answer(500, "application/problem+json", "{\"title\":\"boom\"}", Duration.ZERO);

        ask(tenant("/availability?token=platform-token-123"), Optional.of("r-1"));

        assertThat(messages())
                .isNotEmpty()
                .noneMatch(m -> m.contains("platform-token-123"))
                .anyMatch(m -> m.contains("HTTP 500"));
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
